"""Automatic deletion of meldingen N months after closing (AVG), attachments included.

Before a melding is deleted its anonymous counts are added to ``MeldingTelling`` so the
quarterly figures stay correct. The planner (portal/planner.py) queues the task
``meldformulier.tasks.delete_expired_meldingen`` daily; by hand:
``manage.py verwijder_verlopen_meldingen``.
"""

import calendar
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from . import storage
from .models import Bijlage, Inzage, Melding, MeldingTelling

logger = logging.getLogger(__name__)


def months_ago(moment, months):
    year, month = divmod(moment.year * 12 + moment.month - 1 - months, 12)
    month += 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def cutoff(now=None):
    return months_ago(now or timezone.now(), settings.MELDINGEN_BEWAARTERMIJN_MAANDEN)


def _add(counts, **key):
    telling, _ = MeldingTelling.objects.get_or_create(**key)
    MeldingTelling.objects.filter(pk=telling.pk).update(count=F("count") + counts)


def expired_queryset(now=None):
    return Melding.objects.filter(closed_at__isnull=False, closed_at__lt=cutoff(now))


def delete_one(melding):
    """Count, then delete one melding with its files. Runs in its own transaction."""
    year, quarter = melding.quarter
    base = {
        "year": year, "quarter": quarter, "kind": melding.kind,
        "domain_key": melding.domain.key if melding.domain_id else "",
        "uitkomst": melding.uitkomst, "paarse_krokodil": melding.paarse_krokodil,
    }
    stored_names = list(melding.bijlagen.values_list("stored_name", flat=True))
    with transaction.atomic():
        _add(1, theme_key="", **base)
        for theme_key in melding.themes.values_list("key", flat=True):
            _add(1, theme_key=theme_key, **base)
        reference = melding.reference
        melding.delete()
        Inzage.objects.create(
            username="systeem", action=Inzage.Actie.VERWIJDERD, reference=reference,
            detail="bewaartermijn verlopen",
        )
    # Files go after the commit: a failed transaction keeps them with their melding.
    for name in stored_names:
        storage.delete(name)


def delete_expired(now=None):
    """Delete every expired melding; also orphaned attachment files. Returns the counts."""
    deleted = 0
    for melding in expired_queryset(now).select_related("domain").iterator(chunk_size=200):
        delete_one(melding)
        deleted += 1
    known = set(Bijlage.objects.values_list("stored_name", flat=True))
    orphans = storage.remove_orphans(known)
    if deleted or orphans:
        logger.info(
            "Bewaartermijn: %s meldingen en %s losse bestanden verwijderd", deleted, orphans
        )
    return {"meldingen": deleted, "bestanden": orphans}
