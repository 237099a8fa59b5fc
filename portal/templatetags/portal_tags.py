"""Template tags for the page frame: menu, breadcrumbs, language switcher."""

from django import template
from django.conf import settings
from django.core.cache import cache
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page

from portal import pagecache

register = template.Library()
MENU_CACHE_SECONDS = 24 * 3600


STEPLEN = Page.steplen


def _language_home_path(page):
    """Tree path of the home page (depth 2) above `page`, without a query."""
    return page.path[: 2 * STEPLEN]


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """Menu pages: children of this language's home page that are marked 'show in menus'
    (one query, then cached until the next publish)."""
    page = context.get("page")
    if isinstance(page, Page) and page.depth >= 2:
        scope = _language_home_path(page)
        children = Page.objects.filter(depth=3, path__startswith=scope)
    else:
        scope = translation.get_language()
        children = Page.objects.filter(depth=3, locale__language_code=scope)
    # Cached under the page cache's generation: every publish, unpublish, move or delete
    # (the only ways the menu changes) makes a new key, so the menu is never stale.
    key = f"menu:{pagecache.generation()}:{scope}"
    items = cache.get(key)
    if items is None:
        items = list(
            children.live().in_menu().order_by("path").only("id", "title", "url_path", "path")
        )
        cache.set(key, items, MENU_CACHE_SECONDS)
    return {
        "home_url": language_home_url(translation.get_language()),
        "items": items,
        "current_path": getattr(page, "url_path", ""),
        "is_home": isinstance(page, Page) and page.depth == 2,
        "request": context["request"],
    }


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    """Home, then the ancestors between home and this page (one query, only when deeper)."""
    page = context.get("page")
    crumbs = []
    if isinstance(page, Page) and page.depth > 3:
        crumbs = list(page.get_ancestors().filter(depth__gt=2).only("id", "title", "url_path"))
    return {
        "show": isinstance(page, Page) and page.depth > 2,
        "home_url": language_home_url(translation.get_language()),
        "crumbs": crumbs,
        "page": page,
        "request": context["request"],
    }


def language_home_url(code):
    return "/" if code == settings.LANGUAGE_CODE else f"/{code}/"


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per language: the same page in that language, else that language's home.

    Views that are not Wagtail pages get their own URL with the other language prefix.
    """
    request = context["request"]
    page = context.get("page")
    translations = {}
    if isinstance(page, Page) and page.pk:
        for other in page.get_translations(inclusive=True).live().select_related("locale"):
            translations[other.locale.language_code] = other.get_url(request)
    links = []
    for code, name in settings.LANGUAGES:
        if isinstance(page, Page):
            url = translations.get(code) or language_home_url(code)
        else:
            url = translate_url(request.get_full_path(), code)
        links.append(
            {"code": code, "name": name, "url": url, "current": code == translation.get_language()}
        )
    return links


@register.simple_tag
def home_url():
    return language_home_url(translation.get_language())


@register.simple_tag
def contact_details():
    """The SignaLeerpunt's contact details, cached until an editor saves them."""
    from home.models import Contactgegevens

    return cache.get_or_set(Contactgegevens.CACHE_KEY, Contactgegevens.load, None)


@register.filter
def with_site_name(title):
    """'Title | SignaLeerpunt sociaal domein', without naming the site twice."""
    from django.utils.translation import gettext

    site = gettext("SignaLeerpunt sociaal domein")
    title = " ".join(str(title or "").split())
    if not title or title.lower() == site.lower():
        return site
    if "signaleerpunt" in title.lower():
        return title
    return f"{title} | {site}"
