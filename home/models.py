from django.core.cache import cache
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
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
    """The SignaLeerpunt's own contact details, shown in the footer and on the contact page."""

    invalidates_page_cache = True
    CACHE_KEY = "home:contactgegevens"

    phone = models.CharField(_("telefoon"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.TextField(_("adres"), blank=True)
    opening_hours = models.CharField(_("bereikbaarheid"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("contactgegevens")

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        cache.delete(self.CACHE_KEY)
