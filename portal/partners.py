"""Pages for partners: "Linken naar ons" (link builder), the developer page, OpenSearch.

- ``/linken-naar-ons/``: a GET form (works without JavaScript) that builds a link to the
  finder, a question, a scheme or the intake form, or the code to embed the finder, and
  shows the HTML to paste (escaped, in ``<pre><code>``) with a preview.
- ``/ontwikkelaars/``: the public APIs (directory and finder) documented together, with
  examples that are tested (tests/test_partners_api.py fetches every example on the page).
- ``/opensearch.xml``: lets browsers offer the site search (linked from base.html).
- `PartnerSitemap`: these pages and the landing pages for "klacht" and "zorg".

The link builders themselves live in `verwijsgids.deeplinks`; the embed in `search.embed`.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from verwijsgids import deeplinks

DOELEN = [
    ("vinder", gettext_lazy("De vinder: een paar vragen, dan de juiste plek")),
    ("vraag", gettext_lazy("Zoeken met een vraag die al is ingevuld")),
    ("regeling", gettext_lazy("Eén klachtenregeling of plek voor hulp")),
    ("melden", gettext_lazy("Het meldformulier van het SignaLeerpunt")),
    ("embed", gettext_lazy("De zoekhulp op uw eigen website (insluiten)")),
]
DOEL_KEYS = [key for key, _label in DOELEN]
TALEN = [("nl", "Nederlands"), ("en", "English")]
MAX_VRAAG = 200
MAX_TEKST = 100


def _language():
    return "en" if translation.get_language() == "en" else "nl"


def _vocabularies():
    from verwijsgids.models import Domein, Gemeente, Regeling

    gemeenten = list(Gemeente.objects.order_by("name"))
    domeinen = list(Domein.objects.all())
    regelingen = list(
        Regeling.objects.live().filter(locale__language_code=settings.LANGUAGE_CODE)
        .order_by("title").values_list("key", "title")
    )
    return gemeenten, domeinen, regelingen


def _default_text(doel, language):
    with translation.override(language):
        return {
            "vinder": _("Waar kunt u terecht met uw klacht? Vind het bij het SignaLeerpunt"),
            "vraag": _("Vind waar u terecht kunt bij het SignaLeerpunt"),
            "regeling": _("Lees hoe u een klacht indient"),
            "melden": _("Doe een melding bij het SignaLeerpunt"),
            "embed": "",
        }[doel]


def _clean(params, gemeenten, domeinen, regelingen):
    """(values, errors): errors maps a field to a Dutch message."""
    values = {
        "doel": params.get("doel", "").strip(),
        "taal": params.get("taal", "nl").strip() or "nl",
        "gemeente": params.get("gemeente", "").strip(),
        "domein": params.get("domein", "").strip(),
        "regeling": params.get("regeling", "").strip(),
        "vraag": " ".join(params.get("vraag", "").split()),
        "tekst": " ".join(params.get("tekst", "").split()),
    }
    errors = {}
    if values["doel"] not in DOEL_KEYS:
        errors["doel"] = _("Kies waar de link naartoe moet gaan.")
    if values["taal"] not in {code for code, _name in TALEN}:
        errors["taal"] = _("Kies Nederlands of English.")
    if values["gemeente"] and values["gemeente"] not in {g.key for g in gemeenten}:
        errors["gemeente"] = _("Kies een gemeente uit de lijst.")
    if values["domein"] and values["domein"] not in {d.key for d in domeinen}:
        errors["domein"] = _("Kies een onderwerp uit de lijst.")
    keys = {key for key, _title in regelingen}
    if values["regeling"] and values["regeling"] not in keys:
        errors["regeling"] = _("Kies een regeling uit de lijst.")
    elif values["doel"] == "regeling" and not values["regeling"]:
        errors["regeling"] = _("Kies de regeling waar de link naartoe moet gaan.")
    if len(values["vraag"]) > MAX_VRAAG:
        errors["vraag"] = _("De vraag is te lang. Gebruik maximaal %(max)s tekens.") % {
            "max": MAX_VRAAG
        }
    elif values["doel"] == "vraag" and not values["vraag"]:
        errors["vraag"] = _("Vul de vraag in, bijvoorbeeld: thuiszorg komt niet.")
    if len(values["tekst"]) > MAX_TEKST:
        errors["tekst"] = _("De linktekst is te lang. Gebruik maximaal %(max)s tekens.") % {
            "max": MAX_TEKST
        }
    return values, errors


def build_link(values, base_url):
    """{'url', 'html', 'text', 'embed': bool, ...} for valid `values` (see `_clean`)."""
    doel, language = values["doel"], values["taal"]
    if doel == "embed":
        params = {k: values[k] for k in ("gemeente", "domein") if values[k]}
        prefix = "" if language == "nl" else f"/{language}"
        frame_url = f"{base_url}{prefix}/embed/vinden/" + (
            f"?{urlencode(params)}" if params else ""
        )
        attributes = "".join(
            f' data-{name}="{value}"' for name, value in params.items()
        ) + (f' data-lang="{language}"' if language != "nl" else "")
        with translation.override(language):
            title = _("Vind waar u terecht kunt met een klacht (SignaLeerpunt)")
        script = f'<script src="{base_url}/embed/vinden.js"{attributes} async></script>'
        iframe = format_html(
            '<iframe src="{}" title="{}" width="100%" height="420" '
            'style="border:0;max-width:48rem"></iframe>',
            frame_url, title,
        )
        return {"embed": True, "url": frame_url, "html": script, "iframe": str(iframe),
                "title": title}
    if doel == "vinder":
        path = deeplinks.vinden_path(language, values["gemeente"], values["domein"])
    elif doel == "vraag":
        path = deeplinks.zoeken_path(values["vraag"], language)
    elif doel == "regeling":
        path = deeplinks.regeling_path(values["regeling"], language)
    else:
        path = deeplinks.melden_path(language, values["regeling"], values["domein"])
    url = base_url + path
    text = values["tekst"] or _default_text(doel, language)
    html = format_html('<a href="{}">{}</a>', url, text)
    return {"embed": False, "url": url, "html": str(html), "text": text}


def _base_url(request):
    return request.build_absolute_uri("/").rstrip("/")


@require_safe
def linken(request):
    gemeenten, domeinen, regelingen = _vocabularies()
    submitted = "doel" in request.GET
    values, errors = _clean(request.GET, gemeenten, domeinen, regelingen)
    result = None
    if submitted and not errors:
        result = build_link(values, _base_url(request))
    context = {
        "doelen": DOELEN,
        "talen": TALEN,
        "gemeenten": gemeenten,
        "domeinen": domeinen,
        "regelingen": regelingen,
        "values": values,
        "errors": errors if submitted else {},
        "result": result,
        "max_vraag": MAX_VRAAG,
        "max_tekst": MAX_TEKST,
    }
    status = 400 if submitted and errors else 200
    return TemplateResponse(request, "portal/partners/linken.html", context, status=status)


# --- developer page -------------------------------------------------------------------------


def api_examples():
    """The documented examples: (title, path, what the answer holds). Only existing routes."""
    examples = []
    try:
        reverse("api-regelingen")
        examples += [
            (gettext_lazy("Alle regelingen voor inwoners van Haarlem"),
             "/api/regelingen/?gemeente=haarlem", "list"),
            (gettext_lazy("Regelingen over zorg, in het Engels"),
             "/api/regelingen/?domein=zorg&lang=en", "list"),
            (gettext_lazy("Eén regeling op sleutel"), "/api/regelingen/bezwaar/", "detail"),
        ]
    except NoReverseMatch:
        pass
    examples += [
        (gettext_lazy("De vinder: waar kan ik terecht als de thuiszorg niet komt?"),
         "/api/finder/?q=thuiszorg+komt+niet&gemeente=haarlem", "finder"),
        (gettext_lazy("De vinder, alleen jeugdhulp, de beste 3"),
         "/api/finder/?q=klacht+over+jeugdhulp&domein=jeugd&limit=3", "finder"),
        (gettext_lazy("De OpenAPI-beschrijving van alle endpoints"), "/api/schema/", "schema"),
    ]
    return examples


@require_safe
def ontwikkelaars(request):
    from verwijsgids.models import Domein, Gemeente

    limit, window = rate_limit_settings()
    context = {
        "examples": api_examples(),
        "base_url": _base_url(request),
        "rate_limit": limit,
        "rate_window": window,
        "cache_seconds": getattr(settings, "API_CACHE_SECONDS", 300),
        "gemeenten": list(Gemeente.objects.order_by("name")),
        "domeinen": list(Domein.objects.all()),
        "has_directory_api": any(kind in ("list", "detail") for _t, _p, kind in api_examples()),
    }
    return TemplateResponse(request, "portal/partners/ontwikkelaars.html", context)


def rate_limit_settings():
    return (
        int(getattr(settings, "API_RATE_LIMIT", 300)),
        int(getattr(settings, "API_RATE_LIMIT_WINDOW", 60)),
    )


# --- OpenSearch -----------------------------------------------------------------------------


@require_safe
def opensearch(request):
    language = _language()
    base = _base_url(request)
    context = {
        "search_url": base + reverse("search"),
        "home_url": base + ("/" if language == "nl" else f"/{language}/"),
        "icon_url": None,
        "language": language,
    }
    body = render_to_string("portal/partners/opensearch.xml", context, request=request)
    response = HttpResponse(body, content_type="application/opensearchdescription+xml")
    response["Cache-Control"] = "public, max-age=86400"
    return response


# --- sitemap ----------------------------------------------------------------------------


class PartnerSitemap(Sitemap):
    """Pages that are views, not Wagtail pages: the landing pages and the partner pages."""

    changefreq = "monthly"
    priority = 0.6
    i18n = True
    languages = [code for code, _name in settings.LANGUAGES]
    alternates = True
    x_default = False

    def items(self):
        names = ["landing-klacht", "landing-zorg", "partners-linken", "partners-ontwikkelaars"]
        try:
            reverse("search_vinden")
            names.insert(0, "search_vinden")
        except NoReverseMatch:
            pass
        return names

    def location(self, item):
        return reverse(item)
