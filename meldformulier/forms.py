"""The question pages of the form: one topic per step, Dutch messages, hostile input cleaned."""

import re
import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from verwijsgids.models import Domein

from .models import (
    Contactwijze,
    EerderGeklaagd,
    NamensWie,
    Soort,
    Status,
    Toestemming,
    Uitkomst,
)
from .validation import clean_text

UNKNOWN_DOMAIN = "onbekend"
PHONE_RE = re.compile(r"^\+?[0-9 ()-]{6,25}$")


class CleanCharField(forms.CharField):
    """A text field that strips control characters and explains its maximum length in Dutch."""

    def __init__(self, *args, multiline=False, **kwargs):
        self.multiline = multiline
        max_length = kwargs.get("max_length")
        super().__init__(*args, **kwargs)
        if max_length:
            self.error_messages["max_length"] = _(
                "Uw tekst is te lang: gebruik maximaal %(limit_value)d tekens "
                "(nu %(show_value)d)."
            )

    def to_python(self, value):
        if value in self.empty_values:
            return ""
        return clean_text(value, multiline=self.multiline)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        # No maxlength attribute: browsers would cut text silently; we explain instead.
        attrs.pop("maxlength", None)
        return attrs


def radio(label, choices, required_message, **kwargs):
    return forms.ChoiceField(
        label=label, choices=choices, widget=forms.RadioSelect,
        error_messages={"required": required_message, "invalid_choice": required_message},
        **kwargs,
    )


class StepForm(forms.Form):
    """Base for the question pages; `summary()` gives rows for the check-answers page."""

    title = ""

    def __init__(self, *args, flow=None, **kwargs):
        self.flow = flow or {}
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.conditional = getattr(field, "conditional", False)

    def stored_data(self):
        return dict(self.cleaned_data)


class SoortForm(StepForm):
    title = _("Wat wilt u melden?")
    kind = radio(
        _("Wat wilt u melden?"), Soort.choices, _("Kies wat u wilt melden."),
        help_text=_("Twijfelt u? Kies dan ‘Signaal of tip’."),
    )


def domain_choices():
    choices = [(domein.key, domein.label) for domein in Domein.objects.all()]
    return choices + [(UNKNOWN_DOMAIN, _("Weet ik niet"))]


class OnderwerpForm(StepForm):
    title = _("Waar gaat uw melding over?")
    domain = radio(
        _("Over welk onderwerp gaat het?"), [],
        _("Kies een onderwerp, of kies ‘Weet ik niet’."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["domain"].choices = domain_choices()


class OrganisatiesForm(StepForm):
    """Which organisations: schemes from the directory (for the chosen domain) and free text.

    `keuzes` are the schemes that fit the domain (``services.regeling_keuzes``); a key that
    is not among them (forged, or from another domain) is refused with a Dutch message.
    Without schemes only the free-text question is left.
    """

    title = _("Over welke organisatie gaat uw melding?")
    regelingen = forms.MultipleChoiceField(
        label=_("Gaat het over een van deze organisaties of regelingen?"), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("U kunt er meer dan één kiezen. Weet u het niet? Ga dan gewoon door."),
        error_messages={
            "invalid_choice": _("Kies alleen organisaties uit de lijst."),
            "invalid_list": _("Kies alleen organisaties uit de lijst."),
        },
    )
    organisations = CleanCharField(
        label=_("Staat de organisatie er niet bij? Schrijf dan hier de naam."), max_length=300,
        required=False,
        help_text=_("Bijvoorbeeld de naam van de zorgaanbieder, het wijkteam of de school."),
    )

    def __init__(self, *args, keuzes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.keuzes = list(keuzes)
        if self.keuzes:
            self.fields["regelingen"].choices = [(k.key, str(k)) for k in self.keuzes]
        else:
            del self.fields["regelingen"]
            self.fields["organisations"].label = _(
                "Over welke organisatie of organisaties gaat het?"
            )
            self.fields["organisations"].help_text = _(
                "Bijvoorbeeld de gemeente, het wijkteam of de zorgaanbieder."
            )

    def keuze_rows(self):
        """The checkboxes: key, title, organisation and whether it is ticked (kept on error)."""
        if "regelingen" not in self.fields:
            return []
        value = self["regelingen"].value() or []
        if isinstance(value, str):
            value = [value]
        chosen = {str(item) for item in value}
        return [
            {"key": k.key, "title": k.title, "organisation": k.shown_organisation,
             "checked": k.key in chosen}
            for k in self.keuzes
        ]

    def stored_data(self):
        data = dict(self.cleaned_data)
        data["regelingen"] = list(data.get("regelingen") or [])
        return data


class VerhaalForm(StepForm):
    title = _("Wat is er gebeurd?")
    description = CleanCharField(
        label=_("Wat is er gebeurd?"), max_length=5000, multiline=True,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Vertel in uw eigen woorden wat er gebeurde en wanneer. "
                    "U kunt maximaal 5000 tekens gebruiken."),
        error_messages={"required": _("Beschrijf wat er is gebeurd.")},
    )
    wish = CleanCharField(
        label=_("Wat zou u graag willen dat er gebeurt?"), max_length=2000, multiline=True,
        required=False, widget=forms.Textarea(attrs={"rows": 4}),
    )


class EerderForm(StepForm):
    title = _("Heeft u hier al ergens over geklaagd?")
    earlier_complaint = radio(
        _("Heeft u hier al ergens over geklaagd?"), EerderGeklaagd.choices,
        _("Kies of u hier al ergens over heeft geklaagd."),
        help_text=_("Bijvoorbeeld bij de organisatie zelf, de gemeente of de ombudsman."),
    )
    earlier_complaint_result = CleanCharField(
        label=_("Waar heeft u geklaagd en wat kwam eruit?"), max_length=2000, multiline=True,
        required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Alleen als u ‘ja’ heeft gekozen."),
    )

    def clean(self):
        data = super().clean()
        if data.get("earlier_complaint") == EerderGeklaagd.NEE:
            data["earlier_complaint_result"] = ""
        return data


class NamensForm(StepForm):
    title = _("Voor wie meldt u dit?")
    on_behalf = radio(
        _("Voor wie meldt u dit?"), NamensWie.choices, _("Kies voor wie u dit meldt."),
    )
    toestemming = forms.ChoiceField(
        label=_("Weet de persoon voor wie u meldt hiervan, en vindt die het goed?"),
        choices=Toestemming.choices, required=False, widget=forms.RadioSelect,
        help_text=_("Alleen nodig als u voor iemand anders meldt. Kan de persoon zelf niet "
                    "beslissen, bijvoorbeeld een jong kind of iemand met dementie? Dan kunt u "
                    "toch melden."),
        error_messages={"invalid_choice": _("Kies een van de antwoorden.")},
    )
    toestemming_reden = CleanCharField(
        label=_("Waarom kan de persoon geen toestemming geven?"), max_length=500,
        required=False, multiline=True, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Alleen als de persoon geen toestemming kan geven. Bijvoorbeeld: een "
                    "jong kind, dementie, of de persoon is te ziek."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["toestemming"].conditional = True
        self.fields["toestemming_reden"].conditional = True

    def clean(self):
        data = super().clean()
        if data.get("on_behalf") != NamensWie.ANDER:
            data["toestemming"] = ""
            data["toestemming_reden"] = ""
            return data
        if not data.get("toestemming") and "toestemming" not in self.errors:
            self.add_error(
                "toestemming",
                _("Kies of de persoon voor wie u meldt toestemming geeft, of waarom u zonder "
                  "toestemming meldt. Vraag anders eerst toestemming."),
            )
        if data.get("toestemming") == Toestemming.KAN_NIET:
            if not data.get("toestemming_reden") and "toestemming_reden" not in self.errors:
                self.add_error(
                    "toestemming_reden",
                    _("Schrijf kort op waarom de persoon geen toestemming kan geven."),
                )
        else:
            data["toestemming_reden"] = ""
        return data


SAFE_CHOICES = [("ja", _("Ja")), ("nee", _("Nee"))]


def safe_field(label, help_text=""):
    return forms.ChoiceField(
        label=label, choices=SAFE_CHOICES, required=False, widget=forms.RadioSelect,
        help_text=help_text,
        error_messages={"invalid_choice": _("Kies ‘Ja’ of ‘Nee’.")},
    )


class ContactForm(StepForm):
    title = _("Hoe kunnen we u bereiken?")
    contact = radio(
        _("Hoe kunnen we u bereiken?"), Contactwijze.choices,
        _("Kies hoe we u kunnen bereiken, of kies ‘Ik blijf anoniem’."),
        help_text=_("Blijft u anoniem? Dan kunnen we u geen antwoord geven en niet "
                    "terugbellen. Uw melding helpt ons wel om te leren."),
    )
    name = CleanCharField(label=_("Uw naam"), max_length=150, required=False)
    email = forms.EmailField(
        label=_("Uw e-mailadres"), max_length=254, required=False,
        help_text=_("Nodig als u ‘Per e-mail’ kiest. U krijgt dan ook een bevestiging."),
        error_messages={
            "invalid": _("Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl."),
            "max_length": _("Uw e-mailadres is te lang."),
        },
    )
    phone = CleanCharField(
        label=_("Uw telefoonnummer"), max_length=30, required=False,
        help_text=_("Nodig als u ‘Per telefoon’ kiest."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    reachable_when = CleanCharField(
        label=_("Wanneer bent u het best bereikbaar?"), max_length=200, required=False,
        help_text=_("Bijvoorbeeld: doordeweeks na 15.00 uur."),
    )
    veilig_bellen = safe_field(
        _("Is het veilig als wij u bellen?"),
        _("Is er thuis iemand die niet mag weten dat u contact met ons heeft? Zeg het ons. "
          "Wij doen alleen wat u veilig vindt."),
    )
    veilig_inspreken = safe_field(_("Mogen wij een bericht inspreken als u niet opneemt?"))
    veilig_mailen = safe_field(
        _("Is het veilig als wij u e-mailen?"),
        _("Kiest u ‘Nee’? Dan sturen wij ook geen bevestiging per e-mail."),
    )

    SAFE_FIELDS = ("veilig_bellen", "veilig_inspreken", "veilig_mailen")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].conditional = True
        self.fields["phone"].conditional = True
        for key in self.SAFE_FIELDS:
            self.fields[key].conditional = True
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"

    def clean_email(self):
        return clean_text(self.cleaned_data.get("email", ""), multiline=False)

    def clean_phone(self):
        phone = self.cleaned_data.get("phone", "")
        if phone and (not PHONE_RE.match(phone) or sum(c.isdigit() for c in phone) < 6):
            raise ValidationError(
                _("Vul een geldig telefoonnummer in, bijvoorbeeld 023 123 45 67.")
            )
        return phone

    def clean(self):
        data = super().clean()
        contact = data.get("contact")
        if contact == Contactwijze.EMAIL and not data.get("email") and "email" not in self.errors:
            self.add_error("email", _("Vul uw e-mailadres in, of kies een andere manier."))
        if contact == Contactwijze.TELEFOON and not data.get("phone") and (
            "phone" not in self.errors
        ):
            self.add_error("phone", _("Vul uw telefoonnummer in, of kies een andere manier."))
        if contact == Contactwijze.ANONIEM:
            for key in ("name", "email", "phone", "reachable_when", *self.SAFE_FIELDS):
                data[key] = ""
            return data
        if contact:
            for key, message in (
                ("veilig_bellen", _("Kies of het veilig is als wij u bellen.")),
                ("veilig_inspreken", _("Kies of wij een bericht mogen inspreken.")),
                ("veilig_mailen", _("Kies of het veilig is als wij u e-mailen.")),
            ):
                if not data.get(key) and key not in self.errors:
                    self.add_error(key, message)
        if contact == Contactwijze.EMAIL and data.get("veilig_mailen") == "nee":
            self.add_error("contact", _("U kiest ‘Per e-mail’, maar e-mailen is niet veilig. "
                                        "Kies ‘Per telefoon’, of blijf anoniem."))
        if contact == Contactwijze.TELEFOON and data.get("veilig_bellen") == "nee":
            self.add_error("contact", _("U kiest ‘Per telefoon’, maar bellen is niet veilig. "
                                        "Kies ‘Per e-mail’, of blijf anoniem."))
        return data


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class BijlagenForm(StepForm):
    title = _("Wilt u bestanden meesturen?")
    files = forms.FileField(
        label=_("Bestanden"), required=False,
        widget=MultipleFileInput(attrs={
            "accept": ".pdf,.jpg,.jpeg,.png,.docx,application/pdf,image/jpeg,image/png,"
                      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        }),
        help_text=_("Bijvoorbeeld een brief of een besluit. Maximaal 3 bestanden van elk "
                    "10 MB: PDF, JPG, PNG of Word (DOCX)."),
    )

    def clean_files(self):
        return self.files.getlist(self.add_prefix("files")) if self.files else []


class ControleForm(forms.Form):
    """The last step: a token makes a double click or replay create one melding only."""

    token = forms.UUIDField(widget=forms.HiddenInput)
    website = forms.CharField(required=False, max_length=200)  # honeypot, must stay empty
    altcha = forms.CharField(required=False, max_length=5000, widget=forms.HiddenInput)

    def clean_token(self):
        return uuid.UUID(str(self.cleaned_data["token"]))


# --- staff (admin) forms -------------------------------------------------------------


class FilterForm(forms.Form):
    q = CleanCharField(label=_("Referentie"), max_length=40, required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Alle"))] + Status.choices
    )
    kind = forms.ChoiceField(
        label=_("Soort"), required=False, choices=[("", _("Alle"))] + Soort.choices
    )
    domain = forms.ModelChoiceField(
        label=_("Domein"), required=False, queryset=Domein.objects.all(),
        to_field_name="key", empty_label=_("Alle"),
    )
    organisation = CleanCharField(label=_("Organisatie"), max_length=100, required=False)
    van = forms.DateField(label=_("Ontvangen vanaf"), required=False,
                          widget=forms.DateInput(attrs={"type": "date"}))
    tot = forms.DateField(label=_("Ontvangen tot en met"), required=False,
                          widget=forms.DateInput(attrs={"type": "date"}))


class BehandelForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices)
    assignee = forms.ModelChoiceField(label=_("Behandelaar"), queryset=None, required=False)
    doorverwezen_naar = forms.SlugField(
        label=_("Doorverwezen naar (sleutel van de regeling)"), max_length=80, required=False
    )
    follow_up_on = forms.DateField(
        label=_("Nabellen op"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leeg laten bij een doorverwijzing: dan wordt het 14 dagen later."),
    )
    uitkomst = forms.ChoiceField(
        label=_("Uitkomst"), required=False, choices=[("", "—")] + Uitkomst.choices
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Thema's"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    paarse_krokodil = forms.BooleanField(label=_("Paarse krokodil"), required=False)

    def __init__(self, *args, **kwargs):
        from django.contrib.auth import get_user_model

        from kennisbank.models import Thema

        from .models import STAFF_GROUP

        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = get_user_model().objects.filter(
            groups__name=STAFF_GROUP, is_active=True
        ).order_by("username")
        self.fields["themes"].queryset = Thema.objects.all()

    def clean(self):
        data = super().clean()
        if data.get("status") in (Status.OPGELOST, Status.GESLOTEN) and not data.get("uitkomst"):
            self.add_error("uitkomst", _("Kies een uitkomst als u de melding afsluit."))
        if data.get("status") == Status.DOORVERWEZEN and not data.get("doorverwezen_naar"):
            self.add_error(
                "doorverwezen_naar", _("Vul in naar welke regeling u heeft doorverwezen.")
            )
        return data


class NotitieForm(forms.Form):
    text = CleanCharField(
        label=_("Interne notitie"), max_length=5000, multiline=True,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Schrijf een notitie.")},
    )
