"""Meldingen (reports) to the SignaLeerpunt and how staff handle them.

Data model (for other apps, e.g. the kennisbank's quarterly figures):

``Melding`` — one report, received through ``/melden/``.
    reference          ``SLP-<year>-<5 digits>``, unique and never reused (``ReferenceCounter``).
    created_at         when it was received (the quarter of a melding is based on this).
    kind               ``Soort``: klacht, signaal, hulpvraag, compliment.
    domain             FK ``verwijsgids.Domein`` (nullable: "weet ik niet").
    organisations      free text: other organisations involved (encrypted, max 300 in the form).
    regeling_keys      list of the stable ``key``s of the verwijsgids Regelingen the resident
                       chose (or came from, ``?regeling=``), in the order shown; may be empty.
                       Keys, not foreign keys, on purpose: a key is the same in every
                       language and never changes, and a melding outlives a deleted page.
                       Filter with ``regeling_keys__icontains='"<key>"'`` (works on SQLite
                       and PostgreSQL); ``services.describe_regelingen`` gives the titles.
    doorverwezen_naar  key of the Regeling the melding was referred to (may be empty).
    status             ``Status``: nieuw, in_behandeling, doorverwezen, opgelost, gesloten.
    closed_at          set when the status becomes opgelost or gesloten (start of the
                       retention period, ``MELDINGEN_BEWAARTERMIJN_MAANDEN``, default 12).
    uitkomst           ``Uitkomst`` (outcome, set on closing; empty while open).
    themes             M2M ``kennisbank.Thema`` (learning labels, set by staff).
    paarse_krokodil    flag: rules stood in the way of a logical solution.
    assignee           staff member handling it; follow_up_on: "nabellen" date.
    toestemming        ``Toestemming`` when reporting for someone else: ja, vertegenwoordiger
                       (legal representative, mentor, parent) or kan-niet (cannot consent,
                       with ``toestemming_reden``); empty otherwise. ``consent`` = "ja".
    veilig_bellen, veilig_inspreken, veilig_mailen
                       whether it is safe to call, leave a message, e-mail (None: not asked,
                       e.g. anonymous). Nothing is sent that the resident said is unsafe:
                       ``may_email`` is the one check every sending path uses.
    Encrypted at rest (``fields.EncryptedTextField``, Fernet): organisations, description,
    wish, earlier_complaint_result, name, email, phone, reachable_when, toestemming_reden.
    Never filter on them.

``MeldingTelling`` — anonymous counts per quarter, written just before a melding is deleted
    at the end of its retention period, so reports keep working. ``stats.kwartaalcijfers``
    combines live meldingen and these counts; use that rather than querying both.

``Bijlage`` (attachment, encrypted file in ``PRIVATE_MEDIA_ROOT``), ``Notitie`` (timeline of
internal notes and status changes), ``Email`` (one outgoing e-mail with its send attempts),
``Inzage`` (audit log: who viewed/exported what, when).

Only the group "SignaLeerpunt medewerkers" (created by migration 0002) may see meldingen.
"""

import uuid
from datetime import date

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .fields import EncryptedTextField

STAFF_GROUP = "SignaLeerpunt medewerkers"


class Soort(models.TextChoices):
    KLACHT = "klacht", _("Klacht")
    SIGNAAL = "signaal", _("Signaal of tip")
    HULPVRAAG = "hulpvraag", _("Hulpvraag")
    COMPLIMENT = "compliment", _("Compliment of goed voorbeeld")


class Status(models.TextChoices):
    NIEUW = "nieuw", _("Nieuw")
    IN_BEHANDELING = "in_behandeling", _("In behandeling")
    DOORVERWEZEN = "doorverwezen", _("Doorverwezen")
    OPGELOST = "opgelost", _("Opgelost")
    GESLOTEN = "gesloten", _("Gesloten")


CLOSED_STATUSES = (Status.OPGELOST, Status.GESLOTEN)


class Uitkomst(models.TextChoices):
    OPGELOST = "opgelost", _("Opgelost")
    DEELS_OPGELOST = "deels_opgelost", _("Deels opgelost")
    NIET_OPGELOST = "niet_opgelost", _("Niet opgelost")
    DOORVERWEZEN = "doorverwezen", _("Doorverwezen naar een klachtregeling")
    INFORMATIE = "informatie", _("Informatie of advies gegeven")
    GEEN_CONTACT = "geen_contact", _("Geen contact mogelijk")
    INGETROKKEN = "ingetrokken", _("Ingetrokken door melder")


class EerderGeklaagd(models.TextChoices):
    NEE = "nee", _("Nee")
    LOOPT = "loopt", _("Ja, dat loopt nog")
    AFGEROND = "afgerond", _("Ja, en dat is afgerond")


class NamensWie(models.TextChoices):
    ZELF = "zelf", _("Voor mezelf")
    ANDER = "ander", _("Voor iemand anders (familie, buur, mantelzorg)")
    PROFESSIONAL = "professional", _("Als professional")


class Toestemming(models.TextChoices):
    JA = "ja", _("Ja, de persoon weet ervan en vindt het goed")
    VERTEGENWOORDIGER = "vertegenwoordiger", _(
        "Ik ben de wettelijk vertegenwoordiger: ouder met gezag, voogd, mentor of curator"
    )
    KAN_NIET = "kan-niet", _("De persoon kan geen toestemming geven")


class Contactwijze(models.TextChoices):
    EMAIL = "email", _("Per e-mail")
    TELEFOON = "telefoon", _("Per telefoon")
    ANONIEM = "anoniem", _("Ik blijf anoniem")


class ReferenceCounter(models.Model):
    """The last number handed out per year. Rows are only ever incremented."""

    year = models.PositiveIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("referentieteller")

    def __str__(self):
        return f"{self.year}: {self.last}"

    @classmethod
    def next_reference(cls, year=None):
        """Hand out the next reference; call inside the transaction that stores the melding.

        ``select_for_update`` locks the year's row on PostgreSQL; on SQLite the IMMEDIATE
        transaction mode (see settings) serialises writers. A number is never handed out
        twice, and since the counter only goes up, never reused (also not after deletion).
        """
        year = year or timezone.localdate().year
        with transaction.atomic():
            cls.objects.get_or_create(year=year)
            counter = cls.objects.select_for_update().get(year=year)
            counter.last = models.F("last") + 1
            counter.save(update_fields=["last"])
            counter.refresh_from_db(fields=["last"])
        if counter.last > 99999:
            # Six digits rather than refusing a melding; the format stays sortable per year.
            return f"SLP-{year}-{counter.last:06d}"
        return f"SLP-{year}-{counter.last:05d}"


class Melding(models.Model):
    reference = models.CharField(_("referentie"), max_length=20, unique=True, editable=False)
    created_at = models.DateTimeField(_("ontvangen op"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    idempotency_token = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    language = models.CharField(_("taal"), max_length=5, default="nl")

    # What it is about.
    kind = models.CharField(_("soort"), max_length=20, choices=Soort.choices)
    domain = models.ForeignKey(
        "verwijsgids.Domein", verbose_name=_("domein"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="meldingen",
    )
    organisations = EncryptedTextField(_("betrokken organisaties"), blank=True)
    regeling_keys = models.JSONField(
        _("regelingen (sleutels)"), default=list, blank=True,
        help_text=_("Sleutels van de klachtregelingen waar de melding over gaat."),
    )
    description = EncryptedTextField(_("wat er is gebeurd"))
    wish = EncryptedTextField(_("wat de melder graag wil"), blank=True)
    earlier_complaint = models.CharField(
        _("al ergens geklaagd"), max_length=10, choices=EerderGeklaagd.choices,
        default=EerderGeklaagd.NEE,
    )
    earlier_complaint_result = EncryptedTextField(_("wat daaruit kwam"), blank=True)

    # Who reports, and how to reach them.
    on_behalf = models.CharField(
        _("namens wie"), max_length=15, choices=NamensWie.choices, default=NamensWie.ZELF
    )
    consent = models.BooleanField(_("toestemming van de betrokkene"), default=False)
    toestemming = models.CharField(
        _("toestemming"), max_length=20, choices=Toestemming.choices, blank=True
    )
    toestemming_reden = EncryptedTextField(_("waarom geen toestemming"), blank=True)
    veilig_bellen = models.BooleanField(_("veilig om te bellen"), null=True, blank=True)
    veilig_inspreken = models.BooleanField(
        _("veilig om een bericht in te spreken"), null=True, blank=True
    )
    veilig_mailen = models.BooleanField(_("veilig om te e-mailen"), null=True, blank=True)
    contact = models.CharField(
        _("contact"), max_length=10, choices=Contactwijze.choices, default=Contactwijze.EMAIL
    )
    name = EncryptedTextField(_("naam"), blank=True)
    email = EncryptedTextField(_("e-mailadres"), blank=True)
    phone = EncryptedTextField(_("telefoonnummer"), blank=True)
    reachable_when = EncryptedTextField(_("bereikbaar op"), blank=True)

    # Handling by staff.
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NIEUW, db_index=True
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("behandelaar"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    doorverwezen_naar = models.CharField(
        _("doorverwezen naar (regeling)"), max_length=80, blank=True,
        help_text=_("Sleutel van de klachtregeling waarnaar is doorverwezen."),
    )
    referred_at = models.DateTimeField(_("doorverwezen op"), null=True, blank=True)
    follow_up_on = models.DateField(_("nabellen op"), null=True, blank=True, db_index=True)
    closed_at = models.DateTimeField(_("afgesloten op"), null=True, blank=True, db_index=True)
    uitkomst = models.CharField(_("uitkomst"), max_length=20, choices=Uitkomst.choices, blank=True)
    themes = models.ManyToManyField(
        "kennisbank.Thema", verbose_name=_("thema's"), blank=True, related_name="meldingen"
    )
    paarse_krokodil = models.BooleanField(_("paarse krokodil"), default=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        permissions = [("export_melding", _("Kan meldingen exporteren"))]

    def __str__(self):
        return self.reference

    @property
    def is_anonymous(self):
        return self.contact == Contactwijze.ANONIEM

    @property
    def may_email(self):
        """Whether we may send the resident e-mail: an address, not anonymous, and safe."""
        return bool(self.email) and not self.is_anonymous and self.veilig_mailen is not False

    @property
    def is_closed(self):
        return self.status in CLOSED_STATUSES

    @property
    def quarter(self):
        created = timezone.localtime(self.created_at)
        return created.year, (created.month - 1) // 3 + 1


class Bijlage(models.Model):
    """An attachment; the file is encrypted and lives in PRIVATE_MEDIA_ROOT (see storage.py)."""

    melding = models.ForeignKey(Melding, on_delete=models.CASCADE, related_name="bijlagen")
    stored_name = models.CharField(max_length=80, unique=True, editable=False)
    filename = EncryptedTextField(_("bestandsnaam"))
    content_type = models.CharField(_("bestandstype"), max_length=100)
    size = models.PositiveIntegerField(_("grootte (bytes)"))
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")

    def __str__(self):
        return self.filename


class Notitie(models.Model):
    """One entry in a melding's timeline: an internal note or a recorded change."""

    class Soort(models.TextChoices):
        NOTITIE = "notitie", _("Notitie")
        WIJZIGING = "wijziging", _("Wijziging")

    melding = models.ForeignKey(Melding, on_delete=models.CASCADE, related_name="notities")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    kind = models.CharField(max_length=10, choices=Soort.choices, default=Soort.NOTITIE)
    text = EncryptedTextField(_("tekst"))

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("notitie")
        verbose_name_plural = _("notities")

    def __str__(self):
        return f"{self.melding_id} {self.created_at:%Y-%m-%d %H:%M}"


class Email(models.Model):
    """One outgoing e-mail about a melding and its delivery attempts; never lost.

    Created in the same transaction as the melding. ``tasks.send_email`` sends it; when the
    provider fails it is retried with back-off (``next_attempt_at``), and
    ``manage.py verstuur_meldingmails`` (cron) picks up anything still due.
    """

    class Soort(models.TextChoices):
        BEVESTIGING = "bevestiging", _("Bevestiging aan melder")
        MEDEWERKERS = "medewerkers", _("Melding aan medewerkers")

    class Status(models.TextChoices):
        WACHTRIJ = "wachtrij", _("In de wachtrij")
        BEZIG = "bezig", _("Wordt verzonden")
        VERZONDEN = "verzonden", _("Verzonden")
        OPNIEUW = "opnieuw", _("Mislukt, wordt opnieuw geprobeerd")
        MISLUKT = "mislukt", _("Definitief mislukt")

    melding = models.ForeignKey(Melding, on_delete=models.CASCADE, related_name="emails")
    kind = models.CharField(max_length=15, choices=Soort.choices)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.WACHTRIJ, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    next_attempt_at = models.DateTimeField(default=timezone.now, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["melding", "kind"], name="meldformulier_email_once")
        ]
        verbose_name = _("e-mail")
        verbose_name_plural = _("e-mails")

    def __str__(self):
        return f"{self.kind} ({self.status})"


class Inzage(models.Model):
    """Audit log: every view, download, export or change of a melding (who, when, what)."""

    class Actie(models.TextChoices):
        BEKEKEN = "bekeken", _("Bekeken")
        BIJLAGE = "bijlage", _("Bijlage gedownload")
        EXPORT = "export", _("Geëxporteerd")
        GEWIJZIGD = "gewijzigd", _("Gewijzigd")
        VERWIJDERD = "verwijderd", _("Verwijderd")

    at = models.DateTimeField(default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    username = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=12, choices=Actie.choices)
    # The reference, not a foreign key: the log outlives the deleted melding.
    reference = models.CharField(max_length=20, blank=True, db_index=True)
    detail = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("inzage")
        verbose_name_plural = _("inzagelog")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action} {self.reference}"

    @classmethod
    def log(cls, user, action, reference="", detail=""):
        return cls.objects.create(
            user=user if user and user.is_authenticated else None,
            username=getattr(user, "username", "") or "",
            action=action, reference=reference, detail=detail[:300],
        )


class MeldingTelling(models.Model):
    """Anonymous counts per quarter of meldingen that were deleted after their retention period.

    One row per combination of (year, quarter, kind, domain key, outcome, paarse krokodil,
    theme key). Theme "" counts meldingen; a non-empty theme counts meldingen with that theme.
    """

    year = models.PositiveIntegerField()
    quarter = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=20, choices=Soort.choices)
    domain_key = models.CharField(max_length=60, blank=True)
    uitkomst = models.CharField(max_length=20, choices=Uitkomst.choices, blank=True)
    paarse_krokodil = models.BooleanField(default=False)
    theme_key = models.CharField(max_length=60, blank=True)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "year", "quarter", "kind", "domain_key", "uitkomst", "paarse_krokodil",
                    "theme_key",
                ],
                name="meldformulier_telling_unique",
            )
        ]
        verbose_name = _("kwartaaltelling")
        verbose_name_plural = _("kwartaaltellingen")

    def __str__(self):
        return f"{self.year}-Q{self.quarter} {self.kind}: {self.count}"


def quarter_bounds(year, quarter):
    start = date(year, 3 * (quarter - 1) + 1, 1)
    end = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    return start, end
