"""Base for small, editor-managed vocabularies (municipalities, domains, themes)."""

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _


def localized_name(name, name_en):
    """The English name on English pages when there is one, else the Dutch name."""
    if translation.get_language() == "en" and name_en:
        return name_en
    return name


class Vocabulary(models.Model):
    """A term with a stable key, a Dutch name and an English name."""

    invalidates_page_cache = True

    key = models.SlugField(
        _("sleutel"), max_length=60, unique=True,
        help_text=_("Vaste code voor links en de API. Verander deze niet."),
    )
    name = models.CharField(_("naam"), max_length=120)
    name_en = models.CharField(_("naam (Engels)"), max_length=120, blank=True)

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.label

    @property
    def label(self):
        return localized_name(self.name, self.name_en)
