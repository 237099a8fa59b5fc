"""Partner-facing URLs (issue 8), included once from `portal.urls` inside `i18n_patterns`,
so every path also works under /en/. The views live where their subject lives:

- /regelingen/<key>/           stable link to a scheme      verwijsgids.deeplinks
- /embed/vinden/, vinden.js    the embeddable finder        search.embed
- /klacht/, /zorg/             landing pages for the words  search.landing
- /linken-naar-ons/, /ontwikkelaars/, /opensearch.xml        portal.partners
"""

from django.urls import path

from search import embed, landing
from verwijsgids import deeplinks

from . import partners

urlpatterns = [
    path("regelingen/<str:key>/", deeplinks.regeling_redirect, name="regeling-link"),
    path("embed/vinden/", embed.embed_vinden, name="embed-vinden"),
    path("embed/vinden.js", embed.embed_script, name="embed-vinden-js"),
    path("klacht/", landing.landing, {"word": "klacht"}, name="landing-klacht"),
    path("zorg/", landing.landing, {"word": "zorg"}, name="landing-zorg"),
    path("linken-naar-ons/", partners.linken, name="partners-linken"),
    path("ontwikkelaars/", partners.ontwikkelaars, name="partners-ontwikkelaars"),
    path("opensearch.xml", partners.opensearch, name="opensearch"),
]
