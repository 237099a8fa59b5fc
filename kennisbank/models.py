"""Kennisbank: learning sessions, quarterly reports, research, advice and what we learn.

`Thema` is THE one theme taxonomy of the project (case stories, learning material and
meldingen all use it).
"""

import secrets

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from home.blocks import RICH_TEXT_FEATURES, BodyBlock
from portal.pages import BasePage
from portal.taxonomy import Vocabulary


@register_snippet
class Thema(Vocabulary):
    """One theme taxonomy for case stories, learning material and meldingen."""

    description = models.TextField(_("uitleg"), blank=True)

    panels = [
        FieldPanel("name"), FieldPanel("name_en"), FieldPanel("key"), FieldPanel("description")
    ]

    class Meta(Vocabulary.Meta):
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")


# --- Documents: every attached document has an HTML summary --------------------------------


class DocumentWithSummaryBlock(blocks.StructBlock):
    """A Wagtail document with a required HTML summary (a PDF alone is not accessible enough)."""

    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        required=False, label=_("Titel"), help_text=_("Leeg laten: de titel van het document.")
    )
    summary = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        label=_("Samenvatting in HTML"),
        help_text=_("Verplicht: de belangrijkste inhoud van het document in gewone tekst."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Document met samenvatting")
        template = "kennisbank/blocks/document.html"


class DocumentsBlock(blocks.StreamBlock):
    document = DocumentWithSummaryBlock()


def documents_field():
    return StreamField(DocumentsBlock(), blank=True, verbose_name=_("documenten"))


# --- Themes on pages: labels kept on the page itself, so showing them costs no query -------


class ThemeLabelsMixin(models.Model):
    """Keeps [key, name, name_en] of the page's themes in `theme_labels` on every save."""

    theme_labels = models.JSONField(default=list, blank=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.refresh_theme_labels()
        return super().save(*args, **kwargs)

    def refresh_theme_labels(self):
        self.theme_labels = [[t.key, t.name, t.name_en] for t in self.themes.all()]

    @property
    def theme_names(self):
        english = translation.get_language() == "en"
        return [(name_en or name) if english else name for _key, name, name_en in
                self.theme_labels]


# --- Index -----------------------------------------------------------------------------------


class KennisbankIndexPage(BasePage):
    """/kennisbank/: learning sessions, publications and what we learn."""

    intro = models.TextField(_("introductie"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("inhoud"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = [
        "kennisbank.Leerbijeenkomst", "kennisbank.Kwartaalrapportage", "kennisbank.Onderzoek",
        "kennisbank.Advies", "kennisbank.WatWeLerenPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("kennisbank")

    # Reverse one-to-one names of the child page models: one query fetches a typed child.
    CHILD_RELATIONS = ("leerbijeenkomst", "kwartaalrapportage", "onderzoek", "advies",
                       "watwelerenpage")

    def typed_children(self, *relations, live=True):
        """Children of this page as their specific models, in ONE query (select_related over
        the multi-table inheritance), so every page stays within the query budget."""
        relations = relations or self.CHILD_RELATIONS
        queryset = Page.objects.child_of(self).select_related(*relations)
        if live:
            queryset = queryset.live()
        children = []
        for page in queryset:
            for relation in relations:
                child = getattr(page, relation, None)
                if child is not None:
                    child._cached_parent_obj = self
                    children.append(child)
                    break
        return children

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        queryset = (
            Page.objects.child_of(self).filter(slug=path_components[0])
            .select_related(*self.CHILD_RELATIONS)
            .annotate(registered_count=_registered_subquery())
        )
        page = queryset.first()
        if page is None:
            raise Http404
        child = None
        for relation in self.CHILD_RELATIONS:
            child = getattr(page, relation, None)
            if child is not None:
                break
        if child is None:
            child = page.specific
        child._cached_parent_obj = self
        if isinstance(child, Leerbijeenkomst):
            child.registered_count = page.registered_count or 0
        return child.route(request, path_components[1:])

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        children = self.typed_children()

        def of(model):
            return [child for child in children if isinstance(child, model)]

        sessions = sorted(of(Leerbijeenkomst), key=lambda s: s.start)
        context["upcoming"] = [s for s in sessions if s.end >= now]
        context["past"] = [s for s in reversed(sessions) if s.end < now][:6]
        for model, name in ((Kwartaalrapportage, "reports"), (Onderzoek, "research"),
                            (Advies, "advice")):
            context[name] = sorted(of(model), key=lambda p: (p.date, p.pk), reverse=True)[:6]
        context["wat_we_leren"] = next(iter(of(WatWeLerenPage)), None)
        return context


def _registered_subquery():
    """Places taken in a session (counted on the page in the default language)."""
    from django.db.models import Count, OuterRef, Subquery

    taken = (
        Aanmelding.objects.filter(
            session__translation_key=OuterRef("translation_key"),
            session__locale__language_code=settings.LANGUAGE_CODE,
            status=Aanmelding.Status.REGISTERED,
        )
        .order_by().values("session__translation_key").annotate(n=Count("pk")).values("n")
    )
    return Subquery(taken)


# --- Learning sessions -----------------------------------------------------------------------


class Leerbijeenkomst(RoutablePageMixin, ThemeLabelsMixin, BasePage):  # noqa: DJ008
    """A learning session ("leerbijeenkomst"), e.g. about paarse krokodillen.

    Registration lives on its own URL (`aanmelden/`), so this page itself stays cacheable.
    """

    start = models.DateTimeField(_("begin"))
    end = models.DateTimeField(_("einde"))
    location = models.CharField(
        _("plaats"), max_length=255, blank=True, help_text=_("Adres van de bijeenkomst.")
    )
    online_url = models.URLField(
        _("online link"), blank=True, help_text=_("Link voor een online bijeenkomst.")
    )
    themes = ParentalManyToManyField(
        Thema, blank=True, related_name="leerbijeenkomsten", verbose_name=_("thema's")
    )
    audience = models.CharField(
        _("voor wie"), max_length=255,
        default=_("Medewerkers van de gemeente en partnerorganisaties"),
    )
    capacity = models.PositiveSmallIntegerField(
        _("aantal plaatsen"), default=30,
        help_text=_("Is de bijeenkomst vol? Dan komen nieuwe aanmeldingen op de wachtlijst."),
    )
    intro = models.TextField(_("introductie"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("programma en uitleg"))
    material_summary = RichTextField(
        _("verslag"), blank=True, features=RICH_TEXT_FEATURES,
        help_text=_("Na de bijeenkomst: een samenvatting van wat er besproken is."),
    )
    material_documents = documents_field()

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("location"), FieldPanel("online_url"), FieldPanel("audience"),
                FieldPanel("capacity"), FieldPanel("themes"),
            ],
            heading=_("Wanneer en waar"),
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("material_summary"), FieldPanel("material_documents")],
            heading=_("Materiaal (na de bijeenkomst)"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"), index.SearchField("material_summary"),
        index.FilterField("start"),
    ]
    parent_page_types = ["kennisbank.KennisbankIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("leerbijeenkomst")
        verbose_name_plural = _("leerbijeenkomsten")

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("Het einde moet na het begin liggen.")
        if not self.location and not self.online_url:
            errors["location"] = _("Vul een plaats of een online link in.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_past(self):
        return self.end < timezone.now()

    @property
    def registration_open(self):
        return self.start > timezone.now()

    @cached_property
    def canonical(self):
        """Registrations belong to the page in the default language (one list per session)."""
        default = Locale.get_default()
        if self.locale_id == default.pk:
            return self
        return self.get_translation_or_none(default) or self

    @cached_property
    def registered_count(self):
        """Set by the kennisbank's routing (no extra query); counted here otherwise."""
        return Aanmelding.objects.filter(
            session__translation_key=self.translation_key,
            session__locale__language_code=settings.LANGUAGE_CODE,
            status=Aanmelding.Status.REGISTERED,
        ).count()

    @property
    def places_left(self):
        # The capacity is synchronised to translations, so this page's value is the source's.
        return max(self.capacity - self.registered_count, 0)

    @path("aanmelden/", name="register")
    def register_view(self, request):
        from .views import register

        return register(request, self)


# --- Registrations ---------------------------------------------------------------------------


def _new_nonce():
    return secrets.token_urlsafe(24)


class Aanmelding(models.Model):
    """A registration for a learning session: name and e-mail only.

    The cancellation link carries a signed random nonce; deleted 30 days after the session.
    """

    invalidates_page_cache = True  # the session page shows the places left

    class Status(models.TextChoices):
        REGISTERED = "aangemeld", _("aangemeld")
        WAITING = "wachtlijst", _("op de wachtlijst")

    session = models.ForeignKey(
        Leerbijeenkomst, on_delete=models.CASCADE, related_name="aanmeldingen",
        verbose_name=_("leerbijeenkomst"),
    )
    name = models.CharField(_("naam"), max_length=120)
    email = models.EmailField(_("e-mail"), max_length=254)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    language = models.CharField(_("taal"), max_length=8, default="nl")
    nonce = models.CharField(max_length=40, unique=True, default=_new_nonce, editable=False)
    created_at = models.DateTimeField(_("aangemeld op"), auto_now_add=True)
    promoted_at = models.DateTimeField(_("van wachtlijst gehaald op"), null=True, blank=True)

    class Meta:
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "email"], name="kennisbank_aanmelding_uniek_email"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.get_status_display()})"

    SIGNER_SALT = "kennisbank.aanmelding"

    @property
    def token(self):
        return signing.Signer(salt=self.SIGNER_SALT, sep=".").sign(self.nonce)

    @classmethod
    def from_token(cls, token):
        try:
            nonce = signing.Signer(salt=cls.SIGNER_SALT, sep=".").unsign(token)
        except signing.BadSignature:
            return None
        return cls.objects.select_related("session").filter(nonce=nonce).first()

    def manage_path(self):
        from django.urls import reverse

        with translation.override(self.language):
            return reverse("kennisbank:aanmelding", kwargs={"token": self.token})

    def manage_url(self):
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + self.manage_path()

    def waiting_position(self):
        if self.status != self.Status.WAITING:
            return None
        return Aanmelding.objects.filter(
            session_id=self.session_id, status=self.Status.WAITING, created_at__lte=self.created_at,
        ).exclude(created_at=self.created_at, id__gt=self.id).count()


# --- Publications ----------------------------------------------------------------------------


class PublicationPage(BasePage):
    """Shared fields of quarterly reports, research and advice."""

    date = models.DateField(_("datum"), default=timezone.localdate)
    intro = models.TextField(_("samenvatting"), help_text=_("Twee of drie zinnen in B1-taal."))
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("inhoud"))
    documents = documents_field()

    search_fields = Page.search_fields + [
        index.SearchField("intro"), index.SearchField("body"), index.FilterField("date"),
    ]
    parent_page_types = ["kennisbank.KennisbankIndexPage"]
    subpage_types = []

    class Meta:
        abstract = True


class Onderzoek(ThemeLabelsMixin, PublicationPage):  # noqa: DJ008
    """Research on the SignaLeerpunt's own initiative."""

    themes = ParentalManyToManyField(
        Thema, blank=True, related_name="onderzoeken", verbose_name=_("thema's")
    )

    content_panels = Page.content_panels + [
        FieldPanel("date"), FieldPanel("intro"), FieldPanel("themes"), FieldPanel("body"),
        FieldPanel("documents"),
    ]

    class Meta:
        verbose_name = _("onderzoek")
        verbose_name_plural = _("onderzoeken")


class Advies(ThemeLabelsMixin, PublicationPage):  # noqa: DJ008
    """Advice to the municipality, asked or unasked, with what came of it."""

    class Kind(models.TextChoices):
        ASKED = "gevraagd", _("gevraagd advies")
        UNASKED = "ongevraagd", _("ongevraagd advies")

    class FollowUp(models.TextChoices):
        OPEN = "open", _("open")
        DONE = "opgevolgd", _("opgevolgd")
        PARTLY = "deels", _("deels opgevolgd")
        NOT = "niet", _("niet opgevolgd")

    kind = models.CharField(_("soort advies"), max_length=12, choices=Kind.choices)
    addressed_to = models.CharField(
        _("aan"), max_length=200, default=_("college van burgemeester en wethouders")
    )
    follow_up = models.CharField(
        _("opvolging"), max_length=12, choices=FollowUp.choices, default=FollowUp.OPEN
    )
    response = RichTextField(
        _("reactie van de gemeente"), blank=True, features=RICH_TEXT_FEATURES,
        help_text=_("Wat de gemeente met het advies doet, in eigen woorden of geciteerd."),
    )
    response_date = models.DateField(_("datum reactie"), null=True, blank=True)
    themes = ParentalManyToManyField(
        Thema, blank=True, related_name="adviezen", verbose_name=_("thema's")
    )

    content_panels = Page.content_panels + [
        FieldPanel("date"), FieldPanel("kind"), FieldPanel("addressed_to"), FieldPanel("intro"),
        FieldPanel("themes"), FieldPanel("body"), FieldPanel("documents"),
        MultiFieldPanel(
            [FieldPanel("follow_up"), FieldPanel("response_date"), FieldPanel("response")],
            heading=_("Opvolging"),
        ),
    ]

    class Meta:
        verbose_name = _("advies")
        verbose_name_plural = _("adviezen")

    def clean(self):
        super().clean()
        if self.follow_up != self.FollowUp.OPEN and not self.response:
            raise ValidationError(
                {"response": _("Beschrijf de reactie van de gemeente als het advies niet meer "
                               "open is.")}
            )


class Kwartaalrapportage(PublicationPage):
    """Quarterly report to the council, pre-filled with anonymous figures from the meldingen.

    The figures are computed from `year` and `quarter`; on publishing they are frozen into
    `figures`, so the published report does not change when meldingen are deleted later.
    """

    QUARTERS = [(1, "Q1"), (2, "Q2"), (3, "Q3"), (4, "Q4")]

    year = models.PositiveSmallIntegerField(_("jaar"))
    quarter = models.PositiveSmallIntegerField(_("kwartaal"), choices=QUARTERS)
    figures = models.JSONField(_("cijfers"), default=dict, blank=True, editable=False)

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("year"), FieldPanel("quarter")]),
        HelpPanel(content=_(
            "De cijfers over dit kwartaal komen automatisch uit de meldingen. U ziet ze in de "
            "voorbeeldweergave. Bij publiceren worden ze vastgelegd: het gepubliceerde rapport "
            "verandert daarna niet meer. Aantallen onder de 5 tonen we als 'minder dan 5'."
        )),
        FieldPanel("date"), FieldPanel("intro"), FieldPanel("body"), FieldPanel("documents"),
    ]

    class Meta:
        verbose_name = _("kwartaalrapportage")
        verbose_name_plural = _("kwartaalrapportages")
        ordering = ["-year", "-quarter"]

    def clean(self):
        super().clean()
        if self.year and not 2000 <= self.year <= 2100:
            raise ValidationError({"year": _("Vul een jaar tussen 2000 en 2100 in.")})

    @property
    def period_label(self):
        return f"Q{self.quarter} {self.year}"

    def _figures_match(self, figures):
        return bool(figures) and (figures.get("year"), figures.get("quarter")) == (
            self.year, self.quarter,
        )

    def save(self, *args, **kwargs):
        # A revision may carry empty figures: never lose figures that were frozen before.
        if self.pk and not self._figures_match(self.figures):
            stored = (
                type(self).objects.filter(pk=self.pk).values_list("figures", flat=True).first()
            )
            if self._figures_match(stored):
                self.figures = stored
        if self.live and not self._figures_match(self.figures):
            from .figures import compute_figures

            self.figures = compute_figures(self.year, self.quarter) or {}
        return super().save(*args, **kwargs)

    def get_figures(self):
        """Frozen figures once published; live figures in a draft or preview."""
        if self._figures_match(self.figures):
            return self.figures
        from .figures import compute_figures

        return compute_figures(self.year, self.quarter)

    def get_context(self, request, *args, **kwargs):
        from .charts import bar_chart
        from .figures import dimension_title, show, table_matrix

        context = super().get_context(request, *args, **kwargs)
        figures = self.get_figures()
        context["figures"] = figures
        if figures:
            previous = "Q{quarter} {year}".format(**figures["previous"])
            context["previous_label"] = previous
            context["total_text"] = show(figures["total"]["value"])
            context["previous_total_text"] = show(figures["total"]["previous"])
            context["tables"] = [
                {
                    "key": table["key"], "title": dimension_title(table["key"]),
                    "multi": table["multi"],
                    "matrix": table_matrix(table, self.period_label, previous),
                    "chart": bar_chart(table, self.period_label),
                }
                for table in figures["tables"]
            ]
        return context


class WatWeLerenPage(BasePage):
    """"Wat we leren": trends over the last quarters, frequent themes, status of all advice."""

    intro = models.TextField(_("introductie"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("inhoud"))
    quarters_shown = models.PositiveSmallIntegerField(_("aantal kwartalen"), default=4)

    content_panels = Page.content_panels + [
        FieldPanel("intro"), FieldPanel("quarters_shown"), FieldPanel("body"),
    ]
    parent_page_types = ["kennisbank.KennisbankIndexPage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("wat we leren")

    def get_context(self, request, *args, **kwargs):
        from .learning import learning_context

        context = super().get_context(request, *args, **kwargs)
        context.update(learning_context(self))
        return context
