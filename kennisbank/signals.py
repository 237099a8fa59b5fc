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


def fill_places_after_publish(sender, instance, **kwargs):
    """An editor raised the capacity: the first people on the waiting list get a place."""
    from .services import fill_free_places
    from .tasks import send_registration_mail

    if not isinstance(instance, Leerbijeenkomst) or instance.canonical.pk != instance.pk:
        return
    for registration in fill_free_places(instance):
        send_registration_mail.enqueue(registration.pk, "plek-vrij")


def connect():
    from wagtail.signals import page_published

    page_published.connect(
        fill_places_after_publish, sender=Leerbijeenkomst, dispatch_uid="kennisbank-fill-places"
    )


connect()
