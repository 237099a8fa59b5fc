"""Attachments: encrypted files in PRIVATE_MEDIA_ROOT/meldingen, never under MEDIA_ROOT.

Files are written while the form is filled in (the session keeps their ids); a ``Bijlage``
row links them to the melding when it is submitted. Files without a ``Bijlage`` that are
older than a day are removed by ``verwijder_verlopen_meldingen``.
"""

import os
import time
import uuid
from pathlib import Path

from django.conf import settings

from . import crypto

SUBDIR = "meldingen"
_NAME_OK = set("0123456789abcdef")


def root() -> Path:
    return Path(settings.PRIVATE_MEDIA_ROOT) / SUBDIR


def _path(stored_name: str) -> Path:
    if len(stored_name) != 32 or not set(stored_name) <= _NAME_OK:
        raise ValueError("invalid stored name")
    return root() / stored_name


def save(data: bytes) -> str:
    """Encrypt and store; return the stored name (random, no relation to the file name)."""
    stored_name = uuid.uuid4().hex
    directory = root()
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = _path(stored_name)
    tmp = path.with_suffix(".tmp")
    with open(tmp, "wb") as handle:
        handle.write(crypto.encrypt_bytes(data))
    os.replace(tmp, path)
    return stored_name


def read(stored_name: str) -> bytes:
    with open(_path(stored_name), "rb") as handle:
        return crypto.decrypt_bytes(handle.read())


def exists(stored_name: str) -> bool:
    try:
        return _path(stored_name).exists()
    except ValueError:
        return False


def delete(stored_name: str) -> None:
    try:
        _path(stored_name).unlink(missing_ok=True)
    except ValueError:
        pass


def remove_orphans(known, max_age_seconds=24 * 3600) -> int:
    """Delete stored files not in `known` and older than `max_age_seconds`."""
    directory = root()
    if not directory.exists():
        return 0
    removed = 0
    cutoff = time.time() - max_age_seconds
    for path in directory.iterdir():
        name = path.name.split(".")[0]
        if name in known:
            continue
        if path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def rotate(stored_name: str) -> None:
    """Re-encrypt a stored file with the current (first) key."""
    path = _path(stored_name)
    with open(path, "rb") as handle:
        token = handle.read()
    tmp = path.with_suffix(".tmp")
    with open(tmp, "wb") as handle:
        handle.write(crypto.rotate_bytes(token))
    os.replace(tmp, path)
