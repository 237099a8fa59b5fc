"""Rate limits and caching headers for the public API (/api/).

`ApiLimitsMiddleware` (after CorsMiddleware, so its answers carry the CORS headers too):

- Rate limit per client: at most ``API_RATE_LIMIT`` requests per ``API_RATE_LIMIT_WINDOW``
  seconds, counted by `portal.ratelimit.hit` (the one function every limit uses; the client
  address comes from its trust model: ``X-Forwarded-For`` only from ``TRUSTED_PROXIES``).
  Above the limit: ``429`` with a Dutch JSON message and ``Retry-After``.
  ``API_RATE_LIMIT = 0`` switches the limit off; client addresses in
  ``API_RATE_LIMIT_EXEMPT`` (default: none) are not limited.
- Caching: a successful GET gets ``Cache-Control: public, max-age=API_CACHE_SECONDS``
  (unless the view set its own), an ``ETag``, and ``304`` for a matching ``If-None-Match``.
"""

from django.conf import settings
from django.http import JsonResponse
from django.utils.cache import get_conditional_response, patch_vary_headers, set_response_etag
from django.utils.translation import gettext as _

from portal.ratelimit import client_address, client_id  # noqa: F401 (published)
from portal.ratelimit import hit as count

API_PREFIX = "/api/"


def _limits():
    return (
        int(getattr(settings, "API_RATE_LIMIT", 120)),
        max(1, int(getattr(settings, "API_RATE_LIMIT_WINDOW", 60))),
    )


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
