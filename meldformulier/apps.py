from django.apps import AppConfig


class MeldformulierConfig(AppConfig):
    name = "meldformulier"
    verbose_name = "Meldingen"
