"""Breadcrumbs for kennisbank pages from the parent that routing already loaded (no query)."""

from django import template
from django.utils import translation

from portal.templatetags.portal_tags import language_home_url

register = template.Library()


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def kennisbank_breadcrumbs(context):
    page = context.get("page")
    crumbs = []
    if page is not None and page.depth > 3:
        parent = page.get_parent()  # cached by KennisbankIndexPage.route
        crumbs = [parent] if parent.depth > 2 else []
        if page.depth > 4:
            crumbs = list(page.get_ancestors().filter(depth__gt=2).only("id", "title", "url_path"))
    return {
        "show": page is not None and page.depth > 2,
        "home_url": language_home_url(translation.get_language()),
        "crumbs": crumbs,
        "page": page,
        "request": context["request"],
    }
