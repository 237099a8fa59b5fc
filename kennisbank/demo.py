"""Demo themes, shared by case stories, learning material and meldingen."""

from .models import Thema

ORDER = 10

THEMAS = [
    ("paarse-krokodil", "Paarse krokodil", "Purple crocodile",
     "Regels en procedures staan een logische oplossing in de weg."),
    ("bereikbaarheid", "Bereikbaarheid", "Reachability", "Niemand neemt op of belt terug."),
    ("bejegening", "Bejegening", "Treatment", "Hoe u wordt behandeld en aangesproken."),
    ("communicatie", "Communicatie en brieven", "Communication and letters",
     "Onduidelijke brieven, besluiten of uitleg."),
    ("wachttijden", "Wachttijden", "Waiting times", "Lang wachten op hulp of een besluit."),
    ("samenwerking", "Samenwerking tussen organisaties", "Cooperation between organisations",
     "Het probleem valt tussen twee of meer organisaties in."),
    ("toegang", "Toegang tot hulp", "Access to help", "Moeilijk om hulp te krijgen."),
    ("geld", "Geld en vergoedingen", "Money and allowances",
     "Eigen bijdrage, terugvordering of vergoedingen."),
]


def load(command):
    for key, name, name_en, description in THEMAS:
        Thema.objects.update_or_create(
            key=key, defaults={"name": name, "name_en": name_en, "description": description}
        )
