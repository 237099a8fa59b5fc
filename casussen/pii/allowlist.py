"""What is NOT personal data: organisations, municipalities and public service numbers.

The directory (municipalities, domains, themes and, when that app has them, the schemes
and their organisations) is read from the database and cached in the process for a few
minutes; the fixed lists below also work when there is no database (the command line on a
fresh checkout).
"""

import re
import time

# Organisations and public bodies residents deal with in the social domain. Naming an
# organisation is allowed (and useful); naming a person never is.
ORGANISATIONS = [
    "SignaLeerpunt", "SignaLeerpunt sociaal domein", "Nationale ombudsman",
    "Gemeentelijke Ombudsman", "Ombudsman Metropool Amsterdam", "Kinderombudsman",
    "Gezamenlijke Ombudsman Metropool Amsterdam", "Veilig Thuis", "MEE", "AKJ",
    "Sociaal wijkteam", "Sociaal wijkteams", "Wijkteam", "Participatieraad",
    "Sociaal raadslieden", "Sociaal raadsman", "Sociaal Raadslieden", "Juridisch Loket",
    "Het Juridisch Loket", "UWV", "SVB", "Sociale Verzekeringsbank", "CAK", "Belastingdienst",
    "Dienst Toeslagen", "Toeslagen", "DUO", "GGD", "CJG", "Centrum voor Jeugd en Gezin",
    "Raad voor de Kinderbescherming", "Kinderbescherming", "Jeugdbescherming",
    "Jeugdbescherming Noord-Holland", "William Schrikker Stichting", "Leger des Heils",
    "Humanitas", "Kwadraad", "Voedselbank", "Schuldhulpmaatje", "Zilveren Kruis", "Zorgbelang",
    "Autoriteit Persoonsgegevens", "Inspectie Gezondheidszorg en Jeugd", "IGJ", "Rechtbank",
    "Rechtbank Noord-Holland", "Centrale Raad van Beroep", "Raad van State", "Wmo-loket",
    "Wmo-raad", "Klachtencommissie", "Geschillencommissie", "Geschilleninstantie",
    "Stichting", "Spaarne Gasthuis", "RIBW", "GGZ", "GGZ inGeest", "Levvel", "Ymere",
    "Pré Wonen", "Elan Wonen", "Woonzorg Nederland", "Spaarnelanden", "Haarlem Effect",
    "Zorgbalans", "Kennemerhart", "Hospice", "Huisartsenpost", "Slachtofferhulp",
    "Kindertelefoon", "Raad voor Rechtsbijstand", "Nibud", "Geldfit", "Divosa", "VNG",
    "Commissie Samenleving", "Gemeenteraad", "College van B en W", "Gemeente",
    "Rode Kruis", "Het Rode Kruis", "Zonnebloem", "De Zonnebloem", "Pluspunt", "Kenter",
    "Youké", "Salut", "Dock", "Streetcornerwork", "Stichting Leergeld", "Leergeld",
    "Cliëntenbelang", "Stichting Present", "Parnassia", "Brijder", "Hartekamp Groep",
]

# Last words that make a capitalised phrase an organisation, not a person:
# "Kenter Jeugdhulp", "Lucas Onderwijs", "Hartekamp Groep".
ORGANISATION_NOUNS = {
    "jeugdhulp", "jeugdzorg", "onderwijs", "zorg", "groep", "wonen", "welzijn", "thuiszorg",
    "stichting", "instituut", "centrum", "ggz", "kinderopvang", "thuisadministratie",
    "advies", "bewindvoering", "beheer", "bank", "verzekeringen", "college", "school",
    "lyceum", "academie", "bibliotheek", "vereniging", "fonds", "kliniek", "praktijk",
    "apotheek", "gasthuis", "ziekenhuis", "loket", "diensten", "dienst", "kruis", "raad",
    "commissie", "team", "wijkteam", "huisartsen", "huisartsenpraktijk", "verpleging",
    "wijkverpleging", "opvang", "woningcorporatie", "wooncorporatie", "ombudsman", "bv",
    "b.v.", "nv", "n.v.", "vof", "coöperatie", "federatie", "netwerk", "platform",
}

# Laws, schemes and other capitalised words in case stories that are not names.
TERMS = [
    "Wmo", "Wmo 2015", "Wlz", "Zvw", "Jeugdwet", "Participatiewet", "Awb", "Wkkgz",
    "Wsnp", "Wgs", "Wet gemeentelijke schuldhulpverlening", "Algemene wet bestuursrecht",
    "Luisteren, Oplossen, Leren", "Paarse krokodil", "Paarse Krokodil", "Bijzondere bijstand",
    "Bijstand", "Toeslag", "Zorgtoeslag", "Huurtoeslag", "Kindgebonden budget", "PGB", "Pgb",
    "DigiD", "Mijn Overheid", "MijnOverheid", "Kerst", "Kerstmis", "Pasen", "Pinksteren",
    "Ramadan", "Suikerfeest", "Nederland", "Nederlands", "Noord-Holland", "Kennemerland",
    "Zuid-Kennemerland", "Randstad", "Haarlem", "Zandvoort", "Bloemendaal", "Heemstede",
    "Amsterdam", "Haarlemmermeer", "Velsen", "IJmond", "Werk en Inkomen", "Werk & Inkomen",
    "Schuldhulpverlening", "Schuldhulp", "Klantcontact", "Burgerzaken", "Leerplicht",
    "Leerlingenvervoer", "Jeugdhulp", "Sociaal Domein", "Zorg en Veiligheid",
    "Veiligheidshuis", "Sociale Dienst", "Stadsloket", "Wijkcentrum", "Buurtcentrum",
]

# Public service numbers of organisations (not personal data), digits only.
PUBLIC_NUMBERS = {
    "112",
    "08002000",  # Veilig Thuis
    "08003355555",  # Nationale ombudsman
    "08000432",  # De Kindertelefoon
    "08000113",  # 113 Zelfmoordpreventie
    "09008844",  # Politie
    "09008020",  # Het Juridisch Loket
    "08000543",  # BelastingTelefoon
    "14023",  # Gemeente Haarlem
}

# Local parts of role mailboxes of organisations: info@..., klachten@... are not personal.
ROLE_MAILBOXES = {
    "info", "contact", "klachten", "klacht", "secretariaat", "servicedesk", "noreply",
    "no-reply", "team", "post", "redactie", "privacy", "helpdesk", "loket", "wmo", "jeugd",
    "meldpunt", "signaleerpunt", "ombudsman", "klantcontact", "administratie", "receptie",
}

_CACHE_SECONDS = 300
_cache = {"at": 0.0, "terms": None}


def _directory_terms():
    """Names from the directory tables; empty when there is no database to read."""
    from django.apps import apps

    names = []
    for label in ("verwijsgids.Gemeente", "verwijsgids.Domein", "kennisbank.Thema"):
        model = apps.get_model(label)
        for name, name_en in model.objects.values_list("name", "name_en"):
            names.extend([name, name_en])
    # The scheme directory (another part of the portal) may add organisations.
    try:
        regeling = apps.get_model("verwijsgids", "Regeling")
    except LookupError:
        regeling = None
    if regeling is not None:
        fields = {f.name for f in regeling._meta.get_fields()}
        for field in ("organisation", "organisatie", "organisation_name", "name", "title"):
            if field in fields and not regeling._meta.get_field(field).is_relation:
                names.extend(regeling.objects.values_list(field, flat=True))
    return [n for n in names if n]


def terms():
    """All allowlisted phrases (cached per process)."""
    now = time.monotonic()
    if _cache["terms"] is not None and now - _cache["at"] < _CACHE_SECONDS:
        return _cache["terms"]
    found = []
    ok = True
    try:
        found = _directory_terms()
    except Exception:  # noqa: BLE001 (no database, no tables, or tests without db access)
        ok = False
    result = tuple(sorted(set(ORGANISATIONS + TERMS + found), key=len, reverse=True))
    _cache["terms"] = result
    _cache["at"] = now if ok else now - _CACHE_SECONDS + 30
    return result


def clear_cache():
    _cache["terms"] = None


def _pattern(phrases):
    parts = [re.escape(p).replace(r"\ ", r"\s+") for p in phrases]
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


_pattern_cache = {}


def allowed_spans(text):
    """Spans of `text` that are organisation, place or law names."""
    phrases = terms()
    pattern = _pattern_cache.get(phrases)
    if pattern is None:
        _pattern_cache.clear()
        pattern = _pattern_cache[phrases] = _pattern(phrases)
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def is_allowed_word(word):
    lowered = word.strip().lower()
    return any(lowered == phrase.lower() for phrase in terms())
