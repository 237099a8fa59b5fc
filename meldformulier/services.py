"""Storing a melding (one transaction, before anything else), rate limits, scheme look-ups."""

import hashlib
import hmac
import logging
import re

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction

from verwijsgids.models import Domein

from .models import Bijlage, Contactwijze, Email, Melding, ReferenceCounter

logger = logging.getLogger(__name__)

KEY_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")


def valid_key(value):
    return isinstance(value, str) and bool(KEY_RE.match(value))


def regeling_title(key):
    """Title of the scheme with this key, or None when the key is unknown or malformed.

    The scheme model is built in the verwijsgids app; when it is not there (yet), a
    well-formed key is accepted and shown as it is.
    """
    if not valid_key(key):
        return None
    for name in ("RegelingPage", "Regeling"):
        try:
            model = apps.get_model("verwijsgids", name)
        except LookupError:
            continue
        if not any(field.name == "key" for field in model._meta.get_fields()):
            continue
        queryset = model.objects.filter(key=key)
        if hasattr(queryset, "live"):
            queryset = queryset.live()
        obj = queryset.first()
        if obj is None:
            return None
        return str(getattr(obj, "title", None) or getattr(obj, "name", None) or key)
    return key


def domain_exists(key):
    return valid_key(key) and Domein.objects.filter(key=key).exists()


# --- rate limiting ------------------------------------------------------------------


def client_hash(request):
    """A salted hash of the client's IP address; the address itself is never stored."""
    ip = request.META.get("REMOTE_ADDR", "") or "unknown"
    return hmac.new(
        f"ratelimit:{settings.SECRET_KEY}".encode(), ip.encode(), hashlib.sha256
    ).hexdigest()[:32]


def _rate_key(request):
    return f"meldformulier:rate:{client_hash(request)}"


def rate_limited(request):
    if not settings.MELDINGEN_RATE_LIMIT_ENABLED:
        return False
    return (cache.get(_rate_key(request)) or 0) >= settings.MELDINGEN_RATE_LIMIT


def count_submission(request):
    if not settings.MELDINGEN_RATE_LIMIT_ENABLED:
        return
    key = _rate_key(request)
    if cache.add(key, 1, settings.MELDINGEN_RATE_LIMIT_SECONDS):
        return
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, settings.MELDINGEN_RATE_LIMIT_SECONDS)


# --- storing ------------------------------------------------------------------------


def create_melding(data, files, token, language="nl"):
    """Store the melding with its attachments and its pending e-mails in one transaction.

    Returns (melding, created). The e-mails are sent by a task enqueued after the commit,
    so a failing provider or worker never loses a melding. A second call with the same
    token (double click, replayed post) returns the existing melding.
    """
    domain_key = data.get("domain")
    domain = Domein.objects.filter(key=domain_key).first() if valid_key(domain_key) else None
    for attempt in range(3):
        existing = Melding.objects.filter(idempotency_token=token).first()
        if existing:
            return existing, False
        try:
            return _store(data, files, token, language, domain), True
        except IntegrityError:
            # Another request with the same token won the race (double click): show its
            # melding. Anything else is retried; after three tries the caller reports it.
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def _store(data, files, token, language, domain):
    with transaction.atomic():
        melding = Melding.objects.create(
            reference=ReferenceCounter.next_reference(),
            idempotency_token=token,
            language=language if language in dict(settings.LANGUAGES) else "nl",
            kind=data["kind"],
            domain=domain,
            organisations=data.get("organisations", ""),
            regeling_key=data.get("regeling_key", "") or "",
            description=data["description"],
            wish=data.get("wish", ""),
            earlier_complaint=data["earlier_complaint"],
            earlier_complaint_result=data.get("earlier_complaint_result", ""),
            on_behalf=data["on_behalf"],
            consent=bool(data.get("consent")),
            contact=data["contact"],
            name=data.get("name", ""),
            email=data.get("email", ""),
            phone=data.get("phone", ""),
            reachable_when=data.get("reachable_when", ""),
        )
        for item in files:
            Bijlage.objects.create(
                melding=melding, stored_name=item["id"], filename=item["name"],
                content_type=item["content_type"], size=item["size"],
            )
        emails = [Email.objects.create(melding=melding, kind=Email.Soort.MEDEWERKERS)]
        if melding.email and melding.contact != Contactwijze.ANONIEM:
            emails.append(Email.objects.create(melding=melding, kind=Email.Soort.BEVESTIGING))
        ids = [email.pk for email in emails]
        transaction.on_commit(lambda: enqueue_emails(ids))
    return melding


def enqueue_emails(ids):
    from .tasks import send_email

    for pk in ids:
        try:
            send_email.enqueue(pk)
        except Exception:  # the queue is down: the periodic command sends it later
            logger.exception("Kon e-mail %s niet in de wachtrij zetten", pk)
