"""Registration, waiting list and cancellation for learning sessions (safe under concurrency:
the session's page row is locked while places are counted)."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.models import Page

from .models import Aanmelding

RETENTION_DAYS = 30


def _lock(session):
    Page.objects.select_for_update().only("id").get(pk=session.pk)


def register(session, name, email, language="nl"):
    """Register for `session` (the canonical page). Returns (aanmelding, created)."""
    email = email.strip().lower()
    try:
        with transaction.atomic():
            _lock(session)
            existing = Aanmelding.objects.filter(session=session, email=email).first()
            if existing:
                return existing, False
            taken = Aanmelding.objects.filter(
                session=session, status=Aanmelding.Status.REGISTERED
            ).count()
            status = (
                Aanmelding.Status.REGISTERED if taken < session.capacity
                else Aanmelding.Status.WAITING
            )
            return Aanmelding.objects.create(
                session=session, name=name, email=email, status=status, language=language
            ), True
    except IntegrityError:  # the same address registered at the same moment
        return Aanmelding.objects.get(session=session, email=email), False


def promote_waiting(session):
    """Move the first people of the waiting list up while there are places. Call inside a
    transaction that holds the lock. Returns the promoted registrations."""
    promoted = []
    taken = Aanmelding.objects.filter(session=session, status=Aanmelding.Status.REGISTERED).count()
    free = session.capacity - taken
    if free <= 0:
        return promoted
    waiting = Aanmelding.objects.filter(
        session=session, status=Aanmelding.Status.WAITING
    ).order_by("created_at", "id")[:free]
    for registration in waiting:
        registration.status = Aanmelding.Status.REGISTERED
        registration.promoted_at = timezone.now()
        registration.save(update_fields=["status", "promoted_at"])
        promoted.append(registration)
    return promoted


def cancel(registration):
    """Delete a registration; if it held a place, the first waiting person gets it."""
    session = registration.session
    with transaction.atomic():
        _lock(session)
        held_place = Aanmelding.objects.filter(
            pk=registration.pk, status=Aanmelding.Status.REGISTERED
        ).exists()
        deleted, _ = Aanmelding.objects.filter(pk=registration.pk).delete()
        promoted = promote_waiting(session) if (deleted and held_place) else []
    return promoted


def fill_free_places(session):
    """After an editor raised the capacity: promote waiting people."""
    with transaction.atomic():
        _lock(session)
        return promote_waiting(session)


def delete_expired_registrations(now=None):
    """Delete all registrations of sessions that ended more than 30 days ago."""
    cutoff = (now or timezone.now()) - timedelta(days=RETENTION_DAYS)
    expired = Aanmelding.objects.filter(session__end__lt=cutoff)
    count = expired.count()
    if count:
        expired.delete()
    return count
