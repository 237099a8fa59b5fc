"""Fill the blind index (name/e-mail/phone hashes) of every melding.

Run after a migration that adds the index, or after changing MELDINGEN_BLIND_INDEX_KEY.
Idempotent; decrypts one batch at a time in memory and writes only the hashes.
"""

from django.core.management.base import BaseCommand

from meldformulier.blindindex import hashes
from meldformulier.models import Melding


def fill(model=Melding, batch_size=500):
    changed = []
    count = 0
    for melding in model.objects.only("pk", "name", "email", "phone", "name_hash",
                                      "email_hash", "phone_hash").iterator(chunk_size=batch_size):
        new = hashes(melding.name, melding.email, melding.phone)
        if any(getattr(melding, field) != value for field, value in new.items()):
            for field, value in new.items():
                setattr(melding, field, value)
            changed.append(melding)
        if len(changed) >= batch_size:
            model.objects.bulk_update(changed, list(new), batch_size=batch_size)
            count += len(changed)
            changed = []
    if changed:
        model.objects.bulk_update(changed, ["name_hash", "email_hash", "phone_hash"])
        count += len(changed)
    return count


class Command(BaseCommand):
    help = "Vult de zoekindex (naam, e-mail, telefoon als sleutel-hash) van alle meldingen."

    def handle(self, *args, **options):
        count = fill()
        self.stdout.write(f"{count} meldingen bijgewerkt.")
