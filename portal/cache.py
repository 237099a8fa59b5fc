"""File cache whose ``add`` and ``incr`` are atomic across processes (fcntl lock).

Django's FileBasedCache reads and writes in two steps, so two gunicorn workers counting the
same rate limit could both pass. Used when there is no Redis (see settings CACHES).
"""

import fcntl
import os
from contextlib import contextmanager

from django.core.cache.backends.filebased import FileBasedCache


class LockedFileBasedCache(FileBasedCache):
    @contextmanager
    def _locked(self):
        os.makedirs(self._dir, 0o700, exist_ok=True)
        with open(os.path.join(self._dir, ".lock"), "a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def add(self, key, value, timeout=None, version=None):
        with self._locked():
            return super().add(key, value, timeout, version)

    def incr(self, key, delta=1, version=None):
        with self._locked():
            return super().incr(key, delta, version)

