"""Anonymous figures per quarter, for the kennisbank's quarterly reports.

``kwartaalcijfers(year, quarter)`` counts the meldingen received in that quarter: the ones
still in the database plus the ones already deleted after their retention period (kept as
``MeldingTelling`` rows). No personal data is read.
"""

from collections import Counter
from datetime import datetime, time

from django.db.models import Count
from django.utils import timezone

from .models import Melding, MeldingTelling, quarter_bounds


def _aware(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def quarter_queryset(year, quarter):
    start, end = quarter_bounds(year, quarter)
    return Melding.objects.filter(created_at__gte=_aware(start), created_at__lt=_aware(end))


def kwartaalcijfers(year, quarter):
    """Return a dict with the counts of one quarter.

    Keys: ``total``, ``per_kind`` {kind: n}, ``per_domain`` {domain key or "": n},
    ``per_uitkomst`` {uitkomst or "": n}, ``per_theme`` {theme key: n},
    ``paarse_krokodil`` (n).
    """
    live = quarter_queryset(year, quarter)
    per_kind, per_domain, per_uitkomst, per_theme = Counter(), Counter(), Counter(), Counter()
    paarse = 0
    rows = live.values("kind", "domain__key", "uitkomst", "paarse_krokodil").annotate(n=Count("pk"))
    for row in rows:
        per_kind[row["kind"]] += row["n"]
        per_domain[row["domain__key"] or ""] += row["n"]
        per_uitkomst[row["uitkomst"]] += row["n"]
        if row["paarse_krokodil"]:
            paarse += row["n"]
    for row in live.filter(themes__isnull=False).values("themes__key").annotate(n=Count("pk")):
        per_theme[row["themes__key"]] += row["n"]
    for telling in MeldingTelling.objects.filter(year=year, quarter=quarter):
        if telling.theme_key:
            per_theme[telling.theme_key] += telling.count
            continue
        per_kind[telling.kind] += telling.count
        per_domain[telling.domain_key] += telling.count
        per_uitkomst[telling.uitkomst] += telling.count
        if telling.paarse_krokodil:
            paarse += telling.count
    return {
        "total": sum(per_kind.values()),
        "per_kind": dict(per_kind),
        "per_domain": dict(per_domain),
        "per_uitkomst": dict(per_uitkomst),
        "per_theme": dict(per_theme),
        "paarse_krokodil": paarse,
    }
