"""Resume newsletter editions whose sending stalled, by hand, in this process. The planner
(portal/planner.py) does this every 15 minutes through the task queue."""

from django.core.management.base import BaseCommand

from casussen.sending import resume_stalled


class Command(BaseCommand):
    help = "Hervat het versturen van nieuwsbrieven dat bleef steken (niemand krijgt het twee keer)."

    def handle(self, *args, **options):
        self.stdout.write(f"{resume_stalled()} editie(s) hervat")
