from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeldformulierConfig(AppConfig):
    name = "meldformulier"
    verbose_name = _("Meldingen")

    def ready(self):
        from django.conf import settings
        from django.core.exceptions import ImproperlyConfigured

        from . import crypto

        if getattr(settings, "MELDINGEN_REQUIRE_ENCRYPTION_KEYS", False):
            if not crypto.configured_keys():
                raise ImproperlyConfigured(
                    "MELDINGEN_ENCRYPTION_KEYS ontbreekt: zet minstens één Fernet-sleutel "
                    "(zie meldformulier/crypto.py)."
                )
            crypto.fernet()  # refuses invalid keys at start-up
