"""Sending a newsletter edition: a status row per recipient, batches on the task queue.

Never twice: every recipient row is claimed with one atomic UPDATE (pending -> claimed)
before its message is handed to the provider. A worker that dies after the claim leaves
the row "claimed"; resuming never touches claimed rows, so nobody gets a second copy
(at most once). A provider error marks the row "failed"; resuming puts those back to
"pending" (the provider refused them, so they were not sent) and queues them again.
The planner resumes stalled editions by itself (``resume_stalled``); a row left claimed
by a dead worker is then marked "interrupted", never sent again.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
# No claim or send for this long while rows still wait: the edition's worker is gone.
STALLED_AFTER = timedelta(minutes=30)


def batch_size():
    return getattr(settings, "CASUSSEN_NEWSLETTER_BATCH_SIZE", 50)


def absolute(url):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url


def unsubscribe_url(abonnee):
    with translation.override("nl"):
        return absolute(reverse("nieuwsbrief_unsubscribe", args=[abonnee.unsubscribe_token]))


def build_message(edition, abonnee):
    from .models import Casus

    cases = list(Casus.objects.approved().filter(
        pk__in=[case.pk for case in edition.casussen.all()]).order_by("path"))
    context = {
        "edition": edition,
        "cases": [(case, absolute(case.url or "")) for case in cases],
        "edition_url": absolute(edition.url or ""),
        "unsubscribe_url": unsubscribe_url(abonnee),
    }
    message = EmailMultiAlternatives(
        subject=edition.title,
        body=render_to_string("casussen/email/edition.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[abonnee.email],
        headers={
            "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(render_to_string("casussen/email/edition.html", context),
                               "text/html")
    return message


def _enqueue_pending(edition):
    from .models import Ontvanger

    ids = list(
        Ontvanger.objects.filter(edition=edition, state=Ontvanger.PENDING)
        .order_by("pk").values_list("pk", flat=True)
    )
    size = batch_size()
    batches = [ids[i : i + size] for i in range(0, len(ids), size)]
    for batch in batches:
        send_batch.enqueue(edition.pk, batch)
    return len(batches)


def start_sending(edition):
    """Make a row for every active subscriber that has none yet, put rows the provider
    refused back in the queue, then queue the batches. Returns how many new rows were made.
    Safe to call again (that is also how to resume): sent and claimed rows are kept."""
    from .models import Abonnee, Ontvanger

    _retry_failed(edition)
    existing = set(Ontvanger.objects.filter(edition=edition).values_list("abonnee_id", flat=True))
    new_rows = [
        Ontvanger(edition=edition, abonnee_id=pk)
        for pk in Abonnee.objects.filter(state=Abonnee.ACTIVE).values_list("pk", flat=True)
        if pk not in existing
    ]
    try:
        Ontvanger.objects.bulk_create(new_rows, ignore_conflicts=True)
    except IntegrityError:  # pragma: no cover (ignore_conflicts makes this unlikely)
        pass
    _enqueue_pending(edition)
    return len(new_rows)


def _retryable():
    """Rows the provider refused that may be tried again (not unsubscribed, tries left)."""
    from .models import Ontvanger

    return Q(state=Ontvanger.FAILED, attempts__lt=MAX_ATTEMPTS) & ~Q(
        error__startswith="afgemeld"
    )


def _retry_failed(edition):
    from .models import Ontvanger

    Ontvanger.objects.filter(_retryable(), edition=edition).update(state=Ontvanger.PENDING)


def resume_sending(edition):
    """After a crash or a provider failure: retry refused rows and queue what is pending."""
    _retry_failed(edition)
    return _enqueue_pending(edition)


def resume_stalled(now=None):
    """The periodic safety net (planner job ``hervat_nieuwsbrieven``): rows claimed longer
    than STALLED_AFTER ago become "interrupted"; editions with rows still waiting and no
    progress for STALLED_AFTER are resumed. Returns the number of editions resumed."""
    from .models import NieuwsbriefEditie, Ontvanger

    cutoff = (now or timezone.now()) - STALLED_AFTER
    Ontvanger.objects.filter(state=Ontvanger.CLAIMED, claimed_at__lt=cutoff).update(
        state=Ontvanger.INTERRUPTED, error="onderbroken: niet opnieuw verstuurd"
    )
    waiting = Ontvanger.objects.filter(Q(state=Ontvanger.PENDING) | _retryable())
    busy = Ontvanger.objects.filter(claimed_at__gte=cutoff)
    editions = NieuwsbriefEditie.objects.filter(
        pk__in=waiting.values("edition_id")
    ).exclude(pk__in=busy.values("edition_id"))
    resumed = 0
    for edition in editions:
        resume_sending(edition)
        resumed += 1
    return resumed


@task()
def resume_stalled_task():
    return resume_stalled()


def claim(row_id):
    """Atomically take a pending row; False when another worker (or an earlier run) has it."""
    from .models import Ontvanger

    return bool(
        Ontvanger.objects.filter(pk=row_id, state=Ontvanger.PENDING).update(
            state=Ontvanger.CLAIMED, claimed_at=timezone.now(), attempts=F("attempts") + 1
        )
    )


def send_one(row_id):
    from .models import Abonnee, NieuwsbriefEditie, Ontvanger

    if not claim(row_id):
        return False
    row = Ontvanger.objects.select_related("abonnee").get(pk=row_id)
    rows = Ontvanger.objects.filter(pk=row_id)
    if row.abonnee.state != Abonnee.ACTIVE:
        rows.update(state=Ontvanger.FAILED, error="afgemeld voor de verzending")
        return False
    edition = NieuwsbriefEditie.objects.get(pk=row.edition_id)
    try:
        message = build_message(edition, row.abonnee)
        message.send()
    except Exception as error:  # noqa: BLE001 (the provider's failure is recorded per row)
        log.warning("nieuwsbrief: versturen naar ontvanger %s mislukt: %s", row_id, error)
        rows.update(state=Ontvanger.FAILED, error=str(error)[:500])
        return False
    status = getattr(message, "anymail_status", None)
    rows.update(state=Ontvanger.SENT, sent_at=timezone.now(), error="",
                message_id=(getattr(status, "message_id", None) or "")[:255])
    return True


def send_rows(row_ids):
    return sum(1 for row_id in row_ids if send_one(row_id))


@task()
def send_batch(edition_id, row_ids):
    """One batch of one edition on the task queue."""
    return send_rows(row_ids)
