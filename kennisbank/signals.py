"""Keep the theme labels stored on pages up to date when an editor renames a theme."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Advies, Leerbijeenkomst, Onderzoek, Thema


@receiver(post_save, sender=Thema, dispatch_uid="kennisbank-theme-labels")
def refresh_theme_labels(sender, instance, **kwargs):
    for model in (Leerbijeenkomst, Onderzoek, Advies):
        for page in model.objects.filter(themes=instance):
            page.refresh_theme_labels()
            model.objects.filter(pk=page.pk).update(theme_labels=page.theme_labels)
