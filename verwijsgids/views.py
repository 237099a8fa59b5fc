"""Public views of the verwijsgids pages (called from the page models' `serve`).

Query budget (uncached render, warm low-level caches): the page frame costs 7 queries for the
index and 8 for a scheme; the index adds 2 (schemes, their domains + municipalities), a
scheme adds 2 (ladder both ways, domains + municipalities) and 1 for the related case stories
(casussen/related.py). See tests/test_verwijsgids_pages.
"""

from itertools import groupby

from django.conf import settings
from django.db.models import Q
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from casussen import related

from .models import (
    LIJNEN,
    SOORTEN,
    RegelingVolgendeStap,
    attach_vocabulaires,
    is_valid_key,
    regelingen_voor,
    vocabulaires,
)

FILTERS = ("domein", "soort", "gemeente")


def parse_filters(params):
    """Read domein/soort/gemeente from GET params. Returns (values, errors) with Dutch messages.

    `values` holds vocabulary objects (or the soort key); invalid values are left out.
    """
    vocab = vocabulaires()
    options = {
        "domein": {d.key: d for d in vocab["domeinen"]},
        "gemeente": {g.key: g for g in vocab["gemeenten"]},
        "soort": {key: key for key, _label in SOORTEN},
    }
    messages = {
        "domein": _("Dit onderwerp kennen wij niet. Kies een onderwerp uit de lijst."),
        "soort": _("Deze soort hulp kennen wij niet. Kies een soort uit de lijst."),
        "gemeente": _("Deze gemeente kennen wij niet. Kies een gemeente uit de lijst."),
    }
    values, errors = {}, {}
    for name in FILTERS:
        raw = params.get(name, "")
        if not isinstance(raw, str):
            raw = ""
        raw = raw.strip()
        if not raw:
            continue
        if is_valid_key(raw) and raw in options[name]:
            values[name] = options[name][raw]
        else:
            errors[name] = messages[name]
    return values, errors


def serve_index(page, request):
    values, errors = parse_filters(request.GET)
    results = (
        regelingen_voor(
            gemeente=values.get("gemeente"), domein=values.get("domein"),
            soort=values.get("soort"), locale=page.locale_id, fallback=True,
        )
        .select_related("organisatie")
        .order_by("lijn", "title")
    )
    results = attach_vocabulaires(results)
    groups = []
    lijn_labels = dict(LIJNEN)
    for lijn, items in groupby(results, key=lambda r: r.lijn):
        groups.append({"lijn": lijn, "label": lijn_labels.get(lijn, ""), "items": list(items)})
    vocab = vocabulaires()
    context = page.get_context(request)
    context.update(
        {
            "results": results,
            "groups": groups,
            "count": len(results),
            "errors": errors,
            "selected": {name: request.GET.get(name, "") for name in FILTERS},
            "filtered": bool(values),
            "domeinen": vocab["domeinen"],
            "gemeenten": vocab["gemeenten"],
            "soorten": SOORTEN,
            "page_locale_id": page.locale_id,
        }
    )
    return TemplateResponse(
        request, "verwijsgids/verwijsgids_index_page.html", context, status=400 if errors else 200
    )


def ladder(page):
    """(before, after): live schemes that send people here, and where to go next. One query."""
    steps = (
        RegelingVolgendeStap.objects.filter(Q(regeling=page) | Q(doel=page))
        .filter(regeling__live=True, doel__live=True)
        .select_related("regeling", "doel")
        .order_by("sort_order", "pk")
    )
    before, after = [], []
    for step in steps:
        if step.regeling_id == page.pk and step.doel_id != page.pk:
            after.append(step)
        elif step.doel_id == page.pk and step.regeling_id != page.pk:
            if step.regeling.locale_id == page.locale_id and all(
                s.regeling_id != step.regeling_id for s in before
            ):
                before.append(step)
    return before, after


def serve_regeling(page, request):
    attach_vocabulaires([page])
    before, after = ladder(page)
    context = page.get_context(request)
    parent = getattr(page, "_cached_parent_obj", None)
    context.update(
        {
            "before": before,
            "after": after,
            "index_page": parent,
            "index_page_list": [parent] if parent is not None else [],
            "jsonld": page.jsonld(request),
            "is_source_language": page.locale.language_code == settings.LANGUAGE_CODE,
            **related.context([domein.key for domein in page.domeinen_lijst]),
        }
    )
    return TemplateResponse(request, "verwijsgids/regeling.html", context)
