from django.core.cache import cache
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.pages import BasePage

from .blocks import BodyBlock


class HomePage(BasePage):
    """The start page of a language: what the SignaLeerpunt is and the top tasks."""

    intro = models.TextField(_("introductie"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("inhoud"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    max_count_per_parent = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("homepage")


class ContentPage(BasePage):
    """A plain page: accessibility statement, privacy statement, contact, about us."""

    intro = models.TextField(_("introductie"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("inhoud"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("inhoudspagina")


@register_setting(icon="mail")
class Contactgegevens(BaseGenericSetting):
    """The SignaLeerpunt's own contact details: the one place editors keep them.

    Shown in the footer of every page, on /contact/, the SignaLeerpunt scheme page, the
    form's confirmation page and in e-mails (`includes/contact_details.*`). Texts have an
    English version; an empty field is said plainly ("nog niet bekend"), never invented.
    """

    invalidates_page_cache = True
    CACHE_KEY = "home:contactgegevens"

    phone = models.CharField(_("telefoon"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.TextField(_("adres"), blank=True)
    opening_hours = models.CharField(_("bereikbaarheid"), max_length=200, blank=True)
    opening_hours_en = models.CharField(_("bereikbaarheid (Engels)"), max_length=200, blank=True)
    note = models.TextField(_("toelichting"), blank=True, help_text=_(
        "Kort, bijvoorbeeld: vraag naar het SignaLeerpunt als u het algemene nummer belt."))
    note_en = models.TextField(_("toelichting (Engels)"), blank=True)

    panels = [
        HelpPanel(content=_(
            "Deze gegevens staan onderaan elke pagina, op de contactpagina, bij de regeling "
            "SignaLeerpunt, op de bevestiging van het meldformulier en in e-mails. Vul alleen "
            "gegevens in die kloppen; een leeg veld tonen wij als ‘nog niet bekend’.")),
        MultiFieldPanel([FieldPanel("phone"), FieldPanel("email"), FieldPanel("address")],
                        heading=_("Bereikbaar via")),
        MultiFieldPanel([FieldPanel("opening_hours"), FieldPanel("opening_hours_en")],
                        heading=_("Bereikbaarheid")),
        MultiFieldPanel([FieldPanel("note"), FieldPanel("note_en")], heading=_("Toelichting")),
    ]

    class Meta:
        verbose_name = _("contactgegevens")

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        cache.delete(self.CACHE_KEY)

    @staticmethod
    def _english():
        return translation.get_language() == "en"

    @property
    def hours(self):
        """Opening hours in the active language (Dutch when no English text is given)."""
        return (self._english() and self.opening_hours_en) or self.opening_hours

    @property
    def hours_lang(self):
        """`lang` attribute when the hours shown are Dutch on an English page."""
        return "nl" if self._english() and self.opening_hours and not self.opening_hours_en else ""

    @property
    def toelichting(self):
        return (self._english() and self.note_en) or self.note

    @property
    def toelichting_lang(self):
        return "nl" if self._english() and self.note and not self.note_en else ""

    @property
    def phone_href(self):
        """The number for a tel: link: digits and a leading +."""
        return "".join(c for c in self.phone if c.isdigit() or c == "+")

    @property
    def missing(self):
        """Labels of the fields nobody has filled in yet (the admin warns about them)."""
        fields = [("phone", self.phone), ("email", self.email), ("address", self.address),
                  ("opening_hours", self.opening_hours)]
        return [str(self._meta.get_field(name).verbose_name) for name, value in fields
                if not value.strip()]
