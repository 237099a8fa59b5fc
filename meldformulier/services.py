"""Storing a melding (one transaction, before anything else), rate limits, scheme look-ups."""

import logging
import re

from django.conf import settings
from django.db import IntegrityError, transaction

from portal import ratelimit
from portal.taxonomy import localized_name
from verwijsgids.models import Domein

from .models import Bijlage, Contactwijze, Email, Melding, ReferenceCounter, Toestemming

logger = logging.getLogger(__name__)

KEY_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")


def valid_key(value):
    return isinstance(value, str) and bool(KEY_RE.match(value))


class RegelingKeuze:
    """A directory scheme as the form shows it: stable key, title and organisation name."""

    __slots__ = ("key", "title", "organisation", "domain_keys")

    def __init__(self, key, title, organisation="", domain_keys=()):
        self.key, self.title = key, title
        self.organisation = organisation or ""
        self.domain_keys = tuple(domain_keys)

    @property
    def shown_organisation(self):
        """The organisation's name, or "" when the title already says it ("Participatieraad")."""
        organisation, title = self.organisation.casefold(), self.title.casefold()
        if not organisation or organisation in title or title in organisation:
            return ""
        return self.organisation

    def __str__(self):
        organisation = self.shown_organisation
        return f"{organisation}: {self.title}" if organisation else self.title

    def __repr__(self):
        return f"<RegelingKeuze {self.key}>"


def _keuzes(queryset):
    """One query: live schemes in the active language (Dutch page when not translated)."""
    keuzes = {}
    rows = queryset.order_by().values_list(
        "key", "title", "organisatie__name", "organisatie__name_en", "vocab_ids"
    )
    for key, title, organisation_nl, organisation_en, vocab in rows:
        organisation = localized_name(organisation_nl or "", organisation_en or "")
        if key in keuzes or not valid_key(key):
            continue
        # The copy of the scheme's domains: [id, key, name, name_en] (see verwijsgids.models).
        domain_keys = [
            item[1] for item in (vocab or {}).get("d") or []
            if isinstance(item, list) and len(item) == 4
        ]
        keuzes[key] = RegelingKeuze(key, title or key, organisation, domain_keys)
    return keuzes


def _live_schemes(domain_key=None):
    from wagtail.models import Locale

    from verwijsgids.models import regelingen_voor

    try:
        return regelingen_voor(domein=domain_key or None, fallback=True)
    except (Domein.DoesNotExist, Locale.DoesNotExist):
        return None


def regeling_keuzes(domain_key=None):
    """The schemes a resident can pick for this domain (all of them without a domain).

    Live pages in the active language, with the Dutch page of a scheme that has no live
    translation (as the directory does). Sorted by what is read first: the organisation,
    or the title when that already names it. One query (plus the locale's).
    """
    queryset = _live_schemes(domain_key if valid_key(domain_key or "") else None)
    if queryset is None:
        return []
    return sorted(_keuzes(queryset).values(), key=lambda k: (str(k).casefold(), k.key))


def describe_regelingen(keys):
    """{key: RegelingKeuze} for the keys that are live schemes (one query, none without keys)."""
    keys = [key for key in dict.fromkeys(keys or []) if valid_key(key)]
    if not keys:
        return {}
    queryset = _live_schemes()
    if queryset is None:
        return {}
    return _keuzes(queryset.filter(key__in=keys))


def regeling_title(key):
    """Title of the live scheme with this key, or None when the key is unknown or malformed."""
    keuze = describe_regelingen([key]).get(key) if valid_key(key) else None
    return keuze.title if keuze else None


def domain_exists(key):
    return valid_key(key) and Domein.objects.filter(key=key).exists()


# --- rate limiting ------------------------------------------------------------------


def client_hash(request):
    """A salted hash of the real client (portal.ratelimit's trust model); never the address."""
    return ratelimit.client_id(request)


def take_submission_slot(request):
    """Count this submission before storing it (increment, then check): False = over the
    limit. Parallel posts can never pass more than MELDINGEN_RATE_LIMIT."""
    if not settings.MELDINGEN_RATE_LIMIT_ENABLED:
        return True
    allowed, _remaining, _reset = ratelimit.hit(
        request, "meldingen", settings.MELDINGEN_RATE_LIMIT,
        settings.MELDINGEN_RATE_LIMIT_SECONDS,
    )
    return allowed


def give_back_submission_slot(request):
    """The submission was not stored after all (database error, replay): uncount it."""
    if settings.MELDINGEN_RATE_LIMIT_ENABLED:
        ratelimit.give_back(request, "meldingen", settings.MELDINGEN_RATE_LIMIT_SECONDS)


# --- storing ------------------------------------------------------------------------


def create_melding(data, files, token, language="nl", confirm=True):
    """Store the melding with its attachments and its pending e-mails in one transaction.

    Returns (melding, created). The e-mails are sent by a task enqueued after the commit,
    so a failing provider or worker never loses a melding. A second call with the same
    token (double click, replayed post) returns the existing melding. ``confirm=False``
    stores no confirmation e-mail (the address had its share of mail today).
    """
    domain_key = data.get("domain")
    domain = Domein.objects.filter(key=domain_key).first() if valid_key(domain_key) else None
    for attempt in range(3):
        existing = Melding.objects.filter(idempotency_token=token).first()
        if existing:
            return existing, False
        try:
            return _store(data, files, token, language, domain, confirm), True
        except IntegrityError:
            # Another request with the same token won the race (double click): show its
            # melding. Anything else is retried; after three tries the caller reports it.
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def _safe(data, key):
    """'ja' / 'nee' from the contact step as True / False; None when not asked."""
    if data.get("contact") == Contactwijze.ANONIEM:
        return None
    return {"ja": True, "nee": False}.get(data.get(key))


def _store(data, files, token, language, domain, confirm=True):
    with transaction.atomic():
        melding = Melding.objects.create(
            reference=ReferenceCounter.next_reference(),
            idempotency_token=token,
            language=language if language in dict(settings.LANGUAGES) else "nl",
            kind=data["kind"],
            domain=domain,
            organisations=data.get("organisations", ""),
            regeling_keys=[key for key in data.get("regeling_keys") or [] if valid_key(key)],
            description=data["description"],
            wish=data.get("wish", ""),
            earlier_complaint=data["earlier_complaint"],
            earlier_complaint_result=data.get("earlier_complaint_result", ""),
            on_behalf=data["on_behalf"],
            consent=data.get("toestemming") == Toestemming.JA,
            toestemming=data.get("toestemming", "") if data["on_behalf"] == "ander" else "",
            toestemming_reden=data.get("toestemming_reden", "")
            if data.get("toestemming") == Toestemming.KAN_NIET else "",
            veilig_bellen=_safe(data, "veilig_bellen"),
            veilig_inspreken=_safe(data, "veilig_inspreken"),
            veilig_mailen=_safe(data, "veilig_mailen"),
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
        if confirm and melding.may_email:
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
