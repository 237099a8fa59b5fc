"""Delete uploaded files that no melding took (older than MELDINGEN_LOOSE_FILES_SECONDS), by
hand. The planner does this every 15 minutes through the task queue."""

from django.core.management.base import BaseCommand

from meldformulier.quota import remove_loose_files


class Command(BaseCommand):
    help = "Verwijder geüploade bestanden die bij geen melding horen (na een uur)."

    def handle(self, *args, **options):
        self.stdout.write(f"{remove_loose_files()} losse bestanden verwijderd")
