"""The admin report: the most frequent questions and the questions that found nothing."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Max, Sum
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Synoniem, Zoekvraag

PERIODS = {"7": 7, "30": 30, "90": 90, "365": 365}


def may_see_report(user):
    return user.is_active and (
        user.is_superuser or user.has_perm(f"search.change_{Synoniem._meta.model_name}")
    )


def zoekvragen_report(request):
    if not may_see_report(request.user):
        raise PermissionDenied
    period = request.GET.get("dagen", "30")
    days = PERIODS.get(period, 30)
    since = timezone.localdate() - datetime.timedelta(days=days - 1)
    rows = Zoekvraag.objects.filter(datum__gte=since)
    source = request.GET.get("bron", "")
    if source in dict(Zoekvraag.BRONNEN):
        rows = rows.filter(bron=source)
    grouped = rows.values("vraag").annotate(
        keer=Sum("aantal"), gevonden=Max("resultaten"),
        laatst=Max("datum"),
    )
    frequent = grouped.order_by("-keer", "vraag")[:50]
    empty = grouped.filter(gevonden=0).order_by("-keer", "vraag")[:50]
    total = rows.aggregate(total=Sum("aantal"))["total"] or 0
    return render(request, "search/admin/zoekvragen.html", {
        "page_title": _("Zoekvragen"),
        "header_icon": "search",
        "frequent": frequent,
        "empty": empty,
        "total": total,
        "days": days,
        "periods": PERIODS,
        "source": source,
        "sources": Zoekvraag.BRONNEN,
    })


def crisis_report(request):
    """How often each crisis word showed the crisis box, per source: counts only."""
    from .models import Crisistelling

    if not may_see_report(request.user):
        raise PermissionDenied
    period = request.GET.get("dagen", "30")
    days = PERIODS.get(period, 30)
    since = timezone.localdate() - datetime.timedelta(days=days - 1)
    rows = Crisistelling.objects.filter(datum__gte=since)
    per_word = rows.values("woord").annotate(keer=Sum("aantal"), laatst=Max("datum")).order_by(
        "-keer", "woord"
    )
    per_source = dict(rows.values_list("bron").annotate(keer=Sum("aantal")))
    per_day = rows.values("datum").annotate(keer=Sum("aantal")).order_by("-datum")[:90]
    return render(request, "search/admin/crisis.html", {
        "page_title": _("Crisishulp getoond"),
        "header_icon": "warning",
        "per_word": per_word,
        "per_source": [(label, per_source.get(key, 0)) for key, label in Crisistelling.BRONNEN],
        "per_day": per_day,
        "total": rows.aggregate(total=Sum("aantal"))["total"] or 0,
        "days": days,
        "periods": PERIODS,
    })
