from django.conf import settings

PUBLIC_CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'self'; "
    "object-src 'none'; frame-ancestors 'none'"
)

PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=()"


class SecurityHeadersMiddleware:
    """A strict Content-Security-Policy on public pages: no third-party requests, no framing.

    A view may set its own policy (the embeddable finder does); the admin keeps Wagtail's needs.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(("/admin/", "/django-admin/")) or settings.DEBUG:
            response.headers.setdefault("Content-Security-Policy", "frame-ancestors 'self'")
        else:
            response.headers.setdefault("Content-Security-Policy", PUBLIC_CSP)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
