"""Load the demo content. Idempotent: run it as often as you like.

Every app may have a `demo` module with `ORDER` (lower runs first) and `load(command)`.
"""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction


def demo_modules():
    modules = []
    for config in apps.get_app_configs():
        name = f"{config.name}.demo"
        if find_spec(config.name) and find_spec(name):
            modules.append(import_module(name))
    return sorted(modules, key=lambda module: getattr(module, "ORDER", 100))


class Command(BaseCommand):
    help = "Laad de demo-inhoud (idempotent)."

    def handle(self, *args, **options):
        for module in demo_modules():
            with transaction.atomic():
                module.load(self)
            self.stdout.write(f"demo: {module.__name__} geladen")
