"""Data the editors manage for the finder, and the anonymous query log.

- `Synoniem`: an everyday word or phrase residents use, and what it means for the finder:
  other words to look for, schemes, domains, kinds of scheme or a step (line) it points to.
  Intent ("niet eens met besluit" -> bezwaar, "al geklaagd" -> second line) is data here too.
- `Zoekgewicht`: an editor's boost (or damping) of one scheme in the finder's ranking.
- `Zoekvraag`: how often a (normalised, anonymised) question was asked per day and source,
  and how many results it found. No IP addresses, no user, no exact time.
"""

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from home.blocks import CrisisNummerBlock

SOORT_CHOICES = [
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

LIJN_CHOICES = [
    (0, _("Hulp en advies, naast elke stap")),
    (1, _("Eerste stap: de organisatie zelf")),
    (2, _("Tweede stap: als de eerste stap niet hielp")),
]


def regeling_choices():
    """(key, title) of the schemes in the default language, for the editors' forms."""
    try:
        from verwijsgids.models import Regeling
    except ImportError:  # pragma: no cover - the directory app always has Regeling
        return []
    from wagtail.models import Locale

    rows = (
        Regeling.objects.filter(locale=Locale.get_default())
        .order_by("title").values_list("key", "title")
    )
    return [(key, f"{title} ({key})") for key, title in rows]


def split_terms(text):
    """Editors separate words by commas, semicolons or new lines."""
    import re

    return [part.strip() for part in re.split(r"[,;\n]", text or "") if part.strip()]


class SynoniemForm(WagtailAdminModelForm):
    regelingen = forms.MultipleChoiceField(
        label=_("wijst naar regelingen"), required=False, choices=regeling_choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Regelingen die bij dit woord horen."),
    )
    soorten = forms.MultipleChoiceField(
        label=_("wijst naar soorten regeling"), required=False, choices=SOORT_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Bijvoorbeeld: 'niet eens met besluit' wijst naar bezwaar."),
    )

    def clean_term(self):
        from .text import words

        term = self.cleaned_data["term"]
        if not words(term):
            raise forms.ValidationError(_("Vul een woord of zinsdeel in met letters of cijfers."))
        return term.strip()


class Synoniem(index.Indexed, models.Model):
    """An everyday word or phrase and what the finder should understand by it."""

    term = models.CharField(
        _("woord of zinsdeel"), max_length=120,
        help_text=_(
            "Zoals inwoners het zeggen, bijvoorbeeld 'thuiszorg' of 'van het kastje naar de "
            "muur'. Hoofdletters, accenten en meervoud maken niet uit."
        ),
    )
    uitbreidingen = models.TextField(
        _("betekent ook"), blank=True,
        help_text=_(
            "Andere woorden waar de zoeker dan ook naar zoekt, gescheiden door komma's. "
            "Bijvoorbeeld bij 'thuiszorg': wijkverpleging, huishoudelijke hulp."
        ),
    )
    regelingen = models.JSONField(_("wijst naar regelingen"), default=list, blank=True)
    domeinen = models.ManyToManyField(
        "verwijsgids.Domein", verbose_name=_("wijst naar domeinen"), blank=True,
        related_name="+",
    )
    soorten = models.JSONField(_("wijst naar soorten regeling"), default=list, blank=True)
    lijn = models.PositiveSmallIntegerField(
        _("wijst naar stap"), choices=LIJN_CHOICES, null=True, blank=True,
        help_text=_("Bijvoorbeeld: 'al geklaagd' wijst naar de tweede stap."),
    )
    gewicht = models.FloatField(
        _("gewicht"), default=1.0,
        validators=[MinValueValidator(0.1), MaxValueValidator(5.0)],
        help_text=_("1 is normaal. Hoger telt zwaarder (maximaal 5)."),
    )
    actief = models.BooleanField(_("actief"), default=True)
    taal = models.CharField(
        _("taal"), max_length=2, choices=[("nl", _("Nederlands")), ("en", _("Engels"))],
        default="nl",
        help_text=_(
            "De taal van het woord. Nederlandse woorden werken ook op de Engelse site; "
            "Engelse woorden alleen op de Engelse site."
        ),
    )

    base_form_class = SynoniemForm
    panels = [
        FieldPanel("term"),
        FieldPanel("taal"),
        FieldPanel("uitbreidingen"),
        MultiFieldPanel(
            [
                FieldPanel("regelingen"),
                FieldPanel("domeinen", widget=forms.CheckboxSelectMultiple),
                FieldPanel("soorten"),
                FieldPanel("lijn"),
            ],
            heading=_("Waar wijst dit woord naar?"),
        ),
        FieldRowPanel([FieldPanel("gewicht"), FieldPanel("actief")]),
    ]
    search_fields = [index.SearchField("term"), index.AutocompleteField("term")]

    class Meta:
        ordering = ["term"]
        verbose_name = _("synoniem of alledaags woord")
        verbose_name_plural = _("synoniemen en alledaagse woorden")

    def __str__(self):
        return self.term

    @property
    def uitbreidingen_lijst(self):
        return split_terms(self.uitbreidingen)


class ZoekgewichtForm(WagtailAdminModelForm):
    regeling = forms.ChoiceField(label=_("regeling"), choices=regeling_choices)


class Zoekgewicht(models.Model):
    """An editor's boost of one scheme in the finder (above 1 = higher, below 1 = lower)."""

    regeling = models.SlugField(_("regeling"), max_length=80, unique=True)
    factor = models.FloatField(
        _("factor"), default=1.0,
        validators=[MinValueValidator(0.2), MaxValueValidator(3.0)],
        help_text=_("1 is normaal, 1,5 is hoger in de resultaten, 0,5 is lager."),
    )
    toelichting = models.CharField(_("waarom"), max_length=200, blank=True)

    base_form_class = ZoekgewichtForm
    panels = [FieldPanel("regeling"), FieldPanel("factor"), FieldPanel("toelichting")]

    class Meta:
        ordering = ["regeling"]
        verbose_name = _("zoekgewicht van een regeling")
        verbose_name_plural = _("zoekgewichten van regelingen")

    def __str__(self):
        return f"{self.regeling} × {self.factor}"


class Zoekvraag(models.Model):
    """How often a normalised question was asked on one day, and how much it found."""

    BRONNEN = [
        ("api", _("Vinder-API")),
        ("zoeken", _("Zoeken op de website")),
    ]

    vraag = models.CharField(_("zoekvraag"), max_length=200)
    bron = models.CharField(_("bron"), max_length=10, choices=BRONNEN)
    datum = models.DateField(_("datum"))
    aantal = models.PositiveIntegerField(_("aantal keer gevraagd"), default=0)
    resultaten = models.PositiveIntegerField(_("aantal resultaten"), default=0)

    class Meta:
        ordering = ["-datum", "-aantal"]
        constraints = [
            models.UniqueConstraint(fields=["vraag", "bron", "datum"], name="zoekvraag_uniek")
        ]
        indexes = [models.Index(fields=["datum", "resultaten"])]
        verbose_name = _("zoekvraag")
        verbose_name_plural = _("zoekvragen")

    def __str__(self):
        return self.vraag


# --- crisis help: words that trigger it, the box's text, and how often it was shown -----

TAAL_CHOICES = [("nl", _("Nederlands")), ("en", _("Engels"))]


class CrisiswoordForm(WagtailAdminModelForm):
    def clean_term(self):
        from .text import words

        term = self.cleaned_data["term"]
        if not words(term):
            raise forms.ValidationError(_("Vul een woord of zinsdeel in met letters of cijfers."))
        return " ".join(term.split()).lower()


class Crisiswoord(models.Model):
    """A word or phrase that shows the crisis help above everything else."""

    term = models.CharField(
        _("woord of zinsdeel"), max_length=120, unique=True,
        help_text=_(
            "Alle woorden moeten in de vraag staan, in willekeurige volgorde. Een * aan het "
            "eind past ook op langere vormen (bedreig* = bedreigt, bedreiging); een * aan het "
            "begin ook op samenstellingen (*geweld = partnergeweld). Kleine tikfouten in "
            "lange woorden worden herkend."
        ),
    )
    behalve = models.CharField(
        _("behalve als de vraag ook bevat"), max_length=300, blank=True,
        help_text=_(
            "Woorden gescheiden door komma's. Bijvoorbeeld bij 'veilig thuis': klacht, "
            "klagen — een klacht over Veilig Thuis is geen noodgeval."
        ),
    )
    actief = models.BooleanField(_("actief"), default=True)

    base_form_class = CrisiswoordForm
    panels = [FieldPanel("term"), FieldPanel("behalve"), FieldPanel("actief")]

    class Meta:
        ordering = ["term"]
        verbose_name = _("crisiswoord")
        verbose_name_plural = _("crisiswoorden")

    def __str__(self):
        return self.term

    @property
    def behalve_lijst(self):
        return split_terms(self.behalve)


class Crisishulp(models.Model):
    """The text of the crisis box, one per language."""

    taal = models.CharField(_("taal"), max_length=5, choices=TAAL_CHOICES, unique=True)
    titel = models.CharField(_("kop"), max_length=150)
    intro = models.TextField(_("inleiding"), blank=True)
    nummers = StreamField([("nummer", CrisisNummerBlock())], blank=True,
                          verbose_name=_("hulpnummers"))
    slot = models.TextField(_("slotzin"), blank=True)

    panels = [FieldPanel("taal"), FieldPanel("titel"), FieldPanel("intro"),
              FieldPanel("nummers"), FieldPanel("slot")]

    class Meta:
        ordering = ["taal"]
        verbose_name = _("crisishulp (tekst)")
        verbose_name_plural = _("crisishulp (teksten)")

    def __str__(self):
        return f"{self.titel} ({self.taal})"

    def as_dict(self):
        rows = []
        for block in self.nummers or []:
            item = block.value
            if item.get("naam"):
                rows.append({
                    "naam": str(item.get("naam", "")), "nummer": str(item.get("nummer", "")),
                    "toelichting": str(item.get("toelichting", "")),
                })
        return {"titel": self.titel, "intro": self.intro, "nummers": rows, "slot": self.slot}


class Crisistelling(models.Model):
    """How often a crisis word fired on one day and where. Never the question itself."""

    BRONNEN = [
        ("zoeken", _("Zoeken op de website")),
        ("api", _("Vinder-API")),
        ("vinden", _("Vragen beantwoorden (vinden)")),
        ("melden", _("Meldformulier")),
    ]

    woord = models.CharField(_("crisiswoord"), max_length=120)
    bron = models.CharField(_("bron"), max_length=10, choices=BRONNEN)
    datum = models.DateField(_("datum"))
    aantal = models.PositiveIntegerField(_("aantal keer"), default=0)

    class Meta:
        ordering = ["-datum", "-aantal"]
        constraints = [
            models.UniqueConstraint(fields=["woord", "bron", "datum"], name="crisistelling_uniek")
        ]
        verbose_name = _("crisistelling")
        verbose_name_plural = _("crisistellingen")

    def __str__(self):
        return f"{self.woord} {self.datum}: {self.aantal}"
