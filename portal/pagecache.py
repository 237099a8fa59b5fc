"""Page cache for anonymous visitors, emptied whenever published content changes.

Only responses that Wagtail served for a live page are stored (see `wagtail_hooks`).
Publishing, unpublishing, moving or deleting a page, and saving a model that sets
`invalidates_page_cache = True`, bump a generation number that is part of every key.
"""

import hashlib
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

from portal import generations

GENERATION_KEY = "pagecache:generation"
SKIP_PREFIXES = ("/admin/", "/django-admin/", "/api/", "/static/", "/media/")


def generation():
    return generations.current(GENERATION_KEY)


def invalidate(**kwargs):
    generations.bump(GENERATION_KEY)


MAX_VALUE_LENGTH = 200


def _query(request):
    """The known query parameters, sorted; None when there is any other (or a long value)."""
    known = set(settings.PAGE_CACHE_QUERY_PARAMETERS)
    pairs = []
    for name, values in request.GET.lists():
        if name not in known or any(len(value) > MAX_VALUE_LENGTH for value in values):
            return None
        pairs.extend((name, value) for value in values)
    return urlencode(sorted(pairs))


def _key(request):
    query = _query(request)
    if query is None:
        return None
    raw = f"{request.get_host()}|{request.path}|{query}"
    return f"pagecache:{generation()}:{hashlib.sha256(raw.encode()).hexdigest()}"


def _cacheable_request(request):
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(SKIP_PREFIXES)
    )


def _cacheable_response(response):
    cache_control = response.get("Cache-Control", "")
    return (
        getattr(response, "page_cacheable", False)
        and response.status_code == 200
        and not response.cookies
        and "private" not in cache_control
        and "no-store" not in cache_control
    )


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        key = _key(request)
        if key is None:
            return self.get_response(request)
        response = cache.get(key)
        if response is not None:
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if _cacheable_response(response):
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            response["X-Page-Cache"] = "miss"
            cache.set(key, response, settings.PAGE_CACHE_SECONDS)
        return response


def _invalidate_if_marked(sender, **kwargs):
    if getattr(sender, "invalidates_page_cache", False):
        invalidate()


def connect_signals():
    from wagtail.models import Page, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move

    page_published.connect(invalidate, dispatch_uid="pagecache-published")
    page_unpublished.connect(invalidate, dispatch_uid="pagecache-unpublished")
    post_page_move.connect(invalidate, dispatch_uid="pagecache-moved")
    post_delete.connect(invalidate, sender=Page, dispatch_uid="pagecache-deleted")
    post_save.connect(invalidate, sender=Site, dispatch_uid="pagecache-site")
    post_save.connect(_invalidate_if_marked, dispatch_uid="pagecache-marked-save")
    post_delete.connect(_invalidate_if_marked, dispatch_uid="pagecache-marked-delete")
