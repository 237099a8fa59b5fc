"""Rebuild the finder's Elasticsearch index (every language) from the live schemes."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Bouw de Elasticsearch-index van de vinder opnieuw op (nodig: ELASTICSEARCH_URL)."

    def add_arguments(self, parser):
        parser.add_argument("--language", choices=["nl", "en"], action="append",
                            help="Alleen deze taal (mag vaker).")

    def handle(self, *args, **options):
        if not settings.ELASTICSEARCH_URL:
            raise CommandError("ELASTICSEARCH_URL is niet ingesteld: de vinder gebruikt de "
                               "database. Er is geen index om op te bouwen.")
        from search import elastic

        for language in options["language"] or ["nl", "en"]:
            name = elastic.rebuild(language)
            alias = elastic.alias_name(language)
            self.stdout.write(f"{language}: index {name} gebouwd, alias {alias}")
