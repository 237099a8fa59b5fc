"""Demo content of the verwijsgids: the municipalities of the default region (and of the
Amsterdam ombudsman), the six domains, the organisations, the directory and its 18 schemes
(facts: /work/shared/domain/verwijsgids.md; texts in B1 Dutch written from the sources).

ORDER 10 (not 20): the foundation loaded the shared vocabularies Gemeente and Domein at 10,
and other apps' demos (20-90) may rely on them and on the scheme pages; the pages only need
the home pages (0). Idempotent: vocabulary rows are updated, existing pages are left
as they are (editors may have changed them).
"""

import datetime
import json
from pathlib import Path

from django.utils import timezone
from wagtail.models import Locale

from .models import (
    Domein,
    Gemeente,
    Organisatie,
    Regeling,
    RegelingVolgendeStap,
    VerwijsgidsIndexPage,
)

ORDER = 10

GEMEENTEN = [
    ("haarlem", "Haarlem", "0392"),
    ("zandvoort", "Zandvoort", "0473"),
    ("bloemendaal", "Bloemendaal", "0377"),
    ("heemstede", "Heemstede", "0397"),
    # The municipalities of the Gezamenlijke Ombudsman Metropool Amsterdam.
    ("amsterdam", "Amsterdam", "0363"),
    ("almere", "Almere", "0034"),
    ("diemen", "Diemen", "0384"),
    ("landsmeer", "Landsmeer", "0415"),
    ("waterland", "Waterland", "0852"),
    ("zaanstad", "Zaanstad", "0479"),
]
REGIO = ["haarlem", "zandvoort", "bloemendaal", "heemstede"]
METROPOOL_AMSTERDAM = ["amsterdam", "almere", "diemen", "landsmeer", "waterland", "zaanstad"]

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
ALLE_DOMEINEN = [key for key, *_rest in DOMEINEN]

# Organisations: contact details only where the facts sheet gives them.
ORGANISATIES = {
    "signaleerpunt": {"name": "SignaLeerpunt sociaal domein",
                      "name_en": "SignaLeerpunt social domain",
                      "website": "https://signaleerpunt.nl"},
    "gemeente-klachten": {"name": "Gemeente (klachtbehandeling)",
                          "name_en": "Municipality (complaints handling)"},
    "gemeente-bezwaar": {"name": "Gemeente (bezwaarschriftencommissie)",
                         "name_en": "Municipality (objections committee)"},
    "gemeente": {"name": "Gemeente", "name_en": "Municipality"},
    "nationale-ombudsman": {"name": "De Nationale ombudsman", "name_en": "National Ombudsman",
                            "phone": "0800-335 55 55",
                            "website": "https://nationaleombudsman.nl"},
    "rechtbank": {"name": "Rechtbank (bestuursrecht)",
                  "name_en": "District court (administrative law)"},
    "akj": {"name": "AKJ", "website": "https://akj.nl"},
    "jeugdhulpaanbieder": {"name": "Jeugdhulpaanbieder (klachtencommissie jeugdhulp)",
                           "name_en": "Youth care provider (youth care complaints committee)"},
    "veilig-thuis": {"name": "Veilig Thuis (klachtencommissie)",
                     "name_en": "Veilig Thuis (complaints committee)"},
    "wmo-aanbieder": {"name": "Wmo-aanbieder", "name_en": "Wmo support provider"},
    "zorgaanbieder": {"name": "Klachtenfunctionaris van de zorgaanbieder",
                      "name_en": "The care provider's complaints officer"},
    "geschilleninstantie": {"name": "Geschilleninstantie van de zorgaanbieder",
                            "name_en": "The care provider's disputes committee"},
    "mee": {"name": "MEE (en andere onafhankelijke cliëntondersteuners)",
            "name_en": "MEE (and other independent client supporters)"},
    "sociaal-raadslieden": {"name": "Sociaal raadslieden",
                            "name_en": "Social legal advisers (sociaal raadslieden)"},
    "participatieraad": {"name": "Participatieraad", "name_en": "Participation council"},
    "ombudsman-metropool": {"name": "Ombudsman Metropool Amsterdam",
                            "name_en": "Ombudsman Metropolitan Area Amsterdam"},
}

INDEX_NL = {
    "title": "Verwijsgids: waar kunt u terecht?",
    "seo_title": "Verwijsgids klachten en hulp in het sociaal domein",
    "search_description": (
        "Alle plekken voor een klacht, bezwaar, hulp of advies over zorg, jeugdhulp, Wmo, "
        "werk en inkomen en schulden. Met de volgorde: eerst, en daarna."
    ),
    "intro": (
        "Hier vindt u alle plekken waar u terecht kunt met een klacht, een zorg of een vraag "
        "over hulp. Per plek leest u wat zij doen, hoe u begint en waar u heen kunt als het "
        "niet lukt. Kies een onderwerp, een soort hulp of uw gemeente."
    ),
}
INDEX_EN = {
    "title": "Directory: where can you go?",
    "seo_title": "Directory of complaint schemes and help in the social domain",
    "search_description": (
        "Every place for a complaint, an objection, help or advice about care, youth care, "
        "social support, work and income and debt, in the order to use them."
    ),
    "intro": (
        "All places where you can go with a complaint, a worry or a question about help. For "
        "each place you read what it does, how to start and where to go next if it does not "
        "help. Most schemes are described in Dutch only."
    ),
}

# (key, days since last check) -- None: never checked; > 365: overdue.
R = [
    {
        "key": "signaleerpunt",
        "title": "SignaLeerpunt sociaal domein",
        "organisatie": "signaleerpunt",
        "soort": "meldpunt", "lijn": 0, "domeinen": ALLE_DOMEINEN, "gemeenten": REGIO,
        "samenvatting": (
            "Heeft u een klacht of zorg over hulp, en weet u niet waar u heen moet? Het "
            "SignaLeerpunt luistert, zoekt met u een oplossing en leert van wat er misgaat."
        ),
        "waarvoor": (
            "Het SignaLeerpunt werkt in drie stappen: luisteren, oplossen, leren.\n"
            "Is er al een goede plek voor uw klacht? Dan sturen wij u in één keer naar de "
            "juiste plek. Na een week of twee bellen wij u om te vragen of het gelukt is.\n"
            "Zijn er meerdere organisaties bij uw probleem betrokken, of is het niet duidelijk "
            "wie verantwoordelijk is? Dan pakken wij het zelf op.\n"
            "Wij verzamelen wat er misgaat, doen onderzoek en geven de gemeente advies. Elk "
            "kwartaal vertellen wij de gemeenteraad wat wij zien."
        ),
        "voor_wie": (
            "Voor iedereen die hulp krijgt of nodig heeft bij zorg, jeugdhulp, Wmo, werk en "
            "inkomen of schulden. Ook voor mantelzorgers, buren en professionals."
        ),
        "niet_voor": (
            "Wij nemen geen besluiten over uw hulp of uitkering en wij zijn geen rechter. "
            "Wij doen het werk van een klachtenregeling niet over: als er een goede plek is, "
            "sturen wij u daarheen. Wij werken alleen voor het sociaal domein."
        ),
        "stappen": (
            "Vul het meldformulier in, of bel ons.\n"
            "Vertel wat er is gebeurd en wat u graag wilt.\n"
            "Wij zoeken met u de juiste plek of pakken het zelf op.\n"
            "Na een week of twee bellen wij u om te horen of het gelukt is."
        ),
        "voorbereiden": (
            "Wat is er gebeurd, en wanneer?\n"
            "Met welke organisaties heeft u contact gehad?\n"
            "Brieven of e-mails die erbij horen (als u die heeft)"
        ),
        "termijnen": "Wij nemen binnen 5 werkdagen contact met u op.",
        "kosten": "Gratis.",
        "wettelijke_basis": (
            "Besluit van de gemeenteraad. Het SignaLeerpunt is onafhankelijk en werkt in "
            "opdracht van de raad (commissie Samenleving). Eerst voor twee jaar, daarna volgt "
            "een evaluatie."
        ),
        "zoekwoorden": (
            "klacht, zorg, zorgen, meldpunt, melding, signaal, ombudsfunctie, sociaal domein, "
            "van het kastje naar de muur, kastje muur, niemand helpt me, ik weet niet waar ik "
            "heen moet, tussen wal en schip, tussen twee organisaties, vastgelopen, "
            "niemand voelt zich verantwoordelijk, paarse krokodil, regels staan in de weg, "
            "mantelzorger, buurvrouw, professional, klacht over zorg, klacht sociaal domein, "
            "luisteren oplossen leren"
        ),
        "volgende": [],
        "gecontroleerd": 20,
    },
    {
        "key": "klacht-gemeente",
        "title": "Klacht over de gemeente",
        "organisatie": "gemeente-klachten",
        "soort": "klacht", "lijn": 1,
        "domeinen": ["gemeente", "wmo", "jeugd", "werk-inkomen", "schulden"],
        "bereik": "alle",  # Awb chapter 9: every municipality has one
        "samenvatting": (
            "Bent u niet tevreden over hoe de gemeente of het sociaal wijkteam u heeft "
            "behandeld? Dien dan een klacht in bij de gemeente."
        ),
        "waarvoor": (
            "Voor klachten over hoe de gemeente met u omgaat. Bijvoorbeeld: een medewerker was "
            "onvriendelijk, u kreeg geen antwoord, u werd steeds doorgestuurd of een afspraak "
            "ging niet door. Dit geldt ook voor het sociaal wijkteam."
        ),
        "voor_wie": "Voor iedereen die met de gemeente of het sociaal wijkteam te maken heeft.",
        "niet_voor": (
            "Bent u het niet eens met een besluit, bijvoorbeeld over uw uitkering of uw "
            "hulp? Dan is een klacht niet de goede weg. Maak dan bezwaar."
        ),
        "stappen": (
            "Praat eerst met de medewerker of zijn leidinggevende. Vaak is het dan al opgelost.\n"
            "Lukt dat niet? Dien uw klacht in bij de gemeente, op papier of via de website.\n"
            "De gemeente nodigt u meestal uit voor een gesprek.\n"
            "U krijgt een brief met de uitkomst."
        ),
        "voorbereiden": (
            "Uw naam, adres en telefoonnummer\n"
            "Wat er is gebeurd, wanneer en met wie\n"
            "Wat u graag wilt: bijvoorbeeld excuses, uitleg of een nieuwe afspraak"
        ),
        "termijnen": (
            "De gemeente moet binnen 6 weken antwoorden. Met een adviescommissie is dat "
            "10 weken. De gemeente mag dit één keer met 4 weken verlengen."
        ),
        "kosten": "Gratis.",
        "wettelijke_basis": "Algemene wet bestuursrecht (Awb), hoofdstuk 9.",
        "zoekwoorden": (
            "klacht gemeente, klacht over de gemeente, onvriendelijk, onbeschoft, "
            "medewerker gemeente, klantmanager, consulent, bejegening, niet teruggebeld, "
            "geen antwoord, niet serieus genomen, slecht behandeld, sociaal wijkteam "
            "onvriendelijk, afspraak niet nagekomen, lang wachten, brief van de gemeente, "
            "klachtenregeling gemeente, klachtenformulier"
        ),
        "volgende": [("nationale-ombudsman", "Bent u niet tevreden met het antwoord van de "
                      "gemeente?"),
                     ("ombudsman-metropool-amsterdam", "Woont u in Amsterdam, Almere, Diemen, "
                      "Landsmeer, Waterland of Zaanstad? Dan gaat u naar deze ombudsman, niet "
                      "naar de Nationale ombudsman.")],
        "gecontroleerd": 45,
    },
    {
        "key": "nationale-ombudsman",
        "title": "Nationale ombudsman",
        "organisatie": "nationale-ombudsman",
        "soort": "ombudsman", "lijn": 2,
        "domeinen": ["gemeente", "wmo", "jeugd", "werk-inkomen", "schulden"],
        # Not for municipalities with their own ombudsman.
        "bereik": "behalve", "gemeenten": METROPOOL_AMSTERDAM,
        "samenvatting": (
            "Heeft de gemeente uw klacht behandeld, maar bent u niet tevreden? Dan kunt u "
            "naar de Nationale ombudsman. Dat is gratis."
        ),
        "waarvoor": (
            "De Nationale ombudsman is de tweede stap na een klacht bij de gemeente. De "
            "ombudsman kijkt onafhankelijk naar uw klacht. Dat geldt ook voor organisaties "
            "die werk doen voor de gemeente.\n"
            "De meeste klachten lost de ombudsman op met een gesprek of een telefoontje met de "
            "gemeente: in de bron ging het om 89,4 procent van de klachten."
        ),
        "voor_wie": (
            "Voor inwoners die al een klacht bij de gemeente hebben ingediend en niet tevreden "
            "zijn met het antwoord."
        ),
        "niet_voor": (
            "De ombudsman kan een besluit van de gemeente niet veranderen. Bent u het niet "
            "eens met een besluit? Maak dan bezwaar. Dien ook eerst een klacht in bij de "
            "gemeente zelf."
        ),
        "stappen": (
            "Dien eerst een klacht in bij de gemeente en wacht op het antwoord.\n"
            "Niet tevreden? Dien uw klacht in bij de Nationale ombudsman, via de website of "
            "telefonisch.\n"
            "De ombudsman neemt contact met u op en zoekt vaak samen met de gemeente naar een "
            "oplossing."
        ),
        "voorbereiden": (
            "Uw klacht aan de gemeente\n"
            "Het antwoord van de gemeente\n"
            "Wat u nog wilt bereiken"
        ),
        "termijnen": (
            "Dien uw klacht in binnen één jaar nadat de gemeente op uw klacht heeft "
            "geantwoord."
        ),
        "kosten": "Gratis. Ook bellen is gratis.",
        "wettelijke_basis": "Gemeentewet, artikel 81p.",
        "zoekwoorden": (
            "ombudsman, nationale ombudsman, klacht slecht afgehandeld, klacht niet goed "
            "behandeld, niet tevreden over antwoord op klacht, klacht over klachtbehandeling, "
            "gemeente luistert niet, tweede klacht, hogere instantie, onafhankelijk, "
            "ombudsvrouw, klacht over de overheid"
        ),
        "volgende": [],
        "gecontroleerd": 60,
    },
    {
        "key": "bezwaar",
        "title": "Bezwaar maken tegen een besluit",
        "organisatie": "gemeente-bezwaar",
        "soort": "bezwaar", "lijn": 1,
        "domeinen": ["wmo", "jeugd", "werk-inkomen", "schulden"],
        "bereik": "alle",  # Awb: every municipality
        "samenvatting": (
            "Bent u het niet eens met een besluit van de gemeente? Bijvoorbeeld omdat u geen "
            "hulp of uitkering krijgt? Maak dan binnen 6 weken bezwaar."
        ),
        "waarvoor": (
            "Een besluit van de gemeente heet ook een beschikking. U krijgt het per brief. "
            "Bijvoorbeeld: uw aanvraag voor hulp is afgewezen, u krijgt minder uren hulp, of "
            "uw bijstand stopt. Met een bezwaar vraagt u de gemeente het besluit opnieuw te "
            "bekijken. Een bezwaarschriftencommissie geeft daarover advies."
        ),
        "voor_wie": "Voor iedereen die een besluit van de gemeente heeft gekregen.",
        "niet_voor": (
            "Gaat het om hoe u bent behandeld, niet om het besluit zelf? Dien dan een klacht "
            "in bij de gemeente."
        ),
        "stappen": (
            "Lees de brief met het besluit goed. Onderaan staat hoe u bezwaar maakt.\n"
            "Schrijf een brief of gebruik het formulier van de gemeente.\n"
            "Schrijf erin met welk besluit u het niet eens bent en waarom.\n"
            "Zet uw handtekening en de datum erbij en stuur het binnen 6 weken op.\n"
            "Vaak belt de gemeente eerst om samen een oplossing te zoeken. Anders volgt een "
            "hoorzitting."
        ),
        "voorbereiden": (
            "Een kopie van de brief met het besluit\n"
            "Uw naam, adres en handtekening\n"
            "Waarom u het niet eens bent met het besluit"
        ),
        "termijnen": (
            "U heeft 6 weken na de datum waarop het besluit is verstuurd. Te laat? Dan kan de "
            "gemeente uw bezwaar weigeren."
        ),
        "kosten": "Gratis.",
        "wettelijke_basis": "Algemene wet bestuursrecht (Awb).",
        "zoekwoorden": (
            "bezwaar, bezwaarschrift, niet eens met besluit, beschikking, afgewezen, "
            "afwijzing, aanvraag afgewezen, brief van de gemeente, bijstand stopgezet, "
            "uitkering stopgezet, uitkering gestopt, minder uren huishoudelijke hulp, "
            "indicatie, geen scootmobiel, woningaanpassing afgewezen, pgb afgewezen, "
            "terugvordering, boete, besluit over mijn bijstand, niet eens met de gemeente"
        ),
        "volgende": [("beroep-rechtbank", "Bent u het niet eens met de beslissing op uw "
                      "bezwaar?")],
        "gecontroleerd": 90,
    },
    {
        "key": "beroep-rechtbank",
        "title": "Beroep bij de rechtbank",
        "organisatie": "rechtbank",
        "soort": "beroep", "lijn": 2,
        "domeinen": ["wmo", "jeugd", "werk-inkomen", "schulden"],
        "bereik": "alle",
        "samenvatting": (
            "Bent u het niet eens met de beslissing op uw bezwaar? Dan kunt u binnen 6 weken "
            "in beroep gaan bij de rechtbank."
        ),
        "waarvoor": (
            "Na uw bezwaar neemt de gemeente een nieuw besluit: de beslissing op bezwaar. "
            "Bent u het daar niet mee eens? Dan kan een rechter naar uw zaak kijken."
        ),
        "voor_wie": "Voor iedereen die een beslissing op bezwaar van de gemeente heeft gekregen.",
        "niet_voor": (
            "U kunt niet meteen naar de rechter: maak eerst bezwaar bij de gemeente. Voor "
            "klachten over hoe u bent behandeld is de rechtbank niet de goede plek."
        ),
        "stappen": (
            "Lees de beslissing op bezwaar. Daarin staat bij welke rechtbank u beroep instelt.\n"
            "Stuur een beroepschrift naar de rechtbank, op papier of digitaal.\n"
            "Betaal het griffierecht als de rechtbank daarom vraagt.\n"
            "De rechter behandelt uw zaak meestal op een zitting."
        ),
        "voorbereiden": (
            "Een kopie van de beslissing op bezwaar\n"
            "Uw bezwaarschrift\n"
            "Waarom u het niet eens bent"
        ),
        "termijnen": "Binnen 6 weken na de datum van de beslissing op bezwaar.",
        "kosten": "U betaalt griffierecht aan de rechtbank.",
        "wettelijke_basis": "Algemene wet bestuursrecht (Awb).",
        "zoekwoorden": (
            "beroep, rechter, rechtbank, naar de rechter, beslissing op bezwaar, bezwaar "
            "afgewezen, bezwaar ongegrond, niet eens met beslissing op mijn bezwaar, "
            "griffierecht, beroepschrift, advocaat"
        ),
        "volgende": [],
        "gecontroleerd": 100,
    },
    {
        "key": "vertrouwenspersoon-jeugd",
        "title": "Vertrouwenspersoon jeugdhulp",
        "organisatie": "akj",
        "soort": "vertrouwenspersoon", "lijn": 0, "domeinen": ["jeugd"], "gemeenten": REGIO,
        "samenvatting": (
            "Heeft u vragen of een klacht over jeugdhulp? Een onafhankelijke "
            "vertrouwenspersoon van het AKJ helpt u, gratis."
        ),
        "waarvoor": (
            "De vertrouwenspersoon geeft informatie en advies en helpt u als u een klacht "
            "heeft. Over jeugdhulp, over wat de gemeente voor jeugd doet, over een "
            "gecertificeerde instelling (zoals jeugdbescherming of een voogd) of over "
            "Veilig Thuis. De vertrouwenspersoon staat naast u en werkt niet voor de "
            "organisatie waar u een klacht over heeft."
        ),
        "voor_wie": "Voor jongeren, ouders, pleegouders en netwerkpleegouders.",
        "niet_voor": (
            "De vertrouwenspersoon beslist niet over uw klacht en neemt geen besluiten over "
            "uw hulp. Wel helpt hij of zij u op weg."
        ),
        "stappen": (
            "Neem contact op met het AKJ via de website.\n"
            "Vertel wat er aan de hand is.\n"
            "Samen bekijkt u wat u kunt doen. De vertrouwenspersoon kan mee naar een gesprek."
        ),
        "voorbereiden": (
            "Om welke hulp of organisatie het gaat\n"
            "Wat er is gebeurd"
        ),
        "termijnen": "",
        "kosten": "Gratis.",
        "wettelijke_basis": "Jeugdwet, artikel 2.6 lid 2.",
        "zoekwoorden": (
            "vertrouwenspersoon, vertrouwenspersoon jeugd, AKJ, jeugdzorg, jeugdhulp, "
            "jeugdbescherming, voogd, gezinsvoogd, ondertoezichtstelling, ots, uithuisplaatsing, "
            "pleegzorg, pleegouder, pleegkind, mijn dochter, mijn zoon, mijn kind, jongere, "
            "hulp bij klacht jeugdzorg, gecertificeerde instelling"
        ),
        "volgende": [],
        "gecontroleerd": 30,
    },
    {
        "key": "klacht-jeugdhulpaanbieder",
        "title": "Klacht bij de jeugdhulpaanbieder",
        "organisatie": "jeugdhulpaanbieder",
        "soort": "klacht", "lijn": 1, "domeinen": ["jeugd"], "gemeenten": REGIO,
        "samenvatting": (
            "Bent u niet tevreden over de jeugdhulp of de jeugdbescherming? Dien dan een "
            "klacht in bij de organisatie zelf. Elke organisatie heeft een klachtencommissie."
        ),
        "waarvoor": (
            "Voor klachten over een jeugdhulpaanbieder of een gecertificeerde instelling "
            "(jeugdbescherming en jeugdreclassering). Bijvoorbeeld over hoe een hulpverlener "
            "met u of uw kind omgaat, of over afspraken die niet worden nagekomen."
        ),
        "voor_wie": "Voor jongeren, ouders en pleegouders die jeugdhulp krijgen.",
        "niet_voor": (
            "Gaat het om een besluit van de gemeente over jeugdhulp? Maak dan bezwaar. Gaat "
            "het om Veilig Thuis? Daarvoor is een aparte klachtencommissie."
        ),
        "stappen": (
            "Praat eerst met uw hulpverlener of zijn leidinggevende.\n"
            "Lukt dat niet? Vraag naar de klachtenregeling van de organisatie.\n"
            "Dien uw klacht in bij de klachtencommissie.\n"
            "Wilt u hulp? De vertrouwenspersoon van het AKJ helpt u gratis."
        ),
        "voorbereiden": (
            "De naam van de organisatie en uw hulpverlener\n"
            "Wat er is gebeurd en wanneer"
        ),
        "termijnen": "",
        "kosten": "Gratis.",
        "wettelijke_basis": "Jeugdwet: elke aanbieder moet een klachtenregeling hebben.",
        "zoekwoorden": (
            "klacht jeugdzorg, klacht jeugdhulp, klacht jeugdbescherming, klacht voogd, "
            "klacht gezinsvoogd, klachtencommissie jeugd, hulpverlener kind, jeugdhulp "
            "stopt, wachtlijst jeugdzorg, ggz kind, gecertificeerde instelling"
        ),
        "volgende": [("nationale-ombudsman", "Lost de organisatie uw klacht niet op?")],
        "gecontroleerd": 150,
    },
    {
        "key": "klacht-veilig-thuis",
        "title": "Klacht over Veilig Thuis",
        "organisatie": "veilig-thuis",
        "soort": "klacht", "lijn": 1, "domeinen": ["jeugd", "wmo"], "gemeenten": REGIO,
        "samenvatting": (
            "Bent u niet tevreden over hoe Veilig Thuis heeft gehandeld? Dan kunt u een "
            "klacht indienen bij de klachtencommissie van Veilig Thuis."
        ),
        "waarvoor": (
            "Voor klachten over wat Veilig Thuis heeft gedaan of niet heeft gedaan. "
            "Bijvoorbeeld na een melding over huiselijk geweld of kindermishandeling."
        ),
        "voor_wie": "Voor iedereen die met Veilig Thuis te maken heeft gehad.",
        "niet_voor": (
            "Voor een melding van huiselijk geweld of kindermishandeling belt u Veilig Thuis "
            "zelf: 0800-2000. Bij direct gevaar belt u 112."
        ),
        "stappen": (
            "Praat eerst met uw contactpersoon bij Veilig Thuis.\n"
            "Lukt dat niet? Dien een klacht in bij de klachtencommissie van Veilig Thuis.\n"
            "Wilt u hulp? De vertrouwenspersoon van het AKJ helpt u gratis."
        ),
        "voorbereiden": "Wat er is gebeurd en wanneer",
        "termijnen": "",
        "kosten": "Gratis.",
        "wettelijke_basis": "",
        "zoekwoorden": (
            "veilig thuis, klacht veilig thuis, melding huiselijk geweld, kindermishandeling, "
            "onterechte melding, onderzoek veilig thuis"
        ),
        "volgende": [("nationale-ombudsman", "Lost de klachtencommissie het niet op?")],
        "gecontroleerd": 420,
    },
    {
        "key": "klacht-wmo-aanbieder",
        "title": "Klacht bij de Wmo-aanbieder",
        "organisatie": "wmo-aanbieder",
        "soort": "klacht", "lijn": 1, "domeinen": ["wmo"], "gemeenten": REGIO,
        "samenvatting": (
            "Komt uw huishoudelijke hulp niet, of bent u niet tevreden over uw begeleiding of "
            "hulpmiddel? Dien dan een klacht in bij de organisatie die de hulp levert."
        ),
        "waarvoor": (
            "Voor klachten over de organisatie die uw Wmo-ondersteuning levert. Bijvoorbeeld: "
            "de huishoudelijke hulp komt niet opdagen, steeds een andere hulp, de scootmobiel "
            "is kapot en wordt niet gemaakt, of de begeleider houdt zich niet aan afspraken. "
            "Elke aanbieder moet een klachtenregeling hebben."
        ),
        "voor_wie": "Voor iedereen die hulp krijgt via de Wmo.",
        "niet_voor": (
            "Gaat het om het besluit van de gemeente, bijvoorbeeld hoeveel uren hulp u krijgt? "
            "Maak dan bezwaar bij de gemeente."
        ),
        "stappen": (
            "Bel of mail eerst de aanbieder en vertel wat er misgaat.\n"
            "Lukt dat niet? Vraag naar de klachtenregeling en dien een klacht in.\n"
            "Laat de gemeente ook weten dat het niet goed gaat. De gemeente koopt de hulp in "
            "en kan de aanbieder aanspreken."
        ),
        "voorbereiden": (
            "De naam van de aanbieder\n"
            "Welke afspraken niet zijn nagekomen, en wanneer"
        ),
        "termijnen": "",
        "kosten": "Gratis.",
        "wettelijke_basis": "Wet maatschappelijke ondersteuning 2015 (Wmo 2015).",
        "zoekwoorden": (
            "huishoudelijke hulp, huishoudelijke hulp komt niet, thuiszorg komt niet, "
            "thuiszorg, schoonmaakhulp, hulp komt niet opdagen, steeds andere hulp, "
            "begeleiding, dagbesteding, scootmobiel kapot, rolstoel, hulpmiddel, "
            "traplift, woningaanpassing, aanbieder, zorgaanbieder wmo, klacht wmo, "
            "beschermd wonen"
        ),
        "volgende": [("nationale-ombudsman", "Lost de aanbieder uw klacht niet op?")],
        "gecontroleerd": 75,
    },
    {
        "key": "vertrouwenspersoon-wmo",
        "title": "Vertrouwenspersoon Wmo",
        "organisatie": None,
        "soort": "vertrouwenspersoon", "lijn": 0, "domeinen": ["wmo"], "gemeenten": REGIO,
        "samenvatting": (
            "Krijgt u hulp via de Wmo en wilt u iemand die naast u staat? Een "
            "onafhankelijke vertrouwenspersoon luistert en helpt u verder."
        ),
        "waarvoor": (
            "Een vertrouwenspersoon geeft informatie en advies als u problemen heeft met uw "
            "ondersteuning. Hij of zij helpt u ook als u een klacht wilt indienen."
        ),
        "voor_wie": "Voor iedereen die hulp krijgt via de Wmo.",
        "niet_voor": "De vertrouwenspersoon beslist niet over uw hulp of uw klacht.",
        "stappen": (
            "Vraag bij de gemeente of het SignaLeerpunt wie de vertrouwenspersoon Wmo is.\n"
            "Vertel wat er aan de hand is.\n"
            "Samen kijkt u wat u kunt doen."
        ),
        "voorbereiden": "",
        "termijnen": "",
        "kosten": "",
        "wettelijke_basis": "",
        "zoekwoorden": (
            "vertrouwenspersoon wmo, vertrouwenspersoon, iemand die naast me staat, "
            "hulp bij klacht wmo, begeleiding, huishoudelijke hulp, beschermd wonen"
        ),
        "volgende": [],
        "gecontroleerd": None,
    },
    {
        "key": "klacht-zorgaanbieder",
        "title": "Klacht bij de zorgaanbieder",
        "organisatie": "zorgaanbieder",
        "soort": "klacht", "lijn": 1, "domeinen": ["zorg"], "gemeenten": REGIO,
        "samenvatting": (
            "Bent u niet tevreden over uw huisarts, de wijkverpleging, de ggz of het "
            "ziekenhuis? De klachtenfunctionaris van de zorgaanbieder helpt u."
        ),
        "waarvoor": (
            "Voor klachten over zorg. Bijvoorbeeld over een behandeling, over hoe een "
            "zorgverlener met u omgaat, of over een fout. Elke zorgaanbieder moet een "
            "klachtenfunctionaris hebben. Die helpt u gratis en zoekt met u naar een oplossing."
        ),
        "voor_wie": "Voor patiënten en cliënten, en voor hun naasten.",
        "niet_voor": (
            "Gaat het om Wmo-hulp zoals huishoudelijke hulp of begeleiding? Dan is de "
            "Wmo-aanbieder de goede plek."
        ),
        "stappen": (
            "Praat eerst met de zorgverlener zelf.\n"
            "Lukt dat niet? Vraag naar de klachtenfunctionaris van de praktijk of instelling.\n"
            "Dien uw klacht in. U krijgt een schriftelijk antwoord."
        ),
        "voorbereiden": (
            "De naam van de zorgverlener en de datum\n"
            "Wat er is gebeurd en wat u graag wilt"
        ),
        "termijnen": (
            "De zorgaanbieder moet binnen 6 weken antwoorden. Dat mag met 4 weken verlengd "
            "worden."
        ),
        "kosten": "Gratis.",
        "wettelijke_basis": "Wet kwaliteit, klachten en geschillen zorg (Wkkgz).",
        "zoekwoorden": (
            "klacht huisarts, huisarts, klacht zorg, wijkverpleging, wijkverpleegkundige, "
            "ggz, psycholoog, psychiater, ziekenhuis, arts, dokter, verpleging, "
            "behandeling, medische fout, klachtenfunctionaris, verpleeghuis, thuiszorg "
            "verpleging"
        ),
        "volgende": [("geschilleninstantie-zorg", "Lost de zorgaanbieder uw klacht niet op?")],
        "gecontroleerd": 120,
    },
    {
        "key": "geschilleninstantie-zorg",
        "title": "Geschilleninstantie zorg",
        "organisatie": "geschilleninstantie",
        "soort": "geschil", "lijn": 2, "domeinen": ["zorg"], "bereik": "alle",
        "samenvatting": (
            "Heeft de zorgaanbieder uw klacht behandeld, maar is het niet opgelost? Dan kunt "
            "u naar de geschilleninstantie. Die doet een bindende uitspraak."
        ),
        "waarvoor": (
            "De geschilleninstantie beslist over uw klacht. Die uitspraak is bindend: de "
            "zorgaanbieder moet zich eraan houden. Soms krijgt u een schadevergoeding."
        ),
        "voor_wie": (
            "Voor patiënten en cliënten die al een klacht bij de zorgaanbieder hebben "
            "ingediend."
        ),
        "niet_voor": "Dien eerst een klacht in bij de zorgaanbieder zelf.",
        "stappen": (
            "Vraag de zorgaanbieder bij welke geschilleninstantie hij is aangesloten.\n"
            "Dien uw geschil in bij die instantie.\n"
            "De geschilleninstantie hoort u en de zorgaanbieder, en doet een uitspraak."
        ),
        "voorbereiden": (
            "Uw klacht aan de zorgaanbieder\n"
            "Het antwoord van de zorgaanbieder"
        ),
        "termijnen": "",
        "kosten": "",
        "wettelijke_basis": "Wet kwaliteit, klachten en geschillen zorg (Wkkgz).",
        "zoekwoorden": (
            "geschilleninstantie, geschil zorg, schadevergoeding, bindende uitspraak, "
            "klacht huisarts niet opgelost, zorgaanbieder lost klacht niet op"
        ),
        "volgende": [],
        "gecontroleerd": 200,
    },
    {
        "key": "clientondersteuning",
        "title": "Onafhankelijke cliëntondersteuning",
        "organisatie": "mee",
        "soort": "clientondersteuning", "lijn": 0,
        "domeinen": ["wmo", "jeugd", "werk-inkomen", "schulden", "zorg"],
        "gemeenten": REGIO,
        "samenvatting": (
            "Wilt u iemand die naast u staat bij het aanvragen van hulp of bij een klacht? "
            "Een onafhankelijke cliëntondersteuner helpt u gratis."
        ),
        "waarvoor": (
            "Een cliëntondersteuner geeft informatie en advies en gaat met u mee naar "
            "gesprekken. Bijvoorbeeld als u hulp aanvraagt bij de gemeente, zoals een "
            "scootmobiel of huishoudelijke hulp, of als u een klacht heeft. De "
            "cliëntondersteuner werkt niet voor de gemeente en staat aan uw kant. U kiest "
            "zelf wie u helpt."
        ),
        "voor_wie": (
            "Voor iedereen met vragen over zorg, ondersteuning, jeugdhulp, werk en inkomen of "
            "schulden."
        ),
        "niet_voor": "Een cliëntondersteuner beslist niet over uw hulp.",
        "stappen": (
            "Neem contact op met MEE of een andere onafhankelijke cliëntondersteuner.\n"
            "Vertel waar u hulp bij nodig heeft.\n"
            "De ondersteuner helpt u en gaat mee naar gesprekken als u dat wilt."
        ),
        "voorbereiden": "Brieven en papieren over uw vraag, als u die heeft",
        "termijnen": "",
        "kosten": "Gratis.",
        "wettelijke_basis": "Wet maatschappelijke ondersteuning 2015 (Wmo 2015).",
        "zoekwoorden": (
            "cliëntondersteuning, clientondersteuning, clientondersteuner, MEE, iemand die "
            "meegaat, keukentafelgesprek, hulp bij aanvraag, scootmobiel aanvragen, "
            "hulp aanvragen, aanvraag wmo, formulieren, hulp bij klacht, onafhankelijk "
            "advies, beperking, mantelzorg"
        ),
        "volgende": [],
        "gecontroleerd": 50,
    },
    {
        "key": "sociaal-raadslieden",
        "title": "Sociaal raadslieden",
        "organisatie": "sociaal-raadslieden",
        "soort": "clientondersteuning", "lijn": 0,
        "domeinen": ["werk-inkomen", "schulden", "gemeente"], "gemeenten": REGIO,
        "samenvatting": (
            "Vragen over wetten, regels, formulieren of geld? Een sociaal raadsman of "
            "raadsvrouw geeft u gratis advies."
        ),
        "waarvoor": (
            "Sociaal raadslieden helpen bij brieven en formulieren, bijvoorbeeld van de "
            "gemeente, de Belastingdienst of het UWV. Ze geven advies over toeslagen, "
            "uitkeringen en geldzaken. Ze kunnen ook helpen bij het schrijven van een bezwaar."
        ),
        "voor_wie": "Voor iedereen die vragen heeft over regels, formulieren of geld.",
        "niet_voor": "Sociaal raadslieden nemen geen besluiten en behandelen geen klachten.",
        "stappen": (
            "Maak een afspraak of ga naar het spreekuur.\n"
            "Neem uw brieven en papieren mee."
        ),
        "voorbereiden": "Brieven, formulieren en papieren over uw vraag",
        "termijnen": "",
        "kosten": "Gratis.",
        "wettelijke_basis": "",
        "zoekwoorden": (
            "sociaal raadslieden, sociaal raadsman, formulieren invullen, hulp bij "
            "formulieren, brief begrijpen, toeslagen, belastingdienst, uwv, uitkering, "
            "geldzaken, geldzorgen, bezwaar schrijven, juridisch advies, gratis advies"
        ),
        "volgende": [],
        "gecontroleerd": 80,
    },
    {
        "key": "sociaal-wijkteam",
        "title": "Sociaal wijkteam",
        "organisatie": "gemeente",
        "soort": "clientondersteuning", "lijn": 0,
        "domeinen": ["wmo", "jeugd", "werk-inkomen", "schulden"], "gemeenten": REGIO,
        "samenvatting": (
            "Heeft u een vraag over zorg, ondersteuning, werk of inkomen? Het sociaal "
            "wijkteam in uw buurt is het eerste aanspreekpunt."
        ),
        "waarvoor": (
            "Het sociaal wijkteam helpt bij vragen over zorg, ondersteuning, opvoeden, werk "
            "en inkomen. Het team bekijkt samen met u wat u nodig heeft en helpt bij het "
            "aanvragen van hulp."
        ),
        "voor_wie": "Voor alle inwoners, ook voor mantelzorgers.",
        "niet_voor": (
            "Heeft u een klacht over het sociaal wijkteam zelf? Dien dan een klacht in bij "
            "de gemeente. Wilt u iemand die los staat van de gemeente? Kies dan een "
            "onafhankelijke cliëntondersteuner."
        ),
        "stappen": (
            "Bel of loop binnen bij het sociaal wijkteam in uw buurt.\n"
            "Vertel wat uw vraag is.\n"
            "Samen maakt u een plan."
        ),
        "voorbereiden": "Uw vraag en, als u die heeft, brieven over uw situatie",
        "termijnen": "",
        "kosten": "Gratis.",
        "wettelijke_basis": "",
        "zoekwoorden": (
            "sociaal wijkteam, wijkteam, buurtteam, hulp aanvragen, scootmobiel, "
            "huishoudelijke hulp aanvragen, keukentafelgesprek, hulp nodig, zorg aanvragen, "
            "opvoeden, werk zoeken, mantelzorg, eerste hulp bij vragen"
        ),
        "volgende": [
            ("klacht-gemeente", "Bent u niet tevreden over hoe het wijkteam u behandelt?"),
            ("bezwaar", "Bent u het niet eens met een besluit over uw hulp?"),
        ],
        "gecontroleerd": 40,
    },
    {
        "key": "schuldhulpverlening",
        "title": "Toegang tot schuldhulpverlening",
        "organisatie": "gemeente",
        "soort": "klacht", "lijn": 1, "domeinen": ["schulden"], "gemeenten": REGIO,
        "samenvatting": (
            "Heeft u schulden en krijgt u geen hulp, of duurt het te lang? Meld het eerst bij "
            "de gemeente. Een weigering is een besluit: daartegen kunt u bezwaar maken."
        ),
        "waarvoor": (
            "De gemeente moet inwoners met schulden helpen. Wordt u geweigerd, moet u lang "
            "wachten of is het niet duidelijk wat er gebeurt? Vraag de gemeente dan om uitleg. "
            "Helpt dat niet, dan kunt u een klacht indienen. Heeft u een brief gekregen dat u "
            "geen schuldhulp krijgt? Dan kunt u bezwaar maken."
        ),
        "voor_wie": "Voor inwoners met schulden of geldzorgen.",
        "niet_voor": (
            "Schuldeisers, deurwaarders en incassobureaus vallen niet onder de gemeente. "
            "Voor advies over uw geldzaken kunt u ook naar de sociaal raadslieden."
        ),
        "stappen": (
            "Neem contact op met de schuldhulpverlening van de gemeente.\n"
            "Vraag wat er met uw aanvraag gebeurt en wanneer.\n"
            "Krijgt u een afwijzing per brief? Maak binnen 6 weken bezwaar.\n"
            "Wordt u slecht behandeld? Dien een klacht in bij de gemeente."
        ),
        "voorbereiden": (
            "Een overzicht van uw schulden\n"
            "Brieven van de gemeente over uw aanvraag"
        ),
        "termijnen": "",
        "kosten": "Gratis.",
        "wettelijke_basis": "",
        "zoekwoorden": (
            "schulden, schuldhulp, schuldhulpverlening, geen hulp bij schulden, "
            "schuldsanering, budgetbeheer, deurwaarder, rekeningen niet betalen, "
            "achterstand huur, geldzorgen, wachtlijst schuldhulp, afgewezen schuldhulp"
        ),
        "volgende": [
            ("bezwaar", "Heeft u een brief gekregen dat u geen schuldhulp krijgt?"),
            ("klacht-gemeente", "Bent u niet tevreden over hoe u bent behandeld?"),
        ],
        "gecontroleerd": 110,
    },
    {
        "key": "participatieraad",
        "title": "Participatieraad",
        "organisatie": "participatieraad",
        "soort": "inspraak", "lijn": 0, "domeinen": ALLE_DOMEINEN, "gemeenten": REGIO,
        "samenvatting": (
            "Ziet u dat beleid in het sociaal domein niet goed werkt? De Participatieraad "
            "geeft de gemeente advies. Voor signalen over beleid, niet voor uw eigen klacht."
        ),
        "waarvoor": (
            "De Participatieraad geeft de gemeenteraad en het college advies over beleid in "
            "het sociaal domein. Soms omdat de gemeente erom vraagt, soms uit zichzelf. "
            "U kunt de raad laten weten wat u ziet misgaan."
        ),
        "voor_wie": "Voor inwoners en organisaties die iets willen zeggen over beleid.",
        "niet_voor": (
            "De Participatieraad behandelt geen klachten van één persoon. Heeft u zelf een "
            "klacht? Kijk dan bij de andere plekken in deze verwijsgids, of neem contact op "
            "met het SignaLeerpunt."
        ),
        "stappen": "Stuur de Participatieraad een bericht met uw signaal over beleid.",
        "voorbereiden": "",
        "termijnen": "",
        "kosten": "",
        "wettelijke_basis": "",
        "zoekwoorden": (
            "participatieraad, adviesraad, adviesraad sociaal domein, wmo-raad, cliëntenraad, "
            "inspraak, meedenken, advies over beleid, beleid, signaal over beleid, "
            "meepraten"
        ),
        "volgende": [],
        "gecontroleerd": None,
    },
    {
        "key": "ombudsman-metropool-amsterdam",
        "title": "Gezamenlijke Ombudsman Metropool Amsterdam",
        "organisatie": "ombudsman-metropool",
        "soort": "ombudsman", "lijn": 2,
        "domeinen": ["gemeente", "wmo", "jeugd", "werk-inkomen"],
        "gemeenten": METROPOOL_AMSTERDAM,
        "samenvatting": (
            "De ombudsman voor inwoners van Amsterdam, Almere, Diemen, Landsmeer, Waterland "
            "en Zaanstad, als de klacht bij de gemeente niet is opgelost. Niet voor Haarlem."
        ),
        "waarvoor": (
            "De tweede stap na een klacht bij uw gemeente, voor de gemeenten die meedoen: "
            "Amsterdam, Almere, Diemen, Landsmeer, Waterland en Zaanstad. De ombudsman "
            "werkt vaak met een gesprek om het probleem snel op te lossen."
        ),
        "voor_wie": (
            "Voor inwoners van Amsterdam, Almere, Diemen, Landsmeer, Waterland en Zaanstad."
        ),
        "niet_voor": (
            "Woont u in Haarlem, Zandvoort, Bloemendaal of Heemstede? Dan gaat u naar de "
            "Nationale ombudsman."
        ),
        "stappen": (
            "Dien eerst een klacht in bij uw gemeente.\n"
            "Niet tevreden met het antwoord? Dien uw klacht in bij de ombudsman."
        ),
        "voorbereiden": "Uw klacht aan de gemeente en het antwoord van de gemeente",
        "termijnen": "",
        "kosten": "",
        "wettelijke_basis": "Gemeenschappelijke regeling van de deelnemende gemeenten.",
        "zoekwoorden": (
            "ombudsman amsterdam, metropool amsterdam, ombudsman zaanstad, ombudsman almere, "
            "ombudsman diemen"
        ),
        "volgende": [],
        "gecontroleerd": None,
    },
]

EN = {
    "signaleerpunt": {
        "title": "SignaLeerpunt (social domain complaints and signals)",
        "samenvatting": (
            "A complaint or worry about care or support, and not sure where to go? The "
            "SignaLeerpunt listens, looks for a solution with you and learns from what goes "
            "wrong."
        ),
        "waarvoor": (
            "We work in three steps: listen, solve, learn.\n"
            "If there is a right place for your complaint, we refer you there in one go and "
            "call you after a week or two to check it worked.\n"
            "If several organisations are involved or nobody seems responsible, we take it "
            "up ourselves.\n"
            "We collect what goes wrong, do our own research and advise the municipality. "
            "Every quarter we report to the council."
        ),
        "voor_wie": (
            "Anyone who receives or needs help with care, youth care, social support, work "
            "and income or debt. Also carers, neighbours and professionals."
        ),
        "niet_voor": (
            "We do not decide about your support or benefit and we are not a court. If "
            "there is a right place for your complaint, we refer you there."
        ),
        "stappen": (
            "Fill in the report form, or call us.\n"
            "Tell us what happened and what you would like.\n"
            "We find the right place with you, or take it up ourselves.\n"
            "After a week or two we call you to check it worked."
        ),
        "voorbereiden": (
            "What happened, and when?\n"
            "Which organisations have you been in touch with?\n"
            "Letters or e-mails about it (if you have them)"
        ),
        "termijnen": "We contact you within 5 working days.",
        "kosten": "Free.",
        "wettelijke_basis": "Decision of the municipal council; independent, for two years "
                            "first, then evaluated.",
        "zoekwoorden": (
            "complaint, worry, concern, report, signal, social domain, pushed from pillar "
            "to post, nobody helps me, I don't know where to go, stuck, ombudsman"
        ),
    },
    "klacht-gemeente": {
        "title": "Complaint about the municipality",
        "samenvatting": (
            "Not happy with how the municipality or the social district team treated you? "
            "Make a complaint to the municipality."
        ),
        "waarvoor": (
            "For complaints about how the municipality dealt with you: an unfriendly member "
            "of staff, no answer, being sent from one desk to another, or a missed "
            "appointment. This includes the social district team (sociaal wijkteam)."
        ),
        "voor_wie": "Anyone who deals with the municipality or the social district team.",
        "niet_voor": (
            "If you disagree with a decision, for example about your benefit or support, a "
            "complaint is not the right route: lodge an objection (bezwaar)."
        ),
        "stappen": (
            "First talk to the member of staff or their manager.\n"
            "If that does not help, make a complaint to the municipality in writing or "
            "through its website.\n"
            "The municipality usually invites you for a conversation.\n"
            "You receive a letter with the outcome."
        ),
        "voorbereiden": (
            "Your name, address and phone number\n"
            "What happened, when and with whom\n"
            "What you would like: an apology, an explanation or a new appointment"
        ),
        "termijnen": (
            "The municipality must answer within 6 weeks (10 weeks with an advisory "
            "committee), and may extend this once by 4 weeks."
        ),
        "kosten": "Free.",
        "wettelijke_basis": "General Administrative Law Act (Awb), chapter 9.",
        "zoekwoorden": "complaint municipality, unfriendly, rude, no answer, treated badly",
    },
    "nationale-ombudsman": {
        "title": "National Ombudsman",
        "samenvatting": (
            "Did the municipality handle your complaint but you are still not satisfied? "
            "Then go to the National Ombudsman. It is free."
        ),
        "waarvoor": (
            "The National Ombudsman is the second step after a complaint to the "
            "municipality, also for organisations that carry out municipal tasks. Most "
            "complaints are solved informally, with a conversation or a phone call (89.4% in "
            "the source)."
        ),
        "voor_wie": "Residents who made a complaint to the municipality and are not satisfied "
                    "with the answer.",
        "niet_voor": (
            "The ombudsman cannot change a decision. If you disagree with a decision, lodge "
            "an objection. Always complain to the municipality first."
        ),
        "stappen": (
            "First make a complaint to the municipality and wait for the answer.\n"
            "Not satisfied? Complain to the National Ombudsman online or by phone.\n"
            "The ombudsman contacts you and often looks for a solution together with the "
            "municipality."
        ),
        "voorbereiden": (
            "Your complaint to the municipality\n"
            "The municipality's answer\n"
            "What you still want to achieve"
        ),
        "termijnen": "Complain within one year after the municipality answered your complaint.",
        "kosten": "Free, and the phone number is free too.",
        "wettelijke_basis": "Municipalities Act (Gemeentewet), article 81p.",
        "zoekwoorden": "ombudsman, complaint badly handled, not satisfied with the answer",
    },
    "bezwaar": {
        "title": "Objecting to a decision",
        "samenvatting": (
            "Do you disagree with a decision of the municipality, for example because you do "
            "not get support or a benefit? Lodge an objection within 6 weeks."
        ),
        "waarvoor": (
            "A decision (beschikking) comes by letter: for example your application was "
            "refused, you get fewer hours of help, or your benefit stops. With an objection "
            "you ask the municipality to look at the decision again. An objections committee "
            "advises on it."
        ),
        "voor_wie": "Anyone who received a decision from the municipality.",
        "niet_voor": (
            "Is it about how you were treated, not about the decision itself? Then make a "
            "complaint to the municipality."
        ),
        "stappen": (
            "Read the decision letter. At the bottom it says how to object.\n"
            "Write a letter or use the municipality's form.\n"
            "Say which decision you disagree with and why.\n"
            "Sign and date it and send it within 6 weeks.\n"
            "The municipality often calls first to look for a solution; otherwise there is a "
            "hearing."
        ),
        "voorbereiden": (
            "A copy of the decision letter\n"
            "Your name, address and signature\n"
            "Why you disagree with the decision"
        ),
        "termijnen": "6 weeks from the date the decision was sent.",
        "kosten": "Free.",
        "wettelijke_basis": "General Administrative Law Act (Awb).",
        "zoekwoorden": "objection, decision, refused, benefit stopped, disagree",
    },
    "vertrouwenspersoon-jeugd": {
        "title": "Confidential adviser for youth care",
        "samenvatting": (
            "Questions or a complaint about youth care? An independent confidential adviser "
            "from AKJ helps you, free of charge."
        ),
        "waarvoor": (
            "The confidential adviser gives information and advice and helps you with a "
            "complaint: about youth care, the municipality's youth tasks, a certified "
            "institution (such as youth protection or a guardian) or Veilig Thuis. The "
            "adviser is on your side and does not work for the organisation you complain "
            "about."
        ),
        "voor_wie": "Young people, parents, foster parents and family foster parents.",
        "niet_voor": "The adviser does not decide about your complaint or your care.",
        "stappen": (
            "Contact AKJ through its website.\n"
            "Tell what is going on.\n"
            "Together you look at what you can do. The adviser can come along to a meeting."
        ),
        "voorbereiden": "Which care or organisation it is about\nWhat happened",
        "termijnen": "",
        "kosten": "Free.",
        "wettelijke_basis": "Youth Act (Jeugdwet), article 2.6(2).",
        "zoekwoorden": "confidential adviser, youth care, guardian, foster care, my child",
    },
}

TEXT_FIELDS = ["samenvatting", "waarvoor", "voor_wie", "niet_voor", "stappen", "voorbereiden",
               "termijnen", "kosten", "wettelijke_basis", "zoekwoorden"]


def load_vocabularies():
    for key, name, cbs in GEMEENTEN:
        Gemeente.objects.update_or_create(key=key, defaults={"name": name, "cbs_code": cbs})
    for order, (key, name, name_en, description) in enumerate(DOMEINEN):
        Domein.objects.update_or_create(
            key=key,
            defaults={"name": name, "name_en": name_en, "description": description,
                      "sort_order": order},
        )


def _organisaties():
    result = {}
    for ref, fields in ORGANISATIES.items():
        org = Organisatie.objects.filter(name=fields["name"]).first()
        if org is None:
            org = Organisatie.objects.create(**fields)
        elif fields.get("name_en") and not org.name_en:
            org.name_en = fields["name_en"]
            org.save(update_fields=["name_en"])
        result[ref] = org
    return result


def _publish(page):
    page.save_revision().publish()


def load_pages(command=None):
    from home.models import HomePage

    nl = Locale.objects.get(language_code="nl")
    en = Locale.objects.get(language_code="en")
    home = HomePage.objects.get(locale=nl)
    orgs = _organisaties()
    gemeenten = {g.key: g for g in Gemeente.objects.all()}
    domeinen = {d.key: d for d in Domein.objects.all()}

    index = VerwijsgidsIndexPage.objects.child_of(home).first()
    if index is None:
        index = VerwijsgidsIndexPage(slug="verwijsgids", show_in_menus=True, **INDEX_NL)
        home.add_child(instance=index)
        _publish(index)

    today = timezone.localdate()
    pages = {}
    created = []
    for spec in R:
        page = Regeling.objects.filter(key=spec["key"], locale=nl).first()
        if page is None:
            page = Regeling(
                slug=spec["key"],
                title=spec["title"],
                key=spec["key"],
                soort=spec["soort"],
                lijn=spec["lijn"],
                bereik=spec.get("bereik", "lijst"),
                organisatie=orgs.get(spec["organisatie"]) if spec["organisatie"] else None,
                search_description=spec["samenvatting"],
                laatst_gecontroleerd=(
                    None if spec["gecontroleerd"] is None
                    else today - datetime.timedelta(days=spec["gecontroleerd"])
                ),
                **{field: spec[field] for field in TEXT_FIELDS},
            )
            page.domeinen = [domeinen[key] for key in spec["domeinen"]]
            page.gemeenten = [gemeenten[key] for key in spec.get("gemeenten", [])]
            index.add_child(instance=page)
            created.append(page)
        pages[spec["key"]] = page

    # The escalation ladders, once every scheme exists.
    for spec in R:
        page = pages[spec["key"]]
        if page not in created:
            continue
        page.volgende_stappen = [
            RegelingVolgendeStap(doel=pages[target], toelichting=note, sort_order=order)
            for order, (target, note) in enumerate(spec["volgende"])
        ]
        _publish(page)

    # English: the directory and the most-used schemes.
    index_en = index.get_translation_or_none(en)
    if index_en is None:
        index_en = index.copy_for_translation(en)
        for field, value in INDEX_EN.items():
            setattr(index_en, field, value)
        _publish(index_en)
    extra = _en_data()
    for key, texts in {**EN, **{k: v for k, v in extra.items() if "title" in v}}.items():
        source = pages[key]
        if source.get_translation_or_none(en) is not None:
            continue
        translated = source.copy_for_translation(en)
        for field, value in texts.items():
            if field != "volgende":
                setattr(translated, field, value)
        translated.search_description = texts["samenvatting"]
        _publish(translated)
    _translate_ladder_notes(pages, en, extra)


def _en_data():
    """English texts kept as data (verwijsgids/data/demo_en.json)."""
    path = Path(__file__).parent / "data" / "demo_en.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return {key: value for key, value in data.items() if not key.startswith("_")}


def _translate_ladder_notes(pages, en, extra):
    """English notes on the English ladders, where they still carry the Dutch note."""
    for key, texts in extra.items():
        notes = texts.get("volgende") or []
        page = pages[key].get_translation_or_none(en)
        if page is None or not notes:
            continue
        dutch = [s.toelichting for s in pages[key].volgende_stappen.order_by("sort_order")]
        steps = list(page.volgende_stappen.order_by("sort_order"))
        changed = False
        for step, note_nl, note_en in zip(steps, dutch, notes, strict=False):
            if step.toelichting == note_nl and note_en != note_nl:
                step.toelichting, changed = note_en, True
        if changed:
            page.volgende_stappen = steps
            _publish(page)


def load(command):
    load_vocabularies()
    load_pages(command)
