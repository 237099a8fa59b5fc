from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portaal"

    def ready(self):
        from . import pagecache

        pagecache.connect_signals()
