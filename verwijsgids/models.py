from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet

from portal.taxonomy import Vocabulary


@register_snippet
class Gemeente(Vocabulary):
    """A municipality. Other municipalities can join: add one here, no code change."""

    cbs_code = models.CharField(_("CBS-code"), max_length=6, blank=True)

    panels = [FieldPanel("name"), FieldPanel("name_en"), FieldPanel("key"), FieldPanel("cbs_code")]

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
