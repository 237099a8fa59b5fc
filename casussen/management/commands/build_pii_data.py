"""Build the lookup data of the personal-data scan (deduce) before anything serves.

    python manage.py build_pii_data   (make run / serve / test call it)

Stored in $PII_DATA_DIR (default var/pii/). Minutes the first time; afterwards it only
checks that the data is valid for the installed deduce version.
"""

from django.core.management.base import BaseCommand

from casussen.pii import engine


class Command(BaseCommand):
    help = "Bouw de opzoekgegevens van de privacycontrole (eenmalig, bij installatie)."

    def handle(self, *args, **options):
        seconds = engine.build(stdout=self.stdout)
        self.stdout.write(f"Opzoekgegevens privacycontrole klaar in {engine.data_dir()} "
                          f"({seconds:.1f} s).")
