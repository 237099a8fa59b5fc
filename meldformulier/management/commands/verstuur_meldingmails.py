"""Send e-mails of meldingen that are due: retries after provider failures and anything a
crashed worker left behind. The planner (portal/planner.py) does this every 5 minutes through
the task queue; this command does it by hand, in this process.
"""

from django.core.management.base import BaseCommand

from meldformulier.tasks import send_due_emails


class Command(BaseCommand):
    help = "Verstuur e-mails over meldingen die (opnieuw) verstuurd moeten worden."

    def handle(self, *args, **options):
        counts = send_due_emails()
        summary = ", ".join(f"{status}: {n}" for status, n in sorted(counts.items())) or "niets"
        self.stdout.write(f"e-mails: {summary}")
