"""Stable links for partners: /regelingen/<key>/ always lands on the scheme's current page.

A scheme's ``key`` never changes once published (see `verwijsgids.models.Regeling.clean`);
its slug, title and place in the tree may. Partners link to ``/regelingen/<key>/`` (Dutch)
or ``/en/regelingen/<key>/`` (English); this view answers with a temporary redirect (302)
to the page as it is today, in the language of the link, or the Dutch page when the scheme
has no live English translation. A 302 (not a 301) so that browsers and proxies never
remember an address that may change again.

The helpers below build the other partner links (finder, intake form); the link builder
(`portal.partners`) and the embeddable finder (`search.embed`) use them.
"""

from urllib.parse import urlencode

from django.http import Http404, HttpResponseRedirect
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Locale

from portal.pages import any_view_restriction

from .models import Regeling, is_valid_key


def _prefix(language):
    return "" if language in (None, "", "nl") else f"/{language}"


def find_regeling(key, language=None):
    """The live, public page of scheme `key` in `language`, else in Dutch; None if unknown."""
    if not is_valid_key(key):
        return None
    language = language or translation.get_language() or "nl"
    pages = Regeling.objects.live().filter(key=key).select_related("locale")
    if any_view_restriction():
        pages = pages.public()
    by_language = {page.locale.language_code: page for page in pages}
    default = Locale.get_default().language_code
    return by_language.get(language) or by_language.get(default)


def regeling_redirect(request, key):
    page = find_regeling(key)
    if page is None:
        raise Http404(_("Deze regeling bestaat niet (meer)."))
    url = page.get_url(request)
    if not url:
        raise Http404(_("Deze regeling bestaat niet (meer)."))
    if request.GET:
        url = f"{url}?{request.GET.urlencode()}"
    response = HttpResponseRedirect(url)
    # Never cached: the target changes when editors change the slug.
    response["Cache-Control"] = "no-cache"
    return response


# --- link builders (paths, without scheme and host) ---------------------------------------


def regeling_path(key, language="nl"):
    with translation.override(language):
        return reverse("regeling-link", kwargs={"key": key})


def melden_path(language="nl", regeling=None, domein=None):
    """The intake form with a scheme or domain filled in (``?regeling=`` / ``?domein=``)."""
    with translation.override(language):
        try:
            base = reverse("meldformulier:start")
        except NoReverseMatch:  # the intake form is built on its own branch; its path is fixed
            base = f"{_prefix(language)}/melden/"
    params = {}
    if regeling:
        params["regeling"] = regeling
    if domein:
        params["domein"] = domein
    return f"{base}?{urlencode(params)}" if params else base


def zoeken_path(query, language="nl"):
    """The site search with the question filled in; it shows the finder's best schemes first."""
    with translation.override(language):
        base = reverse("search")
    return f"{base}?{urlencode({'q': query})}"


def vinden_path(language="nl", gemeente=None, domein=None):
    """The guided finder with the answers the partner already knows filled in.

    The guided finder's own parameters: ``gemeente`` (a municipality key) and ``over`` (what
    it is about; its values are the domain keys).
    """
    params = {}
    if gemeente:
        params["gemeente"] = gemeente
    if domein:
        params["over"] = domein
    base = f"{_prefix(language)}/vinden/"
    return f"{base}?{urlencode(params)}" if params else base
