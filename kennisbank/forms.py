from django import forms
from django.utils.translation import gettext_lazy as _

from portal.text import clean_text


class AanmeldForm(forms.Form):
    name = forms.CharField(
        label=_("Naam"), max_length=120,
        error_messages={
            "required": _("Vul uw naam in."),
            "max_length": _("Uw naam mag niet langer zijn dan 120 tekens."),
        },
    )
    email = forms.EmailField(
        label=_("E-mailadres"), max_length=254,
        help_text=_("Hier sturen wij de bevestiging en de link om u af te melden naartoe."),
        error_messages={
            "required": _("Vul uw e-mailadres in."),
            "invalid": _("Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl."),
            "max_length": _("Het e-mailadres mag niet langer zijn dan 254 tekens."),
        },
    )

    def clean_name(self):
        name = clean_text(self.cleaned_data["name"], multiline=False)
        if not name:
            raise forms.ValidationError(_("Vul uw naam in."))
        if "<" in name or ">" in name:
            raise forms.ValidationError(_("Gebruik geen < of > in uw naam."))
        return name

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()
