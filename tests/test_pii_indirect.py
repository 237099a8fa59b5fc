"""Indirect identifiers (casussen/pii/indirect.py) and public facts that are not personal
data. Each class both ways: what identifies one person, and its public look-alike."""

import pytest

from casussen.pii import scan


def _found(text):
    return [(f.text, f.kind) for f in scan(text)]


@pytest.mark.parametrize(("text", "value", "kind"), [
    # a child's school
    ("Haar dochter zit op De Regenboog in groep 6.", "Regenboog", "school"),
    ("Zijn zoon gaat sinds dit jaar naar het Mendel College.", "Mendel College", "school"),
    ("Het meisje zit in groep 7 van basisschool De Wilgenhoek.", "De Wilgenhoek", "school"),
    # social media
    ("Ze volgde hem op Instagram als jdv_2010.", "jdv_2010", "social-media"),
    ("Zijn oudste zoon schreef alles op TikTok onder de naam noah.hfd.", "noah.hfd",
     "social-media"),
    ("Haar profiel facebook.com/sanne.vd.berg stond vol foto's.", "facebook.com/sanne.vd.berg",
     "social-media"),
    ("Hij stuurde een bericht naar @mo_haarlem023.", "@mo_haarlem023", "social-media"),
    # e-mail addresses, also written out
    ("Mail haar op fam.bakker@ziggo.nl.", "fam.bakker@ziggo.nl", "e-mailadres"),
    ("Zijn adres is pietje [at] hotmail [punt] com.", "pietje [at] hotmail [punt] com",
     "e-mailadres"),
    # house numbers apart from the street
    ("Ze woont op nummer 14, naast de bakker.", "14", "adres"),
    ("Het gezin woont sinds kort op 12b.", "12b", "adres"),
    ("De deur van huisnummer 7 stond open.", "7", "adres"),
    # dates of birth
    ("Zij is in 1950 geboren en woont alleen.", "1950", "geboortedatum"),
    ("Haar zoon is geboren in mei 2019.", "mei 2019", "geboortedatum"),
    ("Hij is jarig op 3 mei en viert dat altijd met de buren.", "3 mei", "geboortedatum"),
    # descriptions that fit one person
    ("De enige Syrische tandarts in Zandvoort kreeg geen hulp.",
     "De enige Syrische tandarts in Zandvoort", "kenmerk"),
    ("De jongen die in de krant stond na de brand kreeg geen hulp.",
     "De jongen die in de krant stond na de brand", "kenmerk"),
    ("Het was de vrouw van wie het huis afbrandde bij de explosie aan de Dorpsstraat.",
     "de vrouw van wie het huis afbrandde bij de explosie", "kenmerk"),
    ("Het ging om de eerste vrouwelijke imam van Haarlem.",
     "de eerste vrouwelijke imam van Haarlem", "kenmerk"),
    ("Een oud-huisarts uit Spaarndam wachtte maanden.", "oud-huisarts uit Spaarndam",
     "kenmerk"),
    ("Een gepensioneerde visser uit Zandvoort belde ons.", "gepensioneerde visser uit Zandvoort",
     "kenmerk"),
])
def test_indirect_identifiers_are_found(text, value, kind):
    assert (value, kind) in _found(text) or any(
        value in f_text and f_kind == kind for f_text, f_kind in _found(text)), _found(text)


def test_an_age_with_a_former_trade_and_a_village():
    kinds = {kind for _text, kind in _found("Een 71-jarige oud-huisarts uit Spaarndam belde.")}
    assert {"leeftijd", "kenmerk"} <= kinds


@pytest.mark.parametrize(("text", "value"), [
    ("jan de vries uit zwolle belde ons drie keer.", "jan de vries"),
    ("Daarna belde mevrouw kaya opnieuw.", "kaya"),
    ("Zijn dochter eva kwam mee naar het gesprek.", "eva"),
    ("piet jansen wachtte op een traplift.", "piet jansen"),
])
def test_names_in_lower_case(text, value):
    assert value in [f.text for f in scan(text)]


@pytest.mark.parametrize("text", [
    # laws and articles
    "Volgens artikel 2.3.5 lid 1 Wmo 2015 beslist de gemeente binnen acht weken.",
    "Artikel 7:10 Awb geeft de termijn; zie ook art. 4:13 en 8:55b Awb.",
    "De Participatiewet (artikel 18, lid 2) regelt de verlaging.",
    # public buildings and their addresses
    "Het gemeentehuis aan de Grote Markt 2 is het loket voor vragen.",
    "De bibliotheek, Gasthuisstraat 32, heeft een Digisterpunt.",
    "Het stadhuis op het Raadhuisplein 1 in Heemstede is verbouwd.",
    # organisations and their numbers
    "Het Juridisch Loket is bereikbaar op 0900-8020.",
    "Het Sociaal Wijkteam Schalkwijk is op werkdagen bereikbaar via 023-5115600.",
    # council meetings and public dates
    "De commissievergadering van 12 maart 2025 besprak de evaluatie.",
    "In de raadsvergadering van 3 juli stemde de gemeenteraad in met de nota.",
    # schools as organisations, groups and statistics
    "Het Mendel College en de Regenboogschool doen mee aan het project.",
    "Op basisschool De Wilgenhoek geeft het wijkteam voorlichting aan ouders.",
    "De school organiseert een informatieavond over de leerplicht.",
    # ordinary words that are also names
    "de hulp kwam pas na vier maanden op gang.",
    "mark het formulier aan en stuur het op.",
    "Veel inwoners wonen op de bovenste verdieping van een flat zonder lift.",
    "Een inwoner wachtte 14 weken op een besluit.",
    "De enige oplossing in dit geval was een nieuwe aanvraag.",
    "De eerste aanvraag in 2024 werd afgewezen.",
    "Op Instagram en Facebook deelt de gemeente nieuws.",
    "Volg @gemeentehaarlem voor nieuws over de regeling.",
])
def test_public_facts_and_everyday_words_are_not_flagged(text):
    assert _found(text) == []
