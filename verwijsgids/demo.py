"""Demo taxonomy of the default region: four municipalities and the six domains."""

from .models import Domein, Gemeente

ORDER = 10

GEMEENTEN = [
    ("haarlem", "Haarlem", "0392"),
    ("zandvoort", "Zandvoort", "0473"),
    ("bloemendaal", "Bloemendaal", "0377"),
    ("heemstede", "Heemstede", "0397"),
]

DOMEINEN = [
    ("wmo", "Wmo: ondersteuning thuis", "Wmo: support at home",
     "Hulp in het huishouden, begeleiding, hulpmiddelen, woningaanpassing, dagbesteding en "
     "beschermd wonen."),
    ("jeugd", "Jeugdhulp", "Youth care", "Hulp aan kinderen, jongeren en ouders, en "
     "jeugdbescherming."),
    ("werk-inkomen", "Werk en inkomen", "Work and income", "Bijstand, hulp bij werk zoeken en "
     "bijzondere bijstand (Participatiewet)."),
    ("schulden", "Schulden", "Debt", "Hulp bij schulden en geldzorgen (schuldhulpverlening)."),
    ("zorg", "Zorg", "Health care", "Zorg van de huisarts, wijkverpleging, ggz of het "
     "ziekenhuis."),
    ("gemeente", "De gemeente", "The municipality", "Hoe de gemeente of het sociaal wijkteam "
     "u behandelt."),
]


def load(command):
    for key, name, cbs in GEMEENTEN:
        Gemeente.objects.update_or_create(key=key, defaults={"name": name, "cbs_code": cbs})
    for order, (key, name, name_en, description) in enumerate(DOMEINEN):
        Domein.objects.update_or_create(
            key=key,
            defaults={"name": name, "name_en": name_en, "description": description,
                      "sort_order": order},
        )
