from django.apps import AppConfig


class VerwijsgidsConfig(AppConfig):
    name = "verwijsgids"
    verbose_name = "Verwijsgids"
