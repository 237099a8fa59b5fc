from django.apps import AppConfig


class CasussenConfig(AppConfig):
    name = "casussen"
    verbose_name = "Casussen"

    def ready(self):
        from . import vocab, workflow

        vocab.connect_signals()
        workflow.connect_signals()
