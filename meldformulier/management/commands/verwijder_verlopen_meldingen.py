"""Delete meldingen whose retention period has passed. Run daily from cron, e.g.::

    15 3 * * *  cd /srv/portal && DJANGO_SETTINGS_MODULE=portal.settings.production \\
                .venv/bin/python manage.py verwijder_verlopen_meldingen
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
