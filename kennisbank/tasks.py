"""Background tasks of the kennisbank (django-tasks): e-mail and clean-up."""

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

MAIL_KINDS = {"bevestiging", "al-aangemeld", "plek-vrij"}


def _session_in_language(session, language):
    from wagtail.models import Locale

    if session.locale.language_code == language:
        return session
    locale = Locale.objects.filter(language_code=language).first()
    translated = session.get_translation_or_none(locale) if locale else None
    return translated if translated and translated.live else session


@task()
def send_registration_mail(aanmelding_id, kind):
    """Confirmation, "already registered" or "a place came free" e-mail with the .ics."""
    from .ics import session_calendar
    from .models import Aanmelding

    if kind not in MAIL_KINDS:
        raise ValueError(kind)
    registration = Aanmelding.objects.select_related("session").filter(pk=aanmelding_id).first()
    if registration is None:  # cancelled in the meantime
        return False
    with translation.override(registration.language):
        session = _session_in_language(registration.session, registration.language)
        context = {"registration": registration, "session": session, "kind": kind,
                   "manage_url": registration.manage_url(), "page_url": session.full_url}
        subject = render_to_string("kennisbank/mail/subject.txt", context).strip()
        body = render_to_string("kennisbank/mail/registration.txt", context)
        message = EmailMultiAlternatives(subject, body, to=[registration.email])
        if registration.status == Aanmelding.Status.REGISTERED:
            message.attach(
                f"leerbijeenkomst-{registration.session_id}.ics",
                session_calendar([session]), "text/calendar",
            )
        message.send()
    return True


@task()
def delete_expired_registrations_task():
    from .services import delete_expired_registrations

    return delete_expired_registrations()
