"""Delete registrations of learning sessions that ended more than 30 days ago.

The planner (portal/planner.py) queues this daily. By default the work goes to the task queue;
`--direct` does it in this process and prints the number deleted.
"""

from django.core.management.base import BaseCommand

from kennisbank.services import RETENTION_DAYS, delete_expired_registrations
from kennisbank.tasks import delete_expired_registrations_task


class Command(BaseCommand):
    help = f"Verwijder aanmeldingen {RETENTION_DAYS} dagen na de leerbijeenkomst."

    def add_arguments(self, parser):
        parser.add_argument("--direct", action="store_true", help="Niet via de takenwachtrij.")

    def handle(self, *args, **options):
        if options["direct"]:
            count = delete_expired_registrations()
            self.stdout.write(f"{count} aanmelding(en) verwijderd")
        else:
            result = delete_expired_registrations_task.enqueue()
            self.stdout.write(f"taak {result.id} in de wachtrij ({result.status})")
