"""Re-encrypt all personal data of meldingen with the current (first) key.

After putting a new key first in MELDINGEN_ENCRYPTION_KEYS: run this, then remove the old key.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from meldformulier import storage
from meldformulier.fields import EncryptedTextField
from meldformulier.models import Bijlage, Melding, Notitie


class Command(BaseCommand):
    help = "Versleutel alle meldingen opnieuw met de eerste sleutel uit MELDINGEN_ENCRYPTION_KEYS."

    def handle(self, *args, **options):
        rows = 0
        for model in (Melding, Bijlage, Notitie):
            names = [f.name for f in model._meta.fields if isinstance(f, EncryptedTextField)]
            for obj in model.objects.iterator(chunk_size=200):
                with transaction.atomic():
                    # Values are decrypted on load and encrypted with the first key on save.
                    model.objects.filter(pk=obj.pk).update(
                        **{name: getattr(obj, name) for name in names}
                    )
                rows += 1
        files = 0
        for name in Bijlage.objects.values_list("stored_name", flat=True):
            if storage.exists(name):
                storage.rotate(name)
                files += 1
        self.stdout.write(f"{rows} rijen en {files} bestanden opnieuw versleuteld")
