"""Anonymised case stories (casussen), the privacy guard around them, and the newsletter."""

import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import AbstractGroupApprovalTask, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from home.blocks import RICH_TEXT_FEATURES
from portal.pages import BasePage

from . import gate, guard

QUARTERS = [(1, _("1e kwartaal")), (2, _("2e kwartaal")), (3, _("3e kwartaal")),
            (4, _("4e kwartaal"))]

OUTCOMES = [
    ("opgelost", _("Opgelost")),
    ("deels", _("Deels opgelost")),
    ("niet", _("Niet opgelost")),
    ("loopt", _("Loopt nog")),
]


def current_year():
    return timezone.now().year


# --- the case story ----------------------------------------------------------------------


SUBMIT_ANYWAY = "privacy_submit_anyway"


class ScannedPageForm(WagtailAdminPageForm):
    """An edit form whose publish attempt is scanned for personal data: findings come back
    at their place (guard.published_texts says what is scanned). A text too long to check
    is refused on every save, with a Dutch message; the form keeps what was typed."""

    def scans(self):
        """Whether this post is scanned: a publish attempt."""
        return "action-publish" in self.data

    def clean(self):
        cleaned = super().clean()
        for field, message in guard.too_long(self, cleaned):
            self.add_error(field, message)
        self.privacy_report = {}
        if not self.scans():
            return cleaned
        texts = self.scanned_texts = guard.form_texts(self, cleaned)
        self.privacy_report = guard.scan_fields(texts)
        for key, findings in self.privacy_report.items():
            field = key if key in self.fields else None
            for finding in findings:
                message = guard.error_message(texts.get(key, ""), finding)
                if field is None:
                    message = f"{guard.field_label(self._meta.model, key)}: {message}"
                self.add_error(field, message)
        return cleaned


class CasusForm(ScannedPageForm):
    """The edit form of a case story: saving a draft always works (the findings panel shows
    what is left); a publish attempt with findings gets them back at their place, and so
    does submitting to the Privacytoets unless the editor ticks "submit anyway". Publishing
    itself goes through the Privacytoets (see casussen/workflow.py)."""

    def scans(self):
        submitting = "action-submit" in self.data and not self.data.get(SUBMIT_ANYWAY)
        return super().scans() or submitting

    def clean(self):
        cleaned = super().clean()
        if self.privacy_report and "action-submit" in self.data:
            count = sum(len(findings) for findings in self.privacy_report.values())
            self.add_error(None, _(
                "Niet aangeboden: de privacycontrole vond %(count)s mogelijke "
                "persoonsgegevens (zie de velden). Pas de tekst aan, of vink bij "
                "‘Privacycontrole’ aan dat u de casus toch wilt aanbieden."
            ) % {"count": count})
        return cleaned


class CasusQuerySet(PageQuerySet):
    """Bulk updates cannot make a case live or change what a live case shows."""

    def update(self, **kwargs):
        content = set(kwargs) & {*gate.public_fields(), "approved_digest"}
        if kwargs.get("live") or kwargs.get("live_revision") or (
            content and self.filter(live=True).exists()
        ):
            raise PermissionDenied(gate.NOT_VIA_UPDATE)
        return super().update(**kwargs)

    def approved(self):
        """Live cases whose live revision a second person approved: what the public sees."""
        return self.live().filter(gate.approved_q())


class Casus(BasePage):
    """One anonymised case story with a fixed, plain structure. It is live only as a
    revision approved in the Privacytoets (casussen/gate.py)."""

    objects = PageManager.from_queryset(CasusQuerySet)()

    summary = models.CharField(
        _("Waar ging het over?"), max_length=200,
        help_text=_("Eén zin. Geen namen, adressen, datums of andere herkenbare details."),
    )
    situation = models.TextField(_("De situatie"))
    what_went_wrong = models.TextField(_("Wat ging er mis?"))
    what_was_done = models.TextField(_("Wat hebben we gedaan?"))
    result = models.TextField(_("Hoe is het afgelopen?"))
    lessons = models.TextField(_("Wat leren we?"))
    outcome = models.CharField(_("uitkomst"), max_length=20, choices=OUTCOMES, default="loopt")
    quarter = models.PositiveSmallIntegerField(_("kwartaal"), choices=QUARTERS)
    year = models.PositiveSmallIntegerField(
        _("jaar"), default=current_year,
        validators=[MinValueValidator(2015), MaxValueValidator(2100)],
    )
    organisations = models.TextField(
        _("betrokken organisaties"), blank=True,
        help_text=_("Eén organisatie per regel. Organisaties mogen genoemd worden, mensen nooit."),
    )
    domains = ParentalManyToManyField(
        "verwijsgids.Domein", blank=True, related_name="casussen", verbose_name=_("domeinen")
    )
    themes = ParentalManyToManyField(
        "kennisbank.Thema", blank=True, related_name="casussen", verbose_name=_("thema's")
    )
    # Keys of the domains and themes, kept in step on save: filters and labels without joins.
    domain_keys = models.CharField(max_length=500, blank=True, editable=False)
    # Digest of the public content the Privacytoets approved (set by the gate on save):
    # serving a case compares it without a query; a raw update of the row breaks it.
    approved_digest = models.CharField(max_length=64, blank=True, editable=False)
    theme_keys = models.CharField(max_length=500, blank=True, editable=False)

    base_form_class = CasusForm
    parent_page_types = ["casussen.CasusIndexPage"]
    subpage_types = []

    content_panels = [
        HelpPanel(content=guard.guideline_help_html, heading=_("Publicatierichtlijn")),
        guard.PrivacyFindingsPanel(heading=_("Privacycontrole")),
        FieldPanel("title"),
        FieldPanel("summary"),
        FieldPanel("situation"),
        FieldPanel("what_went_wrong"),
        FieldPanel("what_was_done"),
        FieldPanel("result"),
        FieldPanel("lessons"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("quarter"), FieldPanel("year")]),
                FieldPanel("outcome"),
                FieldPanel("domains", widget=forms.CheckboxSelectMultiple),
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("organisations"),
            ],
            heading=_("Kenmerken"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("situation"),
        index.SearchField("what_went_wrong"),
        index.SearchField("what_was_done"),
        index.SearchField("result"),
        index.SearchField("lessons"),
        index.SearchField("organisations"),
        index.FilterField("year"),
        index.FilterField("outcome"),
    ]

    class Meta:
        verbose_name = _("casus")
        verbose_name_plural = _("casussen")

    @property
    def period_label(self):
        return f"{self.get_quarter_display()} {self.year}"

    @property
    def organisation_list(self):
        return [line.strip() for line in self.organisations.splitlines() if line.strip()]

    def privacy_texts(self):
        """Everything this case story publishes (see guard.published_texts)."""
        return guard.published_texts(self)

    def publish(self, revision, user=None, **kwargs):
        """Only a revision a second person approved in the Privacytoets is published, by
        anyone: a person gets PermissionDenied; the system (scheduled publishing,
        wagtail-localize's publish after commit) is refused quietly, the revision kept."""
        from .workflow import approved_by_second_person

        if not approved_by_second_person(revision):
            gate.refuse(self, "publish")
            if user is not None:
                raise PermissionDenied("Een casus wordt pas gepubliceerd na de privacytoets.")
            if revision.approved_go_live_at is not None:
                revision.approved_go_live_at = None
                revision.save(update_fields=["approved_go_live_at"])
            return None
        return super().publish(revision, user=user, **kwargs)

    def save(self, *args, **kwargs):
        self.domain_keys = " " + " ".join(sorted(d.key for d in self.domains.all())) + " "
        self.theme_keys = " " + " ".join(sorted(t.key for t in self.themes.all())) + " "
        update_fields = kwargs.get("update_fields")
        checked = update_fields is None or (
            set(update_fields) & (gate.STATE_FIELDS | set(gate.public_fields()))
        )
        taken_offline = False
        if self.live and checked:
            approved = gate.content_is_approved(self)
            if not approved:
                gate.refuse(self, "save")
                taken_offline = bool(self.pk) and Page.objects.filter(
                    pk=self.pk, live=True).exists()
                self.live, self.has_unpublished_changes, self.live_revision = False, True, None
            self.approved_digest = gate.digest(self) if approved else ""
            if update_fields is not None:
                kwargs["update_fields"] = list(set(update_fields) | {
                    "live", "has_unpublished_changes", "live_revision", "approved_digest"})
        elif not self.live and self.live_revision_id and (
            update_fields is None or "live_revision" in update_fields
        ):
            self.live_revision = None  # a draft has no live revision (a refused copy)
        result = super().save(*args, **kwargs)
        if taken_offline:  # page cache, search index
            from wagtail.signals import page_unpublished

            page_unpublished.send(sender=type(self), instance=self)
        return result

    def serve(self, request, *args, **kwargs):
        if not getattr(request, "is_preview", False) and not gate.live_content_approved(self):
            raise Http404
        return super().serve(request, *args, **kwargs)

    def get_sitemap_urls(self, request=None):
        if not gate.live_content_approved(self):
            return []
        return super().get_sitemap_urls(request)

    def has_key(self, field, key):
        return f" {key} " in (getattr(self, field) or "")

    def labels(self, field, terms):
        return [term for term in terms if self.has_key(field, term.key)]

    def get_context(self, request, *args, **kwargs):
        from .vocab import vocab

        context = super().get_context(request, *args, **kwargs)
        terms = vocab()
        context["domain_list"] = self.labels("domain_keys", terms["domains"])
        context["theme_list"] = self.labels("theme_keys", terms["themes"])
        return context


class CasusIndexPage(BasePage):
    """The public overview of case stories, with filters that work without JavaScript."""

    intro = models.TextField(_("introductie"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["casussen.Casus"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("casusoverzicht")

    def get_context(self, request, *args, **kwargs):
        from .views import casus_overview_context

        context = super().get_context(request, *args, **kwargs)
        context.update(casus_overview_context(self, request))
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if getattr(request, "casus_filter_error", False):
            response.status_code = 400
        return response


# --- the guard: audit log and workflow task ----------------------------------------------


class PrivacyOverride(models.Model):
    """Someone published (or approved) a case story although the scanner found something."""

    page = models.ForeignKey(
        "wagtailcore.Page", null=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("pagina"),
    )
    page_title = models.CharField(_("titel"), max_length=255)
    revision_id = models.PositiveIntegerField(_("versie"), null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("gebruiker"),
    )
    user_name = models.CharField(_("naam gebruiker"), max_length=150)
    reason = models.TextField(_("reden"))
    findings = models.JSONField(_("bevindingen"), default=list)
    created_at = models.DateTimeField(_("moment"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("privacy-uitzondering")
        verbose_name_plural = _("privacy-uitzonderingen")
        permissions = [
            ("privacy_override", _("Mag een casus publiceren ondanks privacybevindingen")),
        ]

    def __str__(self):
        return f"{self.page_title} ({self.user_name}, {self.created_at:%Y-%m-%d})"

    @classmethod
    def record(cls, page, user, reason, findings, revision=None):
        return cls.objects.create(
            page=page, page_title=page.title[:255],
            revision_id=getattr(revision, "pk", None) or page.latest_revision_id,
            user=user, user_name=user.get_username() if user else "",
            reason=reason, findings=findings,
        )


class PrivacyOverrideActionForm(forms.Form):
    comment = forms.CharField(
        label=_("Reden"), widget=forms.Textarea(attrs={"rows": 4}), required=True,
        help_text=_(
            "Waarom zijn de gevonden gegevens geen persoonsgegevens? Dit wordt vastgelegd."
        ),
    )


# Revision content that changes with every save, not with what the public sees.
VOLATILE_KEYS = {
    "pk", "id", "page_ptr", "basepage_ptr", "latest_revision", "live_revision", "live",
    "has_unpublished_changes", "draft_title", "last_published_at", "first_published_at",
    "latest_revision_created_at", "locked", "locked_at", "locked_by", "owner", "comments",
    "wagtail_admin_comments", "go_live_at", "expire_at", "expired", "url_path", "path",
    "depth", "numchild", "domain_keys", "theme_keys", "approved_digest",
}


class PrivacytoetsTask(AbstractGroupApprovalTask):
    """Second-person approval. Whoever submitted the case cannot approve it. Approving is
    not offered while personal data is found; a privacy officer may approve anyway with a
    written reason, which is logged."""

    class Meta:
        verbose_name = _("privacytoets")
        verbose_name_plural = _("privacytoetsen")

    @classmethod
    def get_description(cls):
        return _("Een tweede persoon controleert de casus op persoonsgegevens en keurt goed.")

    def _findings(self, obj):
        page = obj
        if hasattr(obj, "get_latest_revision_as_object"):
            page = obj.get_latest_revision_as_object()
        if hasattr(page, "specific"):
            page = page.specific
        if not hasattr(page, "privacy_texts"):
            return {}
        return guard.scan_fields(page.privacy_texts())

    @staticmethod
    def _submitted_by(obj, user):
        state = getattr(obj, "current_workflow_state", None)
        return state is not None and state.requested_by_id == user.pk

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if actions and self._submitted_by(obj, user):
            return [action for action in actions if action[0] == "reject"]
        if not actions or not self._findings(obj):
            return actions
        actions = [action for action in actions if action[0] != "approve"]
        if user.has_perm(guard.OVERRIDE_PERMISSION):
            actions.append(("privacy_override", _("Toch goedkeuren (met reden)"), True))
        return actions

    def get_form_for_action(self, action):
        if action == "privacy_override":
            return PrivacyOverrideActionForm
        return super().get_form_for_action(action)

    @staticmethod
    def _follow_unchanged_edit(task_state):
        """Approving in the page editor saves a new revision first (Wagtail does, also
        when nothing changed). If its content equals the submitted one, the approval is
        for it; otherwise the submitted revision stays the one approved and published."""
        latest = task_state.workflow_state.content_object.get_latest_revision()
        if latest is None or latest.pk == task_state.revision_id:
            return

        def content(revision):
            return {k: v for k, v in revision.content.items() if k not in VOLATILE_KEYS}

        if content(latest) == content(task_state.revision):
            task_state.revision = latest
            task_state.save(update_fields=["revision"])

    def on_action(self, task_state, user, action_name, **kwargs):
        obj = task_state.workflow_state.content_object
        if action_name in ("approve", "privacy_override"):
            self._follow_unchanged_edit(task_state)
        if action_name in ("approve", "privacy_override") and (
            task_state.workflow_state.requested_by_id == user.pk
        ):
            raise PermissionDenied("Een tweede persoon keurt de casus goed.")
        if action_name == "approve" and self._findings(obj):
            raise PermissionDenied("Er staan nog persoonsgegevens in de casus.")
        if action_name == "privacy_override":
            if not user.has_perm(guard.OVERRIDE_PERMISSION):
                raise PermissionDenied("Geen recht om de privacytoets te overrulen.")
            reason = (kwargs.get("comment") or "").strip()
            if not reason:
                raise PermissionDenied("Een reden is verplicht.")
            report = self._findings(obj)
            PrivacyOverride.record(
                obj.specific, user, reason, guard.report_as_json(report),
                revision=task_state.revision,
            )
            return task_state.approve(user=user, comment=reason)
        return super().on_action(task_state, user, action_name, **kwargs)


# --- the newsletter ----------------------------------------------------------------------


class NieuwsbriefArchief(BasePage):
    """The list of newsletter editions, with the subscription form."""

    intro = models.TextField(_("introductie"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["casussen.NieuwsbriefEditie"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("nieuwsbriefarchief")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["editions"] = list(
            NieuwsbriefEditie.objects.child_of(self).live().order_by("-first_published_at")
            .only("id", "title", "url_path", "path", "depth", "intro", "first_published_at",
                  "locale_id", "edition_date")
        )
        return context


class NieuwsbriefEditie(BasePage):
    """One edition: an introduction, chosen case stories and announcements."""

    edition_date = models.DateField(_("datum editie"), default=datetime.date.today)
    intro = models.TextField(_("introductie"))
    casussen = ParentalManyToManyField(
        "casussen.Casus", blank=True, related_name="editions", verbose_name=_("casussen")
    )
    announcements = RichTextField(
        _("mededelingen"), blank=True, features=RICH_TEXT_FEATURES
    )
    # What the edition showed of its case stories when it was saved: an edition is a
    # snapshot in time, and rendering it needs no extra queries.
    case_snapshot = models.JSONField(default=list, editable=False)

    base_form_class = ScannedPageForm
    content_panels = Page.content_panels + [
        FieldPanel("edition_date"),
        FieldPanel("intro"),
        FieldPanel("casussen", widget=forms.CheckboxSelectMultiple),
        FieldPanel("announcements"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"), index.SearchField("announcements"),
    ]
    parent_page_types = ["casussen.NieuwsbriefArchief"]
    subpage_types = []

    class Meta:
        verbose_name = _("nieuwsbriefeditie")
        verbose_name_plural = _("nieuwsbriefedities")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["case_list"] = self.case_snapshot
        return context

    def privacy_texts(self):
        """What the edition publishes and sends: the title is the e-mail's subject."""
        return guard.published_texts(self)

    def save(self, *args, **kwargs):
        chosen = list(self.casussen.all())
        shown = set(
            Casus.objects.approved().filter(pk__in=[case.pk for case in chosen])
            .values_list("pk", flat=True)
        )
        self.case_snapshot = [
            {"id": case.pk, "title": case.title, "summary": case.summary, "url": case.get_url()}
            for case in chosen if case.pk in shown
        ]
        return super().save(*args, **kwargs)


class Abonnee(models.Model):
    """A newsletter subscriber: only the address, its state and the tokens to confirm and
    to unsubscribe. Nothing else is stored."""

    PENDING, ACTIVE, UNSUBSCRIBED = "pending", "active", "unsubscribed"
    STATES = [(PENDING, _("wacht op bevestiging")), (ACTIVE, _("actief")),
              (UNSUBSCRIBED, _("afgemeld"))]

    email = models.EmailField(_("e-mailadres"), unique=True)
    state = models.CharField(_("status"), max_length=20, choices=STATES, default=PENDING)
    confirm_token = models.CharField(max_length=64, unique=True)
    unsubscribe_token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("abonnee")
        verbose_name_plural = _("abonnees")

    def __str__(self):
        return self.email


class Ontvanger(models.Model):
    """One recipient of one edition: the row is claimed before sending, so a subscriber never
    gets the same edition twice, also not after a crash or a second "send" click."""

    PENDING, CLAIMED, SENT, FAILED, INTERRUPTED = (
        "pending", "claimed", "sent", "failed", "interrupted"
    )
    STATES = [
        (PENDING, _("wacht")), (CLAIMED, _("bezig")), (SENT, _("verstuurd")),
        (FAILED, _("mislukt")), (INTERRUPTED, _("onderbroken, niet opnieuw verstuurd")),
    ]

    edition = models.ForeignKey(
        NieuwsbriefEditie, on_delete=models.CASCADE, related_name="ontvangers"
    )
    abonnee = models.ForeignKey(Abonnee, on_delete=models.CASCADE, related_name="+")
    state = models.CharField(max_length=12, choices=STATES, default=PENDING, db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=500, blank=True)
    message_id = models.CharField(max_length=255, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["edition", "abonnee"], name="one_row_per_recipient"),
        ]
        verbose_name = _("ontvanger")
        verbose_name_plural = _("ontvangers")

    def __str__(self):
        return f"{self.abonnee_id} / {self.edition_id}: {self.state}"
