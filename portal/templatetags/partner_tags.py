"""Discoverability for partners and search engines: OpenSearch link and schema.org data."""

import json

from django import template
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation
from django.utils.html import _json_script_escapes, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .portal_tags import contact_details, language_home_url

register = template.Library()

AREA_CACHE_KEY = "partners:area-served"


@register.simple_tag(takes_context=True)
def opensearch_link(context):
    request = context.get("request")
    if request is None:
        return ""
    return format_html(
        '<link rel="search" type="application/opensearchdescription+xml" title="{}" href="{}">',
        _("SignaLeerpunt: zoek waar u terecht kunt"),
        reverse("opensearch"),
    )


def _area_served():
    from verwijsgids.models import Gemeente

    def load():
        return list(Gemeente.objects.order_by("name").values_list("name", flat=True))

    # Municipalities change rarely; a save of one empties the page cache, not this: 1 hour.
    return cache.get_or_set(AREA_CACHE_KEY, load, 3600)


def organisation_graph(base_url, language):
    """schema.org @graph: the organisation, the website with its search, and its services."""
    home = base_url + language_home_url(language)
    prefix = "" if language == "nl" else f"/{language}"
    org_id = base_url + "/#organisatie"
    area = [{"@type": "AdministrativeArea", "name": name} for name in _area_served()]
    organisation = {
        "@type": "GovernmentOrganization",
        "@id": org_id,
        "name": "SignaLeerpunt sociaal domein",
        "url": home,
        "description": _(
            "Het SignaLeerpunt helpt als zorg, jeugdhulp, Wmo, werk en inkomen of schuldhulp "
            "niet goed gaat. Wij luisteren, zoeken een oplossing en leren ervan."
        ),
        "areaServed": area,
        "knowsLanguage": ["nl", "en"],
    }
    contact = contact_details()
    if contact.phone:
        organisation["telephone"] = contact.phone
    if contact.email:
        organisation["email"] = contact.email
    if contact.phone or contact.email:
        point = {"@type": "ContactPoint", "contactType": "customer service",
                 "availableLanguage": ["nl", "en"]}
        if contact.phone:
            point["telephone"] = contact.phone
        if contact.email:
            point["email"] = contact.email
        if contact.opening_hours:
            point["hoursAvailable"] = contact.hours
        organisation["contactPoint"] = point
    website = {
        "@type": "WebSite",
        "@id": base_url + "/#website",
        "url": home,
        "name": "SignaLeerpunt sociaal domein",
        "inLanguage": language,
        "publisher": {"@id": org_id},
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint",
                       "urlTemplate": base_url + prefix + "/zoeken/?q={search_term_string}"},
            "query-input": "required name=search_term_string",
        },
    }
    services = [
        {
            "@type": "GovernmentService",
            "name": _("Melding doen bij het SignaLeerpunt"),
            "description": _("Vertel wat er mis ging met zorg of hulp. Wij luisteren, zoeken "
                             "een oplossing en leren ervan. Ook zonder naam."),
            "serviceType": _("Meldpunt"),
            "url": base_url + prefix + "/melden/",
            "provider": {"@id": org_id},
            "areaServed": area,
            "isAccessibleForFree": True,
        },
        {
            "@type": "GovernmentService",
            "name": _("Vind waar u terecht kunt met een klacht"),
            "description": _("Een paar vragen, dan weet u waar u met uw klacht of zorg "
                             "terecht kunt."),
            "serviceType": _("Verwijzing"),
            "url": base_url + prefix + "/vinden/",
            "provider": {"@id": org_id},
            "areaServed": area,
            "isAccessibleForFree": True,
        },
    ]
    return {"@context": "https://schema.org", "@graph": [organisation, website, *services]}


@register.simple_tag(takes_context=True)
def organisation_jsonld(context):
    request = context["request"]
    base_url = request.build_absolute_uri("/").rstrip("/")
    language = "en" if translation.get_language() == "en" else "nl"
    data = json.dumps(organisation_graph(base_url, language), ensure_ascii=False)
    return mark_safe(  # noqa: S308 - JSON escaped for <script> like json_script does
        f'<script type="application/ld+json">{data.translate(_json_script_escapes)}</script>'
    )
