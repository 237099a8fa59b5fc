"""Landing pages for the words residents search for: /klacht/ and /zorg/ (and /en/...).

Indexable pages (listed in the sitemap by `portal.partners.PartnerSitemap`) that explain in
plain words where to go, show the finder's best schemes for the word, and offer the
question box, the guided finder and the intake form.
"""

from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from .service import find

LANDINGS = {
    "klacht": {
        "query": "klacht",
        "title": _("Een klacht over zorg, hulp of de gemeente?"),
        "intro": _(
            "Bent u niet tevreden over zorg, jeugdhulp, hulp thuis, werk en inkomen of hulp "
            "bij schulden? Hier ziet u waar u met uw klacht terecht kunt. Weet u het niet "
            "zeker? Het SignaLeerpunt luistert en helpt u verder."
        ),
    },
    "zorg": {
        "query": "zorg",
        # "zorg" is also a worry: the finder's answer first, then the schemes for care.
        "domein": "zorg",
        "title": _("Zorgen over zorg of hulp?"),
        "intro": _(
            "Maakt u zich zorgen over de zorg of hulp die u of iemand anders krijgt? Of gaat "
            "er iets mis met de huisarts, de wijkverpleging of de ggz? Hier ziet u waar u "
            "terecht kunt."
        ),
    },
}
LANDING_RESULTS = 6


@require_safe
def landing(request, word):
    spec = LANDINGS[word]
    language = "en" if translation.get_language() == "en" else "nl"
    results = find(spec["query"], limit=LANDING_RESULTS, language=language)
    if spec.get("domein") and len(results) < LANDING_RESULTS:
        seen = {result.key for result in results}
        more = find("", domein=spec["domein"], limit=LANDING_RESULTS * 2, language=language)
        results += [result for result in more if result.key not in seen]
        results = results[:LANDING_RESULTS]
    from verwijsgids.deeplinks import melden_path, vinden_path

    context = {
        "word": word,
        "title": spec["title"],
        "intro": spec["intro"],
        "results": results,
        "vinden_url": vinden_path(language),
        "melden_url": melden_path(language),
    }
    return TemplateResponse(request, "search/landing.html", context)
