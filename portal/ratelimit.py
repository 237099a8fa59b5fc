"""Client addresses and rate limits: the one function every limit uses.

Trust model for client addresses (`client_address`):

- ``REMOTE_ADDR`` is the peer that opened the connection.
- Only when that peer is one of ``TRUSTED_PROXIES`` (addresses or networks, e.g. the local
  nginx that `make serve` starts) is ``X-Forwarded-For`` read, and then only its *last*
  entry: the one our proxy appended. Everything before it was written by the client and is
  ignored. From any other peer the header is ignored altogether.
- IPv6 clients count per /64 network (one household or phone gets a whole /64).

`hit(request, scope, limit, window)` counts one attempt and answers whether it is allowed:
increment first, then compare (``cache.add`` + ``cache.incr``; Redis INCR, or the locked
file cache of `portal.cache`), so parallel requests can never pass more than ``limit``.
The cache key holds only a salted hash of the client (or of any ``key`` given, such as an
e-mail address); raw addresses are never stored. `give_back` undoes one count (a store that
failed).
"""

import hashlib
import ipaddress
import math
import time
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache


@lru_cache(maxsize=16)
def _networks(entries):
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError:
            continue
    return tuple(networks)


def _parse(text):
    try:
        return ipaddress.ip_address(text.strip().split("%")[0])
    except ValueError:
        return None


def is_trusted_proxy(address):
    ip = _parse(address or "")
    networks = _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ()) or ()))
    return ip is not None and any(ip in network for network in networks)


def client_address(request):
    """The real client's address under the trust model above ('' when unknown)."""
    peer = request.META.get("REMOTE_ADDR", "") or ""
    if is_trusted_proxy(peer):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            last = _parse(forwarded.split(",")[-1])
            if last is not None:
                return str(last)
    ip = _parse(peer)
    return str(ip) if ip is not None else ""


def client_network(request):
    """What counts as one client: the IPv4 address, or the IPv6 /64 network."""
    address = client_address(request)
    ip = _parse(address)
    if ip is not None and ip.version == 6 and not ip.ipv4_mapped:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    if ip is not None and ip.version == 6:
        return str(ip.ipv4_mapped)
    return address or "unknown"


def _digest(value):
    salt = settings.SECRET_KEY.encode()
    return hashlib.sha256(salt + b"|ratelimit|" + value.encode()).hexdigest()[:32]


def client_id(request):
    """A salted hash of the client: enough to count, useless to identify."""
    return _digest(client_network(request))


def _window(window, now):
    window = max(1, int(window))
    now = time.time() if now is None else now
    start = int(now // window) * window
    return window, start, max(1, math.ceil(start + window - now))


def _cache_key(request, scope, key, start):
    who = _digest(f"{scope}|{key}") if key is not None else client_id(request)
    return f"rl:{scope}:{who}:{start}"


def hit(request, scope, limit, window, exempt=(), now=None, key=None):
    """Count one attempt in `scope` (fixed window of `window` seconds), then check it.

    Counts per client, or per `key` when given (e.g. a normalised e-mail address).
    Returns (allowed, remaining, seconds until the window resets). ``limit <= 0`` or a
    client address in `exempt` is not limited: (True, None, 0).
    """
    if limit <= 0 or (exempt and client_address(request) in exempt):
        return True, None, 0
    window, start, reset = _window(window, now)
    cache_key = _cache_key(request, scope, key, start)
    if cache.add(cache_key, 1, timeout=window + 1):
        hits = 1
    else:
        try:
            hits = cache.incr(cache_key)
        except ValueError:  # expired between add and incr
            cache.add(cache_key, 1, timeout=window + 1)
            hits = 1
    return hits <= limit, max(0, limit - hits), reset


def give_back(request, scope, window, now=None, key=None):
    """Undo one count of this window (the attempt did not happen after all)."""
    window, start, _reset = _window(window, now)
    try:
        cache.decr(_cache_key(request, scope, key, start))
    except ValueError:
        pass
