"""Case stories next to the finder's answer: "Verhalen van anderen".

The site search (/zoeken/), the guided finder's outcome (/vinden/) and every scheme page
show up to three live case stories of the active language in the domains of the schemes
shown, newest first (year and quarter of the story, then first publication). One query.

Page cache: scheme pages are cached for anonymous visitors; publishing, unpublishing,
moving or deleting a case story empties the whole page cache (portal/pagecache.py), so a
cached scheme page never shows a case that is gone or misses a new one. /zoeken/ and
/vinden/ are not page-cached.
"""

from django.db.models import Q
from django.utils import translation

from portal.pages import any_view_restriction

LIMIT = 3


def _language():
    return "en" if translation.get_language() == "en" else "nl"


def related_cases(domain_keys, limit=LIMIT, exclude_ids=()):
    """Up to `limit` live `Casus` pages of the active language in any of `domain_keys`."""
    from .models import Casus

    keys = sorted({key for key in domain_keys if key and " " not in key})
    if not keys:
        return []
    in_domain = Q()
    for key in keys:
        in_domain |= Q(domain_keys__contains=f" {key} ")
    cases = Casus.objects.approved().filter(in_domain, locale__language_code=_language())
    if any_view_restriction():
        cases = cases.public()
    if exclude_ids:
        cases = cases.exclude(pk__in=list(exclude_ids))
    return list(
        cases.order_by("-year", "-quarter", "-first_published_at", "pk")
        .only("id", "title", "slug", "url_path", "path", "depth", "locale_id", "summary",
              "year", "quarter", "domain_keys")[:limit]
    )


def index_url(cases):
    """The overview the cases belong to (their parent), from a case's URL: no query."""
    for case in cases:
        url = case.get_url() or ""
        if url:
            return url.rstrip("/").rsplit("/", 1)[0] + "/"
    return ""


def context(domain_keys, exclude_ids=()):
    """Template context for `casussen/includes/related_cases.html`."""
    cases = related_cases(domain_keys, exclude_ids=exclude_ids)
    keys = sorted(set(domain_keys))
    url = index_url(cases)
    if url and len(keys) == 1:
        url += f"?domein={keys[0]}"
    return {"related_cases": cases, "related_cases_url": url}
