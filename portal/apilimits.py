"""Rate limits and caching headers for the public API (/api/).

`ApiLimitsMiddleware` (after CorsMiddleware, so its answers carry the CORS headers too):

- Rate limit per client: at most ``API_RATE_LIMIT`` requests per ``API_RATE_LIMIT_WINDOW``
  seconds. A client is a salted SHA-256 hash of its IP address (``REMOTE_ADDR``, or the
  first ``X-Forwarded-For`` address when ``BEHIND_PROXY`` is on); the raw address is never
  stored. Counters live in the shared cache (Redis or the file cache), one fixed window per
  client. Above the limit: ``429`` with a Dutch JSON message and ``Retry-After``.
  ``API_RATE_LIMIT = 0`` switches the limit off; addresses in ``API_RATE_LIMIT_EXEMPT``
  (default: this machine) are not limited.
- Caching: a successful GET gets ``Cache-Control: public, max-age=API_CACHE_SECONDS``
  (unless the view set its own), an ``ETag``, and ``304`` for a matching ``If-None-Match``.
"""

import hashlib
import math
import time

from django.conf import settings
from django.core.cache import cache
from django.http import JsonResponse
from django.utils.cache import get_conditional_response, patch_vary_headers, set_response_etag
from django.utils.translation import gettext as _

API_PREFIX = "/api/"


def client_address(request):
    address = request.META.get("REMOTE_ADDR", "")
    if getattr(settings, "BEHIND_PROXY", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            address = forwarded.split(",")[0].strip()
    return address


def client_id(request):
    """A salted hash of the client's address: enough to count, useless to identify."""
    address = client_address(request)
    salt = settings.SECRET_KEY.encode()
    return hashlib.sha256(salt + b"|ratelimit|" + address.encode()).hexdigest()[:32]


def _limits():
    return (
        int(getattr(settings, "API_RATE_LIMIT", 300)),
        max(1, int(getattr(settings, "API_RATE_LIMIT_WINDOW", 60))),
    )


def count(request, scope, limit, window, exempt=(), now=None):
    """Count one request of this client in `scope` (a fixed window of `window` seconds).

    Returns (allowed, remaining, seconds until the window resets). Only the salted hash of
    the client's address is part of the cache key. ``limit <= 0`` or an address in
    `exempt` is not limited: (True, None, 0). Other rate limits (e.g. the newsletter
    subscription) use this with their own scope and settings.
    """
    window = max(1, int(window))
    if limit <= 0 or client_address(request) in exempt:
        return True, None, 0
    now = time.time() if now is None else now
    start = int(now // window) * window
    reset = max(1, math.ceil(start + window - now))
    key = f"{scope}:{client_id(request)}:{start}"
    cache.add(key, 0, timeout=window + 1)
    try:
        hits = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window + 1)
        hits = 1
    return hits <= limit, max(0, limit - hits), reset


def hit(request, now=None):
    """Count this API request; return (allowed, remaining, seconds until the window resets)."""
    limit, window = _limits()
    return count(request, "apilimit", limit, window,
                 exempt=getattr(settings, "API_RATE_LIMIT_EXEMPT", ()), now=now)


def too_many(retry_after):
    response = JsonResponse(
        {
            "error": _(
                "Te veel verzoeken. Probeer het over %(seconds)s seconden opnieuw."
            ) % {"seconds": retry_after},
            "retry_after": retry_after,
        },
        status=429,
        json_dumps_params={"ensure_ascii": False},
    )
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    return response


class ApiLimitsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(API_PREFIX) or request.method == "OPTIONS":
            return self.get_response(request)
        allowed, remaining, reset = hit(request)
        if not allowed:
            return too_many(reset)
        response = self.get_response(request)
        if remaining is not None:
            limit, _window = _limits()
            response["RateLimit-Limit"] = str(limit)
            response["RateLimit-Remaining"] = str(remaining)
            response["RateLimit-Reset"] = str(reset)
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            seconds = int(getattr(settings, "API_CACHE_SECONDS", 300))
            if "Cache-Control" not in response:
                response["Cache-Control"] = f"public, max-age={seconds}"
            patch_vary_headers(response, ["Accept", "Accept-Language"])
            if not response.streaming and not response.has_header("ETag"):
                if hasattr(response, "render") and not response.is_rendered:
                    response.render()
                set_response_etag(response)
            conditional = get_conditional_response(
                request, etag=response.get("ETag"), response=response
            )
            if conditional is not response:
                return conditional
        elif response.status_code >= 400 and "Cache-Control" not in response:
            response["Cache-Control"] = "no-store"
        return response
