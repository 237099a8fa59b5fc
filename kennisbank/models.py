from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet

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
