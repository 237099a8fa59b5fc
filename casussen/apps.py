from django.apps import AppConfig


class CasussenConfig(AppConfig):
    name = "casussen"
    verbose_name = "Casussen"

    def ready(self):
        from .vocab import connect_signals

        connect_signals()
