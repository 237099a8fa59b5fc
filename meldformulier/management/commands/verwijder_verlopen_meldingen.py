"""Delete meldingen whose retention period has passed, by hand, in this process. The planner
(portal/planner.py) does this daily through the task queue.
"""

from django.core.management.base import BaseCommand

from meldformulier.retention import delete_expired


class Command(BaseCommand):
    help = (
        "Verwijder meldingen (met bijlagen) waarvan de bewaartermijn na afsluiten voorbij is; "
        "de anonieme kwartaaltellingen blijven bewaard."
    )

    def handle(self, *args, **options):
        result = delete_expired()
        self.stdout.write(
            f"{result['meldingen']} meldingen en {result['bestanden']} losse bestanden verwijderd"
        )
