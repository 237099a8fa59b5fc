"""Shared pieces of the public APIs."""


def only_public_api(endpoints, **kwargs):
    """drf-spectacular hook: describe only our /api/ endpoints, not Wagtail's admin APIs."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/")]
