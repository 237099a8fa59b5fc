"""Site search (/zoeken/) and the guided finder (/vinden/)."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from casussen.gate import hide_unapproved
from portal.pages import any_view_restriction
from portal.text import clean_text, search_words

from . import crisis as crisis_help
from .guided import DECISION_KEYS
from .loader import get_index
from .querylog import log_query
from .service import find
from .text import MAX_QUERY_LENGTH

# Schemes from the finder shown above the page results, when they fit well enough.
FINDER_TOP = 3
FINDER_MIN_SHARE = 0.35


def _language():
    return "en" if translation.get_language() == "en" else "nl"


def _promotions(query, locale):
    from wagtail.contrib.search_promotions.models import SearchPromotion
    from wagtail.search.utils import normalise_query_string

    return list(
        SearchPromotion.objects.filter(
            query__query_string=normalise_query_string(query), page__live=True,
            page__locale=locale,
        ).select_related("page")[:3]
    )


def _finder_matches(query, language, correct=True):
    results = find(query, limit=FINDER_TOP * 2, language=language, correct=correct)
    if not results:
        return []
    best = results[0].score
    return [r for r in results[:FINDER_TOP] if r.score >= best * FINDER_MIN_SHARE]


def search(request):
    """All public content of the active language; the best-fitting schemes first."""
    query = clean_text(request.GET.get("q", ""), multiline=False)
    language = _language()
    error = ""
    matches, promotions, suggestion = [], [], ""
    literal = request.GET.get("letterlijk") == "1"
    crisis = None
    results = Page.objects.none()
    if len(query) > MAX_QUERY_LENGTH:
        error = _("Uw zoekvraag is te lang. Gebruik maximaal %(max)s tekens.") % {
            "max": MAX_QUERY_LENGTH
        }
    elif query:
        # Danger first: the crisis box above everything (counted once, on the first page).
        crisis = crisis_help.check(query, "zoeken", language,
                                   record=request.GET.get("pagina", "1") in ("", "1"))
        # Only misspelt words are corrected; the question stays as typed and the resident
        # can search the typed words after all ("Zoek toch op").
        suggestion = "" if literal else get_index(language).analyse(query).suggestion
        locale = Locale.get_active()
        matches = _finder_matches(query, language, correct=not literal)
        promotions = _promotions(query, locale)
        pages = hide_unapproved(Page.objects.live().filter(locale=locale))
        if any_view_restriction():
            pages = pages.public()
        words = search_words(f"{query} {suggestion}" if suggestion else query)
        results = pages.search(words, operator="or") if words else Page.objects.none()
    paginator = Paginator(results, 10)
    try:
        page_obj = paginator.page(request.GET.get("pagina", 1))
    except (PageNotAnInteger, EmptyPage):
        page_obj = paginator.page(1)
    first_page = page_obj.number == 1
    shown = {match.page_id for match in matches} | {
        promotion.page_id for promotion in promotions if promotion.page_id
    }
    items = [item for item in page_obj.object_list if not first_page or item.pk not in shown]
    count = paginator.count + (len(matches) + len(promotions) if query and not error else 0)
    related = {}
    if first_page and matches:
        # Case stories in the domains of the schemes shown ("Verhalen van anderen").
        from casussen import related as related_cases

        by_key = get_index(language).by_key
        domains = set()
        for match in matches:
            if match.key in by_key:
                domains |= by_key[match.key].domains
        related = related_cases.context(domains, exclude_ids=[item.pk for item in items])
    if query and not error and not crisis:
        # Crisis questions are only counted per crisis word, never logged as text.
        # Count what the resident saw: page results plus the extra schemes shown on top.
        log_query(query, "zoeken", count, get_index(language).known_words)
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "query": query, "error": error, "results": page_obj, "items": items,
            "count": count, "matches": matches if first_page else [],
            "promotions": promotions if first_page else [], "suggestion": suggestion,
            "literal": literal, "crisis": crisis,
            # The question points at a decision: say the 6-week objection term.
            "deadline": any(match.key in DECISION_KEYS for match in matches),
            **related,
        },
        status=400 if error else 200,
    )




def sporen_wissen(request):
    """Covering your tracks: the quick exit, private windows, history (Dutch and English)."""
    return TemplateResponse(request, "search/sporen_wissen.html", {
        "crisis_help": crisis_help.box(_language()),
    })
