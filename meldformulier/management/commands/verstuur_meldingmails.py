"""Send e-mails of meldingen that are due: retries after provider failures and anything a
crashed worker left behind. Run every few minutes from cron, e.g.::

    */5 * * * *  cd /srv/portal && DJANGO_SETTINGS_MODULE=portal.settings.production \\
                 .venv/bin/python manage.py verstuur_meldingmails
"""

from django.core.management.base import BaseCommand

from meldformulier.tasks import send_due_emails


class Command(BaseCommand):
    help = "Verstuur e-mails over meldingen die (opnieuw) verstuurd moeten worden."

    def handle(self, *args, **options):
        counts = send_due_emails()
        summary = ", ".join(f"{status}: {n}" for status, n in sorted(counts.items())) or "niets"
        self.stdout.write(f"e-mails: {summary}")
