"""A generation number in the shared cache: bump it and every process sees its copy is stale.

Used by the page cache (part of every key) and the finder's in-memory index.
"""

from django.core.cache import cache


def current(key):
    value = cache.get(key)
    if value is None:
        cache.add(key, 1, timeout=None)
        value = cache.get(key, 1)
    return value


def bump(key):
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 2, timeout=None)
