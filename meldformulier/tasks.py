"""Background tasks: sending the e-mails of a melding (with retries) and deleting old meldingen.

Sending is claimed with a conditional UPDATE, so two workers never send the same e-mail,
and no database lock is held while the provider is called. A failure is recorded
(attempts, last error) and retried with exponential back-off: by a deferred task when
the queue supports it, and always by the periodic ``send_due_emails_task`` (``manage.py
planner``, every few minutes), which also picks up e-mails whose worker crashed.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from .models import Email

logger = logging.getLogger(__name__)

CLAIM_TIMEOUT = timedelta(minutes=10)


def backoff(attempts):
    """Seconds to wait after `attempts` failed attempts: 1, 2, 4 ... times the base; max a day."""
    return min(settings.MELDINGEN_EMAIL_BACKOFF_SECONDS * 2 ** max(attempts - 1, 0), 24 * 3600)


def build_message(email):
    melding = email.melding
    base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    if email.kind == Email.Soort.BEVESTIGING:
        language = melding.language
        to = [melding.email]
        template = "meldformulier/email/bevestiging"
    else:
        language = settings.LANGUAGE_CODE
        to = [settings.STAFF_NOTIFICATION_EMAIL]
        template = "meldformulier/email/medewerkers"
    context = {
        "melding": melding, "base_url": base_url,
        "werkdagen": settings.MELDINGEN_REACTIETERMIJN_WERKDAGEN,
    }
    with translation.override(language):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}.txt", context)
    return EmailMessage(
        subject=" ".join(subject.split()), body=body,
        from_email=settings.DEFAULT_FROM_EMAIL, to=to,
    )


def due_filter(now):
    waiting = [Email.Status.WACHTRIJ, Email.Status.OPNIEUW]
    return Q(status__in=waiting, next_attempt_at__lte=now) | Q(
        status=Email.Status.BEZIG, claimed_at__lt=now - CLAIM_TIMEOUT
    )


def deliver(email_id):
    """Try to send one e-mail once. Returns its status afterwards."""
    now = timezone.now()
    claimed = Email.objects.filter(due_filter(now), pk=email_id).update(
        status=Email.Status.BEZIG, claimed_at=now
    )
    if not claimed:
        email = Email.objects.filter(pk=email_id).only("status").first()
        return email.status if email else None
    email = Email.objects.select_related("melding").get(pk=email_id)
    if email.kind == Email.Soort.BEVESTIGING and not email.melding.may_email:
        # The resident said e-mail is not safe (or stays anonymous): never send it.
        Email.objects.filter(pk=email.pk).update(
            status=Email.Status.MISLUKT, last_error="Niet verstuurd: e-mail is niet veilig."
        )
        return Email.Status.MISLUKT
    email.attempts += 1
    try:
        build_message(email).send()
    except Exception as exc:  # any provider error: record it and retry later
        logger.warning("E-mail %s (%s) niet verzonden: %s", email.pk, email.kind, exc)
        email.last_error = f"{type(exc).__name__}: {exc}"[:500]
        if email.attempts >= settings.MELDINGEN_EMAIL_MAX_ATTEMPTS:
            email.status = Email.Status.MISLUKT
            logger.error("E-mail %s definitief mislukt na %s pogingen", email.pk, email.attempts)
        else:
            email.status = Email.Status.OPNIEUW
            email.next_attempt_at = timezone.now() + timedelta(seconds=backoff(email.attempts))
    else:
        email.status = Email.Status.VERZONDEN
        email.sent_at = timezone.now()
        email.last_error = ""
    email.claimed_at = None
    email.save(update_fields=[
        "attempts", "status", "next_attempt_at", "sent_at", "last_error", "claimed_at"
    ])
    return email.status


@task()
def send_email(email_id):
    status = deliver(email_id)
    if status == Email.Status.OPNIEUW:
        backend = send_email.get_backend()
        if backend.supports_defer:
            email = Email.objects.get(pk=email_id)
            send_email.using(run_after=email.next_attempt_at).enqueue(email_id)
    return status


def send_due_emails():
    """Send every e-mail that is due (the periodic safety net). Returns {status: count}."""
    counts = {}
    ids = list(Email.objects.filter(due_filter(timezone.now())).values_list("pk", flat=True))
    for pk in ids:
        status = deliver(pk)
        counts[status] = counts.get(status, 0) + 1
    return counts


@task()
def send_due_emails_task():
    """The periodic safety net on the queue (``manage.py planner``, every 5 minutes)."""
    return send_due_emails()


@task()
def delete_expired_meldingen():
    from .retention import delete_expired

    return delete_expired()


@task()
def delete_loose_files_task():
    from .quota import remove_loose_files

    return remove_loose_files()
