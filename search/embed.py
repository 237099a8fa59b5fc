"""The embeddable finder for partners' websites.

- ``/embed/vinden/`` (and ``/en/embed/vinden/``): a small page made to be framed. The
  partner fixes the municipality and the domain with ``?gemeente=<key>&domein=<key>``
  (both optional). The resident types a question; the results come from the finder
  (`search.service.find`, the same scoring as /api/finder/) and open on this site in the
  top window (``target="_top"``). No site navigation, a small stylesheet, one small script
  (``search/embed-frame.js``) that tells the parent page its height.
- ``/embed/vinden.js``: the one-line alternative for partners. It inserts the iframe right
  after its own ``<script>`` element and sets the iframe's height from the messages the
  embed page sends (``{"type": "slp-embed-height", "height": <px>}``).

Only these responses may be framed: they carry ``Content-Security-Policy`` with
``frame-ancestors *`` and no ``X-Frame-Options``. Every other page keeps the site-wide
``frame-ancestors 'none'`` and ``X-Frame-Options: DENY`` (`portal.middleware`).
"""

from functools import lru_cache

from django.contrib.staticfiles import finders
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from portal.middleware import PUBLIC_CSP

from .loader import get_index
from .querylog import log_query
from .service import FinderError, clean_params, find

EMBED_RESULTS = 5
EMBED_CSP = PUBLIC_CSP.replace("frame-ancestors 'none'", "frame-ancestors *")
EMBED_CACHE_SECONDS = 300


def _language():
    return "en" if translation.get_language() == "en" else "nl"


def _vocabulary_label(model, key):
    if not key:
        return ""
    item = model.objects.filter(key=key).first()
    return item.label if item else key


@require_safe
@xframe_options_exempt
def embed_vinden(request):
    from verwijsgids.deeplinks import melden_path, vinden_path
    from verwijsgids.models import Domein, Gemeente

    language = _language()
    raw_gemeente = request.GET.get("gemeente", "")
    raw_domein = request.GET.get("domein", "")
    raw_query = request.GET.get("q", "")
    config_error = query_error = ""
    gemeente = domein = None
    query = ""
    results = []
    try:
        _q, gemeente, _d, _l = clean_params("", raw_gemeente, None, None, language)
    except FinderError:
        config_error = _(
            "Deze zoekhulp is niet goed ingesteld: de gemeente '%(value)s' kennen wij niet."
        ) % {"value": raw_gemeente[:40]}
    if not config_error:
        try:
            _q, _g, domein, _l = clean_params("", None, raw_domein, None, language)
        except FinderError:
            config_error = _(
                "Deze zoekhulp is niet goed ingesteld: het onderwerp '%(value)s' kennen wij niet."
            ) % {"value": raw_domein[:40]}
    if not config_error:
        try:
            query, _g, _d, _l = clean_params(raw_query, None, None, EMBED_RESULTS, language)
        except FinderError as error:
            query_error = error.message
            query = raw_query.strip()[:200]
    searched = bool(query) and not (config_error or query_error)
    if searched:
        results = find(query, gemeente, domein, EMBED_RESULTS, language)
        log_query(query, "api", len(results), get_index(language).known_words)
    context = {
        "language": language,
        "query": query,
        "searched": searched,
        "results": results,
        "gemeente": gemeente,
        "domein": domein,
        "gemeente_label": _vocabulary_label(Gemeente, gemeente),
        "domein_label": _vocabulary_label(Domein, domein),
        "config_error": config_error,
        "query_error": query_error,
        "melden_url": melden_path(language, domein=domein),
        "vinden_url": vinden_path(language, gemeente=gemeente, domein=domein),
        "home_url": "/" if language == "nl" else f"/{language}/",
    }
    status = 400 if (config_error or query_error) else 200
    response = TemplateResponse(request, "search/embed/vinden.html", context, status=status)
    response["Content-Security-Policy"] = EMBED_CSP
    if status == 200 and not searched:
        response["Cache-Control"] = f"public, max-age={EMBED_CACHE_SECONDS}"
    return response


@lru_cache(maxsize=1)
def _loader_source():
    path = finders.find("search/embed-loader.js")
    if path is None:  # pragma: no cover - the file ships with the app
        raise Http404
    with open(path, encoding="utf-8") as handle:
        return handle.read()


@require_safe
def embed_script(request):
    """The one-line alternative: ``<script src=".../embed/vinden.js" data-gemeente=...>``."""
    response = HttpResponse(_loader_source(), content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "public, max-age=3600"
    response["Access-Control-Allow-Origin"] = "*"
    return response
