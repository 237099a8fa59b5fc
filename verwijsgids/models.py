"""Verwijsgids: the referral directory of complaint schemes (`Regeling` pages).

Content model
-------------
- `Gemeente`, `Domein`: shared vocabularies (snippets) used by several apps.
- `Organisatie`: snippet with the contact details of the body that runs a scheme.
- `VerwijsgidsIndexPage`: the directory (slug ``verwijsgids``), one per language.
- `Regeling`: one scheme, a page under the index. ``key`` is the stable identifier: the
  same in every language, unique, and it cannot change once the page was published.
  Domains, municipalities and the remit (``bereik``) belong to the scheme, not to a language: a
  translation always takes them over from the page in the default language (see
  `Regeling.save`), so a filter gives the same schemes in every language.
- `RegelingVolgendeStap`: the escalation ladder, "Kwam u er niet uit? Dan ...".

For other apps (finder, meldformulier)
--------------------------------------
``regelingen_voor(gemeente=None, domein=None, soort=None, locale=None, fallback=False)``
returns a QuerySet of live, public ``Regeling`` pages (never drafts or unpublished pages):

- ``gemeente``: a `Gemeente`, a `Term` or a key. Keeps the schemes whose remit (``bereik``)
  serves it: ``alle`` (every municipality), ``lijst`` (only the listed ``gemeenten``) or
  ``behalve`` (every municipality except the listed ones; the Nationale ombudsman is not for
  municipalities with their own ombudsman). ``bedient(bereik, keys, gemeente)`` is the same
  rule in Python, for the finder's index. ``domein``: a `Domein`, a `Term` or a key.
  ``soort``: a key from ``SOORT_KEYS``. Unknown keys raise ``Gemeente.DoesNotExist`` /
  ``Domein.DoesNotExist`` / ``ValueError`` (check input first with ``is_valid_key`` and
  ``vocabulaires()``, or catch them and answer 400).
- ``locale``: a `Locale`, a locale id, a language code, or None for the active language.
- ``fallback=True`` adds the default-language page of every scheme that has no live
  translation in ``locale`` (so /en/ still lists all 18 schemes, some in Dutch).

The QuerySet uses only ``id__in`` sub-queries for the many-to-many filters, so it can be
searched with Wagtail search (database backend; fields: title, key, zoekwoorden (boost 3),
samenvatting, waarvoor, voor_wie, organisation and domain names)::

    regelingen_voor(gemeente="haarlem", locale="nl").search("thuiszorg komt niet")

Each page has ``key``, ``title``, ``url``, ``soort``, ``lijn``, ``samenvatting``,
``zoekwoorden_lijst``, ``controle_status`` and ``melden_url()``; ``domeinen_lijst`` and
``gemeenten_lijst`` come from the copy in ``vocab_ids`` (no query). Use
``.select_related("organisatie", "locale")`` when you render many.

``stappen_per_gemeente()`` gives, per municipality, its first step (own complaint
procedure) and second step (ombudsman): the admin and the check report use it.

``vocabulaires()`` gives all domains and municipalities as `Term` objects (key, name,
label), cached until one changes: use it to validate ``gemeente``/``domein`` parameters.
"""

import datetime
import json
import re

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, Value
from django.db.models.signals import post_delete, post_save
from django.http import Http404
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.html import _json_script_escapes
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Locale, Orderable, Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField

from portal.pages import BasePage, any_view_restriction
from portal.taxonomy import Vocabulary, localized_name

KEY_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# A check older than this is overdue.
CHECK_MAX_AGE = datetime.timedelta(days=365)


def is_valid_key(value):
    """Whether `value` looks like a vocabulary or scheme key (lower-case slug, <= 80 chars)."""
    return isinstance(value, str) and len(value) <= 80 and bool(KEY_RE.match(value))


class Gemeente(Vocabulary):
    """A municipality. Other municipalities can join: add one here, no code change."""

    cbs_code = models.CharField(_("CBS-code"), max_length=6, blank=True)

    panels = [FieldPanel("name"), FieldPanel("name_en"), FieldPanel("key"), FieldPanel("cbs_code")]

    def _stappen(self, position):
        for term, *steps in stappen_per_gemeente():
            if term.key == self.key:
                return ", ".join(r.title for r in steps[position]) or _("Geen")
        return _("Geen")

    def eerste_stap(self):
        return self._stappen(0)

    eerste_stap.short_description = _("Eerste stap (klacht bij de gemeente)")

    def tweede_stap(self):
        return self._stappen(1)

    tweede_stap.short_description = _("Tweede stap (ombudsman)")

    class Meta(Vocabulary.Meta):
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")


@register_snippet
class Domein(Vocabulary):
    """A part of the social domain: wmo, jeugd, werk-inkomen, schulden, zorg, gemeente."""

    description = models.TextField(_("uitleg"), blank=True)
    description_en = models.TextField(_("uitleg (Engels)"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    panels = [
        FieldPanel("name"), FieldPanel("name_en"), FieldPanel("key"),
        FieldPanel("description"), FieldPanel("description_en"), FieldPanel("sort_order"),
    ]

    class Meta(Vocabulary.Meta):
        ordering = ["sort_order", "name"]
        verbose_name = _("domein")
        verbose_name_plural = _("domeinen")


@register_snippet
class Organisatie(models.Model):
    """The body that runs a scheme, with its contact details (only verified facts)."""

    invalidates_page_cache = True

    name = models.CharField(_("naam"), max_length=200)
    name_en = models.CharField(
        _("naam (Engels)"), max_length=200, blank=True,
        help_text=_("Leeg: de Engelse pagina's tonen de Nederlandse naam."),
    )
    website = models.URLField(_("website"), blank=True)
    phone = models.CharField(_("telefoon"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.TextField(_("adres"), blank=True)
    opening_hours = models.CharField(_("bereikbaarheid"), max_length=200, blank=True)

    panels = [
        FieldPanel("name"), FieldPanel("name_en"), FieldPanel("website"), FieldPanel("phone"),
        FieldPanel("email"),
        FieldPanel("address"), FieldPanel("opening_hours"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")

    def __str__(self):
        return self.name

    @property
    def label(self):
        """The name in the active language (English when there is one)."""
        return localized_name(self.name, self.name_en)

    @property
    def has_contact(self):
        return bool(self.website or self.phone or self.email or self.address)


SOORTEN = [
    ("meldpunt", _("Meldpunt")),
    ("klacht", _("Klacht")),
    ("ombudsman", _("Ombudsman")),
    ("bezwaar", _("Bezwaar")),
    ("beroep", _("Beroep bij de rechter")),
    ("vertrouwenspersoon", _("Vertrouwenspersoon")),
    ("clientondersteuning", _("Cliëntondersteuning en advies")),
    ("geschil", _("Geschilleninstantie")),
    ("inspraak", _("Inspraak en advies over beleid")),
]
SOORT_KEYS = [key for key, _label in SOORTEN]

BEREIK = [
    ("alle", _("Alle gemeenten")),
    ("lijst", _("Alleen de gekozen gemeenten")),
    ("behalve", _("Alle gemeenten, behalve de gekozen gemeenten")),
]


def bedient(bereik, gemeente_keys, gemeente):
    """Whether a scheme with remit `bereik` and listed municipalities serves `gemeente` (key)."""
    if bereik == "alle":
        return True
    if bereik == "behalve":
        return gemeente not in gemeente_keys
    return gemeente in gemeente_keys


LIJNEN = [
    (0, _("Hulp en advies, naast elke stap")),
    (1, _("Eerste stap: de organisatie zelf")),
    (2, _("Tweede stap: als de eerste stap niet hielp")),
]


class VerwijsgidsIndexPage(BasePage):
    """The directory: every scheme, with filters for domain, kind and municipality."""

    intro = models.TextField(_("introductie"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["verwijsgids.Regeling"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("verwijsgids")

    def route(self, request, path_components):
        """Fetch the specific scheme in one query (the default needs two)."""
        if not path_components:
            return super().route(request, path_components)
        try:
            child = (
                Regeling.objects.child_of(self)
                .select_related("organisatie", "locale")
                .get(slug=path_components[0])
            )
        except Regeling.DoesNotExist as error:
            raise Http404 from error
        child._cached_parent_obj = self
        return child.route(request, path_components[1:])

    def serve(self, request, *args, **kwargs):
        from .views import serve_index

        return serve_index(self, request)


class RegelingForm(WagtailAdminPageForm):
    """Admin form: clear Dutch errors for the rules editors most often break."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "domeinen" in self.fields:
            # Checked in clean() with one clear message instead of "this field is required".
            self.fields["domeinen"].required = False

    def clean(self):
        cleaned = super().clean()
        if "domeinen" in self.fields and not cleaned.get("domeinen"):
            self.add_error("domeinen", _("Kies minstens één domein."))
        bereik = cleaned.get("bereik")
        if "gemeenten" in self.fields and bereik in ("lijst", "behalve") and not cleaned.get(
            "gemeenten"
        ):
            self.add_error(
                "gemeenten",
                _("Kies minstens één gemeente, of kies bij 'bereik' voor alle gemeenten.")
                if bereik == "lijst"
                else _("Kies de gemeenten waarvoor deze regeling niet werkt."),
            )
        return cleaned

    def is_valid(self):
        """The ladder's forms are cleaned after `clean()`, so check self-links here."""
        valid = super().is_valid()
        formset = self.formsets.get("volgende_stappen")
        if formset is None or not self.instance.pk:
            return valid
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None) or {}
            doel = data.get("doel")
            if data.get("DELETE") or doel is None:
                continue
            if doel.pk == self.instance.pk or doel.translation_key == self.instance.translation_key:
                form.add_error("doel", _("Een regeling kan niet naar zichzelf verwijzen."))
                valid = False
        return valid


class Regeling(BasePage):
    """A complaint scheme, place for help or advisory body. Its `key` never changes."""

    key = models.SlugField(
        _("sleutel"),
        max_length=80,
        help_text=_(
            "Vaste code voor links, het meldformulier en de API, bijvoorbeeld 'klacht-gemeente'. "
            "In elke taal gelijk. Na publicatie kunt u deze niet meer veranderen."
        ),
    )
    organisatie = models.ForeignKey(
        Organisatie, verbose_name=_("organisatie"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="regelingen",
    )
    soort = models.CharField(_("soort"), max_length=30, choices=SOORTEN)
    lijn = models.PositiveSmallIntegerField(
        _("lijn"), choices=LIJNEN, default=1,
        help_text=_("1 = eerst naar de organisatie zelf; 2 = daarna; 0 = hulp naast elke stap."),
    )
    domeinen = ParentalManyToManyField(
        Domein, verbose_name=_("domeinen"), related_name="regelingen",
        help_text=_("Minstens één."),
    )
    bereik = models.CharField(
        _("bereik"), max_length=10, choices=BEREIK, default="lijst",
        help_text=_(
            "Voor welke gemeenten werkt deze regeling? Bijvoorbeeld: de klachtenregeling van "
            "de gemeente werkt overal; de Nationale ombudsman overal, behalve in gemeenten met "
            "een eigen ombudsman."
        ),
    )
    gemeenten = ParentalManyToManyField(
        Gemeente, verbose_name=_("gemeenten"), related_name="regelingen", blank=True,
        help_text=_(
            "Bij 'alleen de gekozen gemeenten': waar de regeling werkt. Bij 'behalve': waar "
            "zij niet werkt. Bij 'alle gemeenten' telt deze lijst niet mee."
        ),
    )
    samenvatting = models.TextField(
        _("samenvatting"), max_length=400,
        help_text=_("Eén of twee zinnen in eenvoudige taal. Staat in het overzicht."),
    )
    waarvoor = models.TextField(_("waarvoor kunt u hier terecht"), blank=True)
    voor_wie = models.TextField(_("voor wie"), blank=True)
    niet_voor = models.TextField(_("wat doet deze plek niet"), blank=True)
    stappen = models.TextField(
        _("zo begint u"), blank=True, help_text=_("Eén stap per regel.")
    )
    voorbereiden = models.TextField(
        _("dit heeft u nodig"), blank=True, help_text=_("Eén punt per regel.")
    )
    termijnen = models.TextField(_("termijnen en reactietijd"), blank=True)
    kosten = models.CharField(_("kosten"), max_length=300, blank=True)
    wettelijke_basis = models.CharField(_("wettelijke basis"), max_length=300, blank=True)
    zoekwoorden = models.TextField(
        _("zoekwoorden"), blank=True,
        help_text=_(
            "Woorden die inwoners zelf gebruiken, gescheiden door komma's of regels. "
            "Bijvoorbeeld: thuiszorg komt niet, huishoudelijke hulp."
        ),
    )
    laatst_gecontroleerd = models.DateField(
        _("laatst gecontroleerd"), null=True, blank=True,
        help_text=_("Wanneer zijn de gegevens voor het laatst nagekeken? Leeg = nog nooit."),
    )

    # Copy of the domains ("d") and municipalities ("g"): id, key, name, name_en. Kept in step
    # with the many-to-many fields on every full save and when a term changes, so pages and
    # lists show them without extra queries.
    vocab_ids = models.JSONField(default=dict, editable=False)

    base_form_class = RegelingForm
    parent_page_types = ["verwijsgids.VerwijsgidsIndexPage"]
    subpage_types = []

    content_panels = Page.content_panels + [
        FieldPanel("key"),
        FieldPanel("samenvatting"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("soort"), FieldPanel("lijn")]),
                FieldPanel("organisatie"),
                FieldPanel("domeinen", widget=forms.CheckboxSelectMultiple),
                FieldPanel("bereik", widget=forms.RadioSelect),
                FieldPanel("gemeenten", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Indeling"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("waarvoor"), FieldPanel("voor_wie"), FieldPanel("niet_voor"),
                FieldPanel("stappen"), FieldPanel("voorbereiden"), FieldPanel("termijnen"),
                FieldPanel("kosten"), FieldPanel("wettelijke_basis"),
            ],
            heading=_("Uitleg voor inwoners"),
        ),
        InlinePanel(
            "volgende_stappen", heading=_("Kwam u er niet uit? Dan ..."),
            label=_("volgende stap"),
        ),
        FieldPanel("zoekwoorden"),
        FieldPanel("laatst_gecontroleerd"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("key", boost=2),
        index.SearchField("zoekwoorden", boost=3),
        index.SearchField("samenvatting", boost=1.5),
        index.SearchField("waarvoor"),
        index.SearchField("voor_wie"),
        index.AutocompleteField("title"),
        index.AutocompleteField("zoekwoorden"),
        index.FilterField("key"),
        index.FilterField("soort"),
        index.FilterField("lijn"),
        index.FilterField("bereik"),
        index.FilterField("laatst_gecontroleerd"),
        index.RelatedFields("organisatie", [index.SearchField("name")]),
        index.RelatedFields("domeinen", [index.SearchField("name")]),
    ]

    # Keys, kind and line are facts about the scheme, not text to translate.
    override_translatable_fields = [
        SynchronizedField("key", overridable=False),
        SynchronizedField("laatst_gecontroleerd", overridable=False),
    ]

    class Meta:
        verbose_name = _("regeling")
        verbose_name_plural = _("regelingen")

    def __str__(self):
        return self.title

    @property
    def landelijk(self):
        """For every municipality (remit 'alle')."""
        return self.bereik == "alle"

    @landelijk.setter
    def landelijk(self, value):
        self.bereik = "alle" if value else "lijst"

    def bedient(self, gemeente):
        """Whether this scheme serves municipality `gemeente` (a key, `Gemeente` or `Term`)."""
        key = getattr(gemeente, "key", gemeente)
        return bedient(self.bereik, {g.key for g in self.gemeenten_lijst}, key)

    # --- validation -----------------------------------------------------------------

    def clean(self):
        super().clean()
        errors = {}
        if self.key and not is_valid_key(self.key):
            errors["key"] = _("Gebruik alleen kleine letters, cijfers en streepjes.")
        elif self.key:
            clash = Regeling.objects.filter(key=self.key).exclude(
                translation_key=self.translation_key
            )
            if self.locale_id:
                same_locale = clash.filter(locale_id=self.locale_id)
                if same_locale.exists():
                    errors["key"] = _("Er is al een regeling met de sleutel '%(key)s'.") % {
                        "key": self.key
                    }
            if "key" not in errors and clash.exists():
                errors["key"] = _(
                    "De sleutel '%(key)s' hoort al bij een andere regeling in een andere taal."
                ) % {"key": self.key}
            if "key" not in errors and self.pk:
                stored = (
                    Regeling.objects.filter(pk=self.pk)
                    .values_list("key", "first_published_at").first()
                )
                if stored and stored[1] is not None and stored[0] != self.key:
                    errors["key"] = _(
                        "Deze regeling is al gepubliceerd. De sleutel '%(key)s' kan niet meer "
                        "veranderen: links en partners gebruiken hem."
                    ) % {"key": stored[0]}
            if "key" not in errors:
                sibling_keys = set(
                    Regeling.objects.filter(translation_key=self.translation_key)
                    .exclude(pk=self.pk).values_list("key", flat=True)
                )
                if sibling_keys and sibling_keys != {self.key}:
                    errors["key"] = _("De sleutel moet in elke taal gelijk zijn.")
        for step in self.volgende_stappen.all():
            if step.doel_id is not None and (
                (self.pk and step.doel_id == self.pk)
                or step.doel.translation_key == self.translation_key
            ):
                errors["volgende_stappen"] = _("Een regeling kan niet naar zichzelf verwijzen.")
        if not self.domeinen.all():
            errors["domeinen"] = _("Kies minstens één domein.")
        if errors:
            raise ValidationError(errors)

    # --- scheme-wide facts are the same in every language --------------------------------

    def _source(self):
        """The page of this scheme in the default language (None if this is that page)."""
        default = Locale.get_default()
        if self.locale_id in (None, default.pk):
            return None
        return Regeling.objects.filter(
            translation_key=self.translation_key, locale=default
        ).first()

    def save(self, *args, **kwargs):
        full_save = kwargs.get("update_fields") is None
        source = self._source() if full_save else None
        if source is not None:
            self.domeinen = list(source.domeinen.all())
            self.gemeenten = list(source.gemeenten.all())
            self.bereik = source.bereik
        if full_save and self.bereik == "alle" and self.gemeenten.all():
            self.gemeenten = []  # the list means nothing for 'every municipality'
        if full_save:
            self.vocab_ids = vocab_snapshot(self.domeinen.all(), self.gemeenten.all())
        result = super().save(*args, **kwargs)
        if full_save and source is None and self.pk:
            self._push_to_translations()
        if full_save and self.pk:
            self._localize_ladder()
        return result

    def _localize_ladder(self):
        """Point ladders at the scheme in the same language, where it exists.

        A translation starts with the ladder of its source (links to pages in the default
        language); when the target has a translation, link to that instead. And pages in this
        language that link to this scheme's source now link here.
        """
        steps = RegelingVolgendeStap.objects.filter(regeling=self).exclude(
            doel__locale_id=self.locale_id
        )
        for step in steps.select_related("doel"):
            local = (
                Regeling.objects.filter(
                    translation_key=step.doel.translation_key, locale_id=self.locale_id
                ).values_list("pk", flat=True).first()
            )
            if local:
                RegelingVolgendeStap.objects.filter(pk=step.pk).update(doel_id=local)
        pointing_at_source = RegelingVolgendeStap.objects.filter(
            regeling__locale_id=self.locale_id, doel__translation_key=self.translation_key
        ).exclude(doel_id=self.pk).values_list("pk", flat=True)
        RegelingVolgendeStap.objects.filter(pk__in=list(pointing_at_source)).update(
            doel_id=self.pk
        )

    def _push_to_translations(self):
        domeinen = list(self.domeinen.all())
        gemeenten = list(self.gemeenten.all())
        others = Regeling.objects.filter(translation_key=self.translation_key).exclude(pk=self.pk)
        for other in others:
            other.domeinen.set(domeinen)
            other.domeinen.commit()
            other.gemeenten.set(gemeenten)
            other.gemeenten.commit()
        others.update(bereik=self.bereik, vocab_ids=self.vocab_ids)

    # --- presentation ----------------------------------------------------------------

    @staticmethod
    def _lines(text):
        return [line.strip(" -•\t") for line in (text or "").splitlines() if line.strip(" -•\t")]

    @property
    def stappen_lijst(self):
        return self._lines(self.stappen)

    @property
    def voorbereiden_lijst(self):
        return self._lines(self.voorbereiden)

    @property
    def zoekwoorden_lijst(self):
        words = re.split(r"[,\n;]", self.zoekwoorden or "")
        return [word.strip() for word in words if word.strip()]

    @property
    def controle_status(self):
        """'nooit' (never verified), 'verlopen' (> 12 months ago) or 'ok'."""
        if self.laatst_gecontroleerd is None:
            return "nooit"
        if timezone.localdate() - self.laatst_gecontroleerd > CHECK_MAX_AGE:
            return "verlopen"
        return "ok"

    @cached_property
    def domeinen_lijst(self):
        return _terms((self.vocab_ids or {}).get("d"))

    @cached_property
    def gemeenten_lijst(self):
        return _terms((self.vocab_ids or {}).get("g"))

    def melden_url(self):
        language = translation.get_language() or "nl"
        prefix = "" if language == "nl" else f"/{language}"
        return f"{prefix}/melden/?regeling={self.key}"

    def jsonld(self, request=None):
        """schema.org GovernmentService as a string that is safe inside <script>."""
        data = {
            "@context": "https://schema.org",
            "@type": "GovernmentService",
            "name": self.title,
            "identifier": self.key,
            "description": self.samenvatting,
            "url": self.get_full_url(request),
            "serviceType": self.get_soort_display(),
            "inLanguage": self.locale.language_code if self.locale_id else "nl",
        }
        if self.organisatie_id and self.organisatie:
            provider = {"@type": "GovernmentOrganization", "name": self.organisatie.label}
            if self.organisatie.website:
                provider["url"] = self.organisatie.website
            if self.organisatie.phone:
                provider["telephone"] = self.organisatie.phone
            if self.organisatie.email:
                provider["email"] = self.organisatie.email
            data["provider"] = provider
        if self.bereik in ("alle", "behalve"):
            data["areaServed"] = {"@type": "Country", "name": "Nederland"}
        else:
            data["areaServed"] = [
                {"@type": "AdministrativeArea", "name": g.name} for g in self.gemeenten_lijst
            ]
        if self.domeinen_lijst:
            data["audience"] = {
                "@type": "Audience",
                "audienceType": ", ".join(d.label for d in self.domeinen_lijst),
            }
        if self.kosten:
            data["termsOfService"] = self.kosten
        return json.dumps(data, ensure_ascii=False).translate(_json_script_escapes)

    def serve(self, request, *args, **kwargs):
        from .views import serve_regeling

        return serve_regeling(self, request)


class RegelingVolgendeStap(Orderable):
    """One rung of the escalation ladder: where to go next when this scheme did not help."""

    regeling = ParentalKey(Regeling, on_delete=models.CASCADE, related_name="volgende_stappen")
    doel = models.ForeignKey(
        Regeling, verbose_name=_("volgende regeling"), on_delete=models.CASCADE,
        related_name="+",
    )
    toelichting = models.CharField(
        _("toelichting"), max_length=200, blank=True,
        help_text=_(
            "Optioneel, bijvoorbeeld: 'Bent u het niet eens met de beslissing op bezwaar?'"
        ),
    )

    panels = [FieldPanel("doel"), FieldPanel("toelichting")]

    class Meta(Orderable.Meta):
        verbose_name = _("volgende stap")
        verbose_name_plural = _("volgende stappen")


class Term:
    """A light copy of a Domein or Gemeente (what pages and the API show)."""

    __slots__ = ("pk", "key", "name", "name_en")

    def __init__(self, pk, key, name, name_en=""):
        self.pk, self.key, self.name, self.name_en = pk, key, name, name_en or ""

    @property
    def label(self):
        return localized_name(self.name, self.name_en)

    def __str__(self):
        return self.label

    def __eq__(self, other):
        return isinstance(other, Term) and (self.pk, self.key) == (other.pk, other.key)

    def __hash__(self):
        return hash((self.pk, self.key))

    def as_list(self):
        return [self.pk, self.key, self.name, self.name_en]


def vocab_snapshot(domeinen, gemeenten):
    """What `Regeling.vocab_ids` stores for these terms."""
    domeinen = sorted(domeinen, key=lambda d: (d.sort_order, d.name))
    gemeenten = sorted(gemeenten, key=lambda g: g.name)
    return {
        "d": [[d.pk, d.key, d.name, d.name_en] for d in domeinen],
        "g": [[g.pk, g.key, g.name, g.name_en] for g in gemeenten],
    }


def _terms(items):
    return [Term(*item) for item in items or [] if isinstance(item, list) and len(item) == 4]


VOCAB_CACHE_KEY = "verwijsgids:vocabulaires"


def vocabulaires():
    """All domains and municipalities as `Term`s (one query, cached until a term changes).

    Returns {"domeinen": [Term], "gemeenten": [Term]} in display order.
    """
    value = cache.get(VOCAB_CACHE_KEY)
    if value is None:
        kind = models.CharField()
        rows = Domein.objects.order_by().values_list(
            Value("d", output_field=kind), "pk", "key", "name", "name_en", "sort_order"
        ).union(
            Gemeente.objects.order_by().values_list(
                Value("g", output_field=kind), "pk", "key", "name", "name_en",
                Value(0, output_field=models.IntegerField()),
            ),
            all=True,
        )
        rows = sorted(rows, key=lambda row: (row[0], row[5], row[3]))
        value = {
            "domeinen": [row[1:5] for row in rows if row[0] == "d"],
            "gemeenten": [row[1:5] for row in rows if row[0] == "g"],
        }
        cache.set(VOCAB_CACHE_KEY, value, None)
    return {name: [Term(*row) for row in rows] for name, rows in value.items()}


def _vocabulary_changed(sender, instance=None, **kwargs):
    """A term changed: forget the cache and refresh the copies on the schemes."""
    cache.delete(VOCAB_CACHE_KEY)
    if kwargs.get("raw"):
        return
    for regeling in Regeling.objects.all().prefetch_related("domeinen", "gemeenten"):
        snapshot = vocab_snapshot(regeling.domeinen.all(), regeling.gemeenten.all())
        if snapshot != regeling.vocab_ids:
            Regeling.objects.filter(pk=regeling.pk).update(vocab_ids=snapshot)


for _model in (Domein, Gemeente):
    post_save.connect(_vocabulary_changed, sender=_model, dispatch_uid=f"vg-vocab-{_model}")
    post_delete.connect(
        _vocabulary_changed, sender=_model, dispatch_uid=f"vg-vocab-del-{_model}"
    )


def attach_vocabulaires(regelingen):
    """Fill `domeinen_lijst` and `gemeenten_lijst` (lists of `Term`) without a query."""
    regelingen = list(regelingen)
    for regeling in regelingen:
        data = regeling.vocab_ids or {}
        regeling.__dict__["domeinen_lijst"] = _terms(data.get("d"))
        regeling.__dict__["gemeenten_lijst"] = _terms(data.get("g"))
    return regelingen


def _locale_id(locale):
    if locale is None:
        locale = translation.get_language() or settings.LANGUAGE_CODE
    if isinstance(locale, Locale):
        return locale.pk
    if isinstance(locale, int):
        return locale
    return Locale.objects.get(language_code=locale).pk


def regelingen_voor(gemeente=None, domein=None, soort=None, locale=None, fallback=False):
    """Live, public schemes serving `gemeente`, in `domein`, of `soort`; see module docstring."""
    locale_id = _locale_id(locale)
    qs = Regeling.objects.live()
    if any_view_restriction():
        qs = qs.public()
    if fallback:
        # Sub-queries, not extra round trips: the default language's pages of the schemes
        # without a live translation in `locale_id`.
        default_id = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).values("pk")
        translated = Regeling.objects.live().filter(locale_id=locale_id).values("translation_key")
        qs = qs.filter(
            Q(locale_id=locale_id)
            | (Q(locale_id__in=default_id) & ~Q(translation_key__in=translated))
        )
    else:
        qs = qs.filter(locale_id=locale_id)
    if gemeente is not None:
        if not isinstance(gemeente, Gemeente | Term):
            gemeente = next(
                (g for g in vocabulaires()["gemeenten"] if g.key == gemeente), None
            ) or Gemeente.objects.get(key=gemeente)
        listed = Regeling.gemeenten.through.objects.filter(gemeente_id=gemeente.pk).values(
            "regeling_id"
        )
        # Same rule as `bedient()`.
        qs = qs.filter(
            Q(bereik="alle")
            | Q(bereik="lijst", id__in=listed)
            | (Q(bereik="behalve") & ~Q(id__in=listed))
        )
    if domein is not None:
        if not isinstance(domein, Domein | Term):
            domein = next(
                (d for d in vocabulaires()["domeinen"] if d.key == domein), None
            ) or Domein.objects.get(key=domein)
        in_domain = Regeling.domeinen.through.objects.filter(domein_id=domein.pk).values(
            "regeling_id"
        )
        qs = qs.filter(id__in=in_domain)
    if soort is not None:
        if soort not in SOORT_KEYS:
            raise ValueError(f"onbekende soort: {soort!r}")
        qs = qs.filter(soort=soort)
    return qs


# Which schemes are a municipality's first and second step for a complaint about itself.
EERSTE_STAP = {"domein": "gemeente", "lijn": 1}
TWEEDE_STAP = {"domein": "gemeente", "lijn": 2}


def stappen_per_gemeente(locale=None):
    """[(Term, [first-step Regeling], [second-step Regeling])] for every municipality.

    First step: live schemes in domain 'gemeente' on line 1 that serve it (its own complaint
    procedure); second step: the same on line 2 (an ombudsman). Uses `regelingen_voor`, so
    the admin, the report and the public pages agree.
    """
    locale = locale or settings.LANGUAGE_CODE
    rows = []
    candidates = {
        lijn: attach_vocabulaires(
            regelingen_voor(domein="gemeente", locale=locale).filter(lijn=lijn).order_by("title")
        )
        for lijn in (1, 2)
    }
    for gemeente in vocabulaires()["gemeenten"]:
        rows.append((
            gemeente,
            [r for r in candidates[1] if r.bedient(gemeente.key)],
            [r for r in candidates[2] if r.bedient(gemeente.key)],
        ))
    return rows
