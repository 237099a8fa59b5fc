# ruff: noqa: E501 (long regular expressions read better on one line)
"""The project's own rules for personal data in Dutch case texts (no deduce needed).

Each rule yields `(start, end, kind)`. The rules are deliberately about the *form* of an
identifier (an IBAN, a licence plate, a date with a day) or its *context* (a title or a
family word before a name, a keyword before a file number), never about single phrasings.
"""

import re

# --- shared pieces ---------------------------------------------------------------------

UPPER = "A-ZÀ-ÖØ-Þ"
LOWER = "a-zß-öø-ÿ"
NAME_WORD = rf"[{UPPER}][{LOWER}'’]+(?:-[{UPPER}]?[{LOWER}'’]+)*"
INTERFIX = (
    r"(?:[Vv]an|[Dd]e|[Dd]er|[Dd]en|[Tt]er|[Tt]en|[Tt]e|[Hh]et|'t|[Ll]a|[Ll]e|"
    r"[Ee]l|[Aa]l|[Dd]a|[Dd]i|[Dd]u|[Vv]on|[Dd]os|[Dd]el|[Bb]en|[Aa]bu)"
)
INITIALS = rf"(?:[{UPPER}]\.\s?){{1,4}}"
# A surname or first name, optionally with interfixes: "Kaya", "de Vries", "van den Berg".
NAME = rf"(?:{INTERFIX}\s+){{0,3}}{NAME_WORD}"
FULL_NAME = rf"(?:{INITIALS}\s*)?{NAME}(?:\s+{NAME})?"

TITLE = (
    r"(?:[Mm]evrouw|[Mm]evr\.?|[Mm]w\.?|[Mm]eneer|[Mm]ijnheer|[Mm]nr\.?|[Dd]hr\.?|[Dd]e\s+heer|"
    r"[Mm]ej\.?|[Mm]ejuffrouw|[Jj]uffrouw|[Ff]amilie|[Ff]am\.|[Gg]ezin|[Dd]okter|[Dd]r\.|"
    r"[Mm]r\.|[Zz]uster|[Bb]roeder|[Ww]eduwe)"
)

# Words for people around a resident; a capitalised word right after them is a name:
# "zijn dochter Eva", "de vader, Johan, werkt ...", "haar consulent Sanne".
RELATIONS = (
    "vader|moeder|ouders?|zoon|zoontje|dochter|dochtertje|broer|broertje|zus|zusje|zuster|"
    "oma|opa|tante|oom|neef|nicht|man|vrouw|echtgenoot|echtgenote|partner|ex|ex-partner|"
    "vriend|vriendin|buurman|buurvrouw|kleinzoon|kleindochter|kind|baby|schoonzoon|"
    "schoondochter|schoonmoeder|schoonvader|stiefvader|stiefmoeder|stiefzoon|stiefdochter|"
    "pleegzoon|pleegdochter|pleegmoeder|pleegvader|pleegkind|mantelzorger|begeleider|"
    "begeleidster|consulent|consulente|casemanager|klantmanager|wijkverpleegkundige|"
    "verpleegkundige|huisarts|coach|hulpverlener|contactpersoon|collega|zorgverlener|"
    "schuldhulpverlener|bewindvoerder|mentor|jeugdconsulent|wijkcoach|jongen|meisje|"
    "cliënt|client|cliënte|bewoner|bewoonster|melder|melder|huurder|leerling|docent|juf|"
    "meester|medewerker|medewerkster|ambtenaar|behandelaar|therapeut|psycholoog|advocaat|"
    "jurist|voogd|gezinsvoogd|jeugdbeschermer|maatschappelijk werker|wijkagent"
)
NAMING_VERBS = r"(?:genaamd|geheten|heet|heette|met de naam|naam is|roepnaam|alias)"

# Capitalised words that start sentences or clauses and are never names.
STOP_WORDS = {
    "de", "het", "een", "die", "dat", "deze", "dit", "ook", "maar", "en", "of", "zij", "hij",
    "ze", "wij", "we", "u", "ik", "jij", "je", "toen", "daarna", "dan", "na", "bij", "van",
    "op", "in", "met", "om", "voor", "door", "uit", "over", "nog", "niet", "geen", "wel",
    "er", "hier", "daar", "zo", "als", "omdat", "want", "dus", "later", "eerst", "nu",
    "sinds", "tot", "tijdens", "volgens", "zonder", "samen", "alleen", "iedereen", "niemand",
    "wie", "wat", "waar", "wanneer", "hoe", "waarom", "welke", "elke", "alle", "veel",
    "weinig", "soms", "vaak", "altijd", "nooit", "inmiddels", "gelukkig", "helaas", "toch",
    "uiteindelijk", "ondertussen", "bovendien", "daardoor", "daarom", "hun", "haar", "zijn",
    "mijn", "onze", "jullie", "hen", "hem", "ons", "meneer", "mevrouw", "familie",
    "gemeente", "cliënt", "client", "inwoner", "bewoner", "moeder", "vader", "zoon",
    "dochter", "kind", "kinderen", "ouders", "gezin", "ja", "nee", "oké",
    "dank", "groet", "groeten", "beste", "geachte", "hallo", "dag", "januari", "februari",
    "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
    "november", "december", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag",
    "zaterdag", "zondag", "kwartaal", "wmo", "jeugdhulp", "zorg", "hulp", "signaal",
}

MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "febr": 2, "maart": 3, "mrt": 3,
    "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augustus": 8,
    "aug": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}
MONTH = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
WEEKDAY = r"(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|ma|di|wo|do|vr|za|zo)"

# --- simple identifiers ------------------------------------------------------------------

EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])")
POSTCODE_RE = re.compile(r"(?<![\w-])[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2}(?![\w-])")
IBAN_RE = re.compile(r"(?<![\w])([A-Z]{2}\d{2}(?:[ .]?[A-Z0-9]{4}){2,7}(?:[ .]?[A-Z0-9]{1,3})?)(?![\w])")
NL_IBAN_RE = re.compile(r"^NL\d{2}[A-Z]{4}\d{10}$")
NINE_DIGITS_RE = re.compile(r"(?<![\d.,/-])(\d{9}|\d{4}\.\d{2}\.\d{3}|\d{3}\.\d{3}\.\d{3})(?![\d/]|[.,-]\d)")
BSN_CONTEXT_RE = re.compile(r"(?:bsn|burgerservicenummer|sofi-?nummer|sofinummer)\W{0,3}(?:\w+\W+){0,4}$", re.IGNORECASE)
BSN_SPACED_RE = re.compile(r"(?:bsn|burgerservicenummer)\W{1,3}(?:\w+\W+){0,3}?(\d{3}[ .]\d{3}[ .]\d{3}|\d{4}[ .]\d{2}[ .]\d{3}|\d{8,9})(?!\d)", re.IGNORECASE)

PLATE_CODES = [
    r"[A-Z]{2}-\d{2}-\d{2}", r"\d{2}-\d{2}-[A-Z]{2}", r"\d{2}-[A-Z]{2}-\d{2}",
    r"[A-Z]{2}-\d{2}-[A-Z]{2}", r"[A-Z]{2}-[A-Z]{2}-\d{2}", r"\d{2}-[A-Z]{2}-[A-Z]{2}",
    r"\d{2}-[A-Z]{3}-\d", r"\d-[A-Z]{3}-\d{2}", r"[A-Z]{2}-\d{3}-[A-Z]", r"[A-Z]-\d{3}-[A-Z]{2}",
    r"[A-Z]{3}-\d{2}-[A-Z]", r"[A-Z]-\d{2}-[A-Z]{3}", r"\d-[A-Z]{2}-\d{3}", r"\d{3}-[A-Z]{2}-\d",
]
PLATE_RE = re.compile(r"(?<![\w-])(?:" + "|".join(PLATE_CODES) + r")(?![\w-])")
PLATE_CONTEXT_RE = re.compile(r"\bkenteken(?:nummer|plaat)?\s*(?:is|was|:)?\s*([A-Z0-9]{1,3}[- ]?[A-Z0-9]{1,3}[- ]?[A-Z0-9]{1,3})(?![\w-])", re.IGNORECASE)

FILE_KEYWORD_RE = re.compile(
    r"\b(?:(?:dossier|cliënt|client|klant|zaak|referentie|registratie|relatie|polis|factuur|"
    r"debiteur|debiteuren|personeels|leerling|patiënt|patient|aanvraag|beschikkings?|contract|"
    r"verzekerden|lid|huurder|inschrijf|aansluit|meter|klacht|melding|order|pas|"
    r"uitkerings|vonnis|rolnummer|registratie)[- ]?(?:nummer|nr\.?|no\.?)|dossier|kenmerk|"
    r"referentie|ref\.|zaak-id|cliënt-id|client-id|nummer)"
    r"(?:(?:\s+[a-zà-ÿ]+){0,5}?\s+(?:is|was|luidt|staat|blijft))?"
    r"\s*(?:is|was|:|#)?\s*((?:[A-Z]{1,6}[-/ ]?)?\d[\w./-]*\w)",
    re.IGNORECASE,
)
CODE_RES = [
    # JZ-2024-0183, WMO/2023/4411, SHV-2024-117
    re.compile(r"(?<![\w/-])[A-Z]{1,6}[-/]\d{2,}(?:[-/][A-Z0-9]{2,})+(?![\w/-])"),
    # CL123456, Z-12345
    re.compile(r"(?<![\w/-])[A-Z]{1,5}-?\d{5,}(?![\w/-])"),
    # 2024/0345, 2023-11872 (not a range of years, not a phone number)
    re.compile(r"(?<![\w/.-])[1-9]\d{3}[-/]\d{3,}(?![\w/-])"),
]
YEAR_RANGE_RE = re.compile(r"^(?:19|20)\d{2}[-/](?:19|20)?\d{2}$")

# --- dates -------------------------------------------------------------------------------

WRITTEN_DATE_RE = re.compile(
    rf"(?<![\w-])(?:{WEEKDAY}\.?\s+)?(\d{{1,2}})(?:e|ste|de)?\s+({MONTH})(?:\s+(\d{{4}}|'\d{{2}}))?(?![\w])",
    re.IGNORECASE,
)
NUMERIC_DATE_RE = re.compile(
    r"(?<![\d/.-])(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})(?![\d/-]|\.\d)"
)
ISO_DATE_RE = re.compile(r"(?<![\d/-])((?:19|20)\d{2})-(\d{2})-(\d{2})(?![\d/-])")
MONTH_TEXT_DATE_RE = re.compile(rf"(?<![\w-])(\d{{1,2}})-({MONTH})-(\d{{2,4}})(?![\w-])", re.IGNORECASE)
BIRTH_RE = re.compile(
    r"\b(?:geboren|geb\.|geboortedatum|geboortejaar|geboortedag)\s*(?:op|in|:|is|was)?\s*"
    r"((?:19|20)\d{2})(?!\d)",
    re.IGNORECASE,
)
BIRTH_CONTEXT_RE = re.compile(r"\b(?:geboren|geb\.|geboortedatum|geboortedag)\W+(?:\w+\W+){0,2}$", re.IGNORECASE)
# "per 1 januari 2025", "met ingang van 1 juli": the date a rule takes effect, not a person's.
EFFECTIVE_DATE_RE = re.compile(r"\b(?:per|met\s+ingang\s+van|m\.i\.v\.|vanaf|sinds)\s*$", re.IGNORECASE)

# --- addresses ---------------------------------------------------------------------------

STREET_SUFFIXES = (
    "straat", "straatje", "straatweg", "weg", "laan", "laantje", "plein", "pleintje", "gracht",
    "kade", "dijk", "singel", "pad", "hof", "dreef", "steeg", "plantsoen", "markt", "baan",
    "allee", "wal", "burgwal", "erf", "boulevard", "park", "vaart", "gang", "hoven", "sloot",
    "zijde", "ring", "akker", "weide", "kwartier", "promenade", "passage", "dwarsstraat",
    "zoom", "dam", "brink", "drift", "haven", "oever",
)
STREET_MODIFIERS = {
    "burgemeester", "dokter", "dr.", "prof.", "professor", "koningin", "koning", "prins",
    "prinses", "graaf", "gravin", "sint", "st.", "kleine", "grote", "korte", "lange", "nieuwe",
    "oude", "hoge", "lage", "oost", "west", "noord", "zuid", "van", "de", "den", "der", "het",
    "ter", "ten", "mr.", "generaal", "kapitein", "pastoor", "president", "jan", "johan",
    "anthony", "willem", "frans", "hendrik", "pieter", "kennemer", "eerste", "tweede",
    "derde", "binnen", "buiten",
}
STREET_WORD_RE = re.compile(rf"[{UPPER}][{LOWER}'’-]*(?:{'|'.join(STREET_SUFFIXES)})(?![\w])")
HOUSE_NUMBER_RE = re.compile(r"\s+(\d{1,4}(?:\s?[a-zA-Z](?![\w]))?(?:[-/ ](?:\d{1,4}|[a-zA-Z]|hs|bis|zw|rd)(?![\w]))?)")
NOT_STREETS = {"onderweg", "halfweg", "zoweg", "alweg", "wegweg", "hof", "park", "markt",
               "dam", "ring", "haven", "weg", "baan", "gang", "erf", "wal", "zijde", "pad"}
RESIDENCE_CUE_RE = re.compile(
    r"\b(?:woon\w*|wonen|wonend|verhuis\w*|adres|uit\s+de|uit\s+het|op\s+nummer)\b[^.;!?\n]{0,50}$",
    re.IGNORECASE,
)
# "de 93-jarige bewoner van de Dorpsstraat", "een huurder aan de Kerklaan": one person placed
# in a street also without a house number (plural "bewoners van de ..." is a group).
RESIDENT_CUE_RE = re.compile(
    r"\b(?:bewoner|bewoonster|huurder|huurster|inwoner|inwoonster|buurman|buurvrouw)"
    r"\s+(?:van|aan|in|op|uit)\s+(?:de|het)\s+$",
    re.IGNORECASE,
)

# --- phone numbers -----------------------------------------------------------------------

PHONE_START_RE = re.compile(r"(?<![\w+.,/-])(?:\+31|0031|\(?0)(?=[\s\-().]*\d)")
# Foreign numbers in international form: "+90 532 418 22 19", "+32 (0)470 12 34 56",
# "0049 30 1234567". E.164 allows at most 15 digits after the "+"; one separator between
# groups. Dutch numbers (+31, 0031) are read by find_phones.
INTERNATIONAL_PHONE_RE = re.compile(
    r"(?<![\w+])(?:\+|00(?=[1-9]\d{0,2}[\s\-.(]))(?!31\D)([1-9]\d(?:[\s\-./\u00a0]?(?:\(0\)\s?)?\d){6,13})(?!\d|[.,]\d)"
)
PHONE_SEPARATORS = " -().\u00a0/"

# --- ages --------------------------------------------------------------------------------

APPROX_BEFORE_RE = re.compile(
    r"\b(?:rond|ongeveer|ruim|bijna|circa|ca\.|boven|onder|ouder\s+dan|jonger\s+dan|tussen|"
    r"eind|begin|midden|vanaf|tot|plus|min|dan|pakweg|zo'n|rond\s+de|in\s+de)\s+(?:de\s+)?$",
    re.IGNORECASE,
)
AGE_RES = [
    re.compile(r"(?<![\w-])(\d{1,3})-jarige?(?![\w])", re.IGNORECASE),
    re.compile(r"\(\s*(\d{1,3})\s*(?:jaar|jr\.?)?\s*\)"),
    re.compile(r"(?<![\w-])(\d{1,3})\s+jaar\s+oud\b", re.IGNORECASE),
    re.compile(r"\b(?:leeftijd|leeftijd\s+van)\s*:?\s*(\d{1,3})(?!\d)", re.IGNORECASE),
    re.compile(
        r"\b(?:van|is|was|ben|werd|wordt)\s+(\d{1,3})\s+jaar\b"
        r"(?!\s*(?:lang|geleden|later|eerder|wacht|op\s+een|te\s+laat|te\s+lang|tot|en|-))",
        re.IGNORECASE,
    ),
]
# "een vrouw van 103 die ...": an age without "jaar" after a word for one person (not
# "een moeder van 3", a number of children, nor "een man van 80 kilo").
AGE_RES.append(re.compile(
    r"\b(?:man|vrouw|jongen|meisje|jongeman|jongedame|dame|heer|weduwe|weduwnaar|bewoner|"
    r"bewoonster|inwoner|inwoonster|cliënt|cliënte|patiënt|patiënte|jongere|oudere)\s+van\s+"
    r"(\d{1,3})(?=\s*(?:jaar\b|[,;:)!?]|\.(?!\d)|$)|\s+(?:die|dat|uit|met|zonder|en|wiens|wier)\b)",
    re.IGNORECASE,
))
RANGE_AFTER_RE = re.compile(r"^\s*(?:tot|en|-|–|à|of)\s*\d")
# "de oudste inwoner van Oudewater", "de enige bewoonster van het eiland": a description
# that fits one person in a community identifies that person, with or without an age.
UNIQUE_PERSON_RE = re.compile(
    r"\b(?:de|het)\s+(?:oudste|jongste|enige)\s+(?:\w+\s+){0,2}?"
    r"(?:inwoner|inwoonster|bewoner|bewoonster|burger|dorpsbewoner|dorpsgenoot|ingezetene|"
    r"eilander|eilandbewoner)\s+(?:van|in|uit|op)\s+(?:het\s+|de\s+)?[\w'-]+",
    re.IGNORECASE,
)

ARTICLE_RE = re.compile(
    r"\b(?:artikel|artikelen|art\.|lid|hoofdstuk|paragraaf|§)\s*\d+(?:[.:]\d+[a-z]?)*[a-z]?"
    r"(?:\s*(?:,|en|t/m|tot)\s*\d+(?:[.:]\d+[a-z]?)*)*(?:\s+lid\s+\d+)?(?:\s+(?:onder|sub)\s+[a-z]\b)?",
    re.IGNORECASE,
)

SENTENCE_END_RE = re.compile(r"[.!?](?=\s+[\"'“(]?[A-Z0-9])|\n+")


# --- context: a person, a case, or something public ---------------------------------------

# Words that put a sentence about one person or one person's case: a title, a family or
# care word, a personal pronoun, or a step in a case file.
PERSON_CUE_RE = re.compile(
    rf"\b(?:{TITLE}|(?i:{RELATIONS}|hij|zij|haar|hem|ik|mijn|me|mij|jij|jou|jouw|"
    r"aanvrager|aanvraagster|melder|inwoonster|gezin|familie|huishouden|"
    r"aanvraag|bezwaar|bezwaarschrift|klacht|melding|beschikking|afwijzing|dossier|uitkering|"
    r"indicatie|herindicatie|huisbezoek|keukentafelgesprek|gesprek|hoorzitting|ontruiming|"
    r"beslag|huurachterstand|opname|opgenomen|diagnose|afspraak|brief|"
    r"woont|woonde|wonen|woonachtig|verhuisde|verhuisd))(?![\w-])"
)
# Words that make a sentence about something public: a rule, a body of the municipality,
# an event or a group ("Wie na 30 juni reageert", "De gemeenteraad besprak ... op 18 september").
PUBLIC_CUE_RE = re.compile(
    r"\b(?:verordening\w*|regeling|beleidsregels?|beleid|wet|wetswijziging|gemeenteraad|"
    r"raadsvergadering|raadsleden|raadscommissie|college|wethouder|kabinet|minister|"
    r"staatssecretaris|provincie|Tweede\s+Kamer|inloopavond|informatieavond|bijeenkomst|"
    r"vergadering|themabijeenkomst|webinar|conferentie|symposium|storm|noodweer|overstroming|"
    r"wateroverlast|hittegolf|verkiezingen|wie|iedereen|huishoudens|inwoners|bewoners|"
    r"organiseert|organiseren|treedt|van\s+kracht|in\s+werking)(?![\w-])"
    r"|\b(?:raad|motie|amendement|raadsvoorstel|raadsbesluit|commissie)(?![\w-])"
    r"|\b\w+(?:vergadering|bijeenkomst|zitting|debat|commissie)(?![\w-])",
    re.IGNORECASE,
)
# An organisation's contact details: "bereikbaar op", "bel ... op", opening hours, a visit.
CONTACT_CUE_RE = re.compile(
    r"\b(?:bereikbaar|bel|bellen|telefonisch|tel\.|telefoonnummer|langskomen|langs\s+komen|"
    r"bezoekadres|postadres|gevestigd|openingstijden|geopend|spreekuur|inloopspreekuur)(?![\w-])"
    r"|\b(?:ma|di|wo|do|vr|maandag|dinsdag|woensdag|donderdag|vrijdag)\s*[-–t/m]+\s*(?:di|wo|do|vr|za|zo|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)\b"
    r"|\b\d{1,2}[.:]\d{2}\s*[-–]\s*\d{1,2}[.:]\d{2}\b",
    re.IGNORECASE,
)
# Buildings where an organisation receives the public.
PUBLIC_BUILDING_RE = re.compile(
    r"\b(?:gemeentehuis|stadhuis|stadskantoor|raadhuis|wijkcentrum|buurtcentrum|buurthuis|"
    r"bibliotheek|servicepunt|informatiepunt|loket|kantoor|dorpshuis|gezondheidscentrum)(?![\w-])",
    re.IGNORECASE,
)


def sentence_of(text, pos):
    for lo, hi in sentence_bounds(text):
        if lo <= pos < hi:
            return lo, hi
    return 0, len(text)


def is_public_date(text, start, name_spans=()):
    """A date in a sentence about something public and about no one in particular:
    "De gemeenteraad besprak het rapport op 18 september 2025", "Wie na 30 juni reageert".
    A date in a sentence about a person or a step in a case file stays personal data."""
    lo, hi = sentence_of(text, start)
    sentence = text[lo:hi]
    if any(lo <= s < hi for s, _ in name_spans) or PERSON_CUE_RE.search(sentence):
        return False
    return bool(PUBLIC_CUE_RE.search(sentence))


# --- helpers -----------------------------------------------------------------------------


def elfproef(digits):
    """The Dutch 'eleven test' of a BSN (8 or 9 digits)."""
    if not digits.isdigit() or len(digits) not in (8, 9):
        return False
    digits = digits.zfill(9)
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
    total -= int(digits[8])
    return total % 11 == 0 and int(digits) != 0


def iban_valid(iban):
    iban = re.sub(r"[\s.]", "", iban).upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}", iban):
        return False
    moved = iban[4:] + iban[:4]
    number = "".join(str(int(ch, 36)) for ch in moved)
    return int(number) % 97 == 1


def valid_day_month(day, month):
    return 1 <= day <= 31 and 1 <= month <= 12


def is_effective_date(text, start, day):
    """'per 1 januari 2025': a rule taking effect on the first of a month."""
    return day == 1 and bool(EFFECTIVE_DATE_RE.search(text[max(0, start - 20) : start]))


def is_initials_only(value):
    """'A', 'A.', 'A.B.', 'A. B.': letters used as a pseudonym, the advised way to anonymise."""
    return bool(re.fullmatch(rf"\s*(?:[{UPPER}]\.?\s*){{1,3}}", value))


def sentence_bounds(text):
    bounds, start = [], 0
    for match in SENTENCE_END_RE.finditer(text):
        bounds.append((start, match.end()))
        start = match.end()
    bounds.append((start, len(text)))
    return bounds


# --- the rules ---------------------------------------------------------------------------


def find_emails(text):
    from .allowlist import ROLE_MAILBOXES

    for m in EMAIL_RE.finditer(text):
        local = m.group().split("@", 1)[0].lower()
        if local in ROLE_MAILBOXES:
            continue
        yield m.start(), m.end(), "e-mailadres"


def _valid_phone(digits):
    if digits.startswith(("0800", "0900", "0906", "0909")):
        return 8 <= len(digits) <= 11
    return len(digits) == 10 and digits[1] != "0"


def find_phones(text):
    """Dutch numbers: 06-12345678, 023 - 531 22 33, +31 (0)6 1234 5678, 0800-1234."""
    from .allowlist import PUBLIC_NUMBERS

    pos = 0
    while m := PHONE_START_RE.search(text, pos):
        i = m.end()
        if m.group() in ("+31", "0031"):
            skip = re.match(r"\s*\(0\)", text[i:])
            if skip:
                i += skip.end()
        digits, gap, best = "0", 0, None
        while i < len(text) and len(digits) <= 11:
            ch = text[i]
            if ch.isdigit():
                digits += ch
                gap = 0
                next_is_digit = i + 1 < len(text) and text[i + 1].isdigit()
                if _valid_phone(digits) and not next_is_digit:
                    best = (i + 1, digits)
            elif ch in PHONE_SEPARATORS and gap < 3:
                gap += 1
            else:
                break
            i += 1
        if best is None:
            pos = m.end()
            continue
        end, number = best
        if number not in PUBLIC_NUMBERS:
            yield m.start(), end, "telefoonnummer"
        pos = end


def find_international_phones(text):
    for m in INTERNATIONAL_PHONE_RE.finditer(text):
        digits = re.sub(r"\D", "", m.group(1))
        if 8 <= len(digits) <= 15:
            yield m.start(), m.end(), "telefoonnummer"


def find_postcodes(text):
    for m in POSTCODE_RE.finditer(text):
        yield m.start(), m.end(), "postcode"


def find_ibans(text):
    for m in IBAN_RE.finditer(text):
        value = re.sub(r"[\s.]", "", m.group(1))
        if NL_IBAN_RE.match(value) or iban_valid(value):
            yield m.start(1), m.end(1), "iban"


def find_bsn(text):
    for m in NINE_DIGITS_RE.finditer(text):
        digits = re.sub(r"\D", "", m.group(1))
        context = BSN_CONTEXT_RE.search(text[max(0, m.start() - 60) : m.start()])
        kind = "bsn" if elfproef(digits) or context else "dossiernummer"
        yield m.start(1), m.end(1), kind
    for m in BSN_SPACED_RE.finditer(text):
        yield m.start(1), m.end(1), "bsn"


def find_plates(text):
    for m in PLATE_RE.finditer(text):
        yield m.start(), m.end(), "kenteken"
    for m in PLATE_CONTEXT_RE.finditer(text):
        value = m.group(1)
        if re.search(r"\d", value) and re.search(r"[A-Za-z]", value):
            yield m.start(1), m.end(1), "kenteken"


def find_file_numbers(text):
    for m in FILE_KEYWORD_RE.finditer(text):
        value = m.group(1).rstrip(".-/")
        end = m.start(1) + len(value)
        digits = re.sub(r"\D", "", value)
        if len(digits) < 3 or re.fullmatch(r"(?:19|20)\d{2}", value):
            continue
        if m.group(0).lower().startswith("nummer") and len(digits) < 4:
            continue
        if digits.startswith("0") and _valid_phone(digits):
            continue  # "het nummer 0800-2000": a phone number; find_phones judges it
        yield m.start(1), end, "dossiernummer"
    for pattern in CODE_RES:
        for m in pattern.finditer(text):
            if YEAR_RANGE_RE.match(m.group()):
                continue
            yield m.start(), m.end(), "dossiernummer"


def find_dates(text):
    for m in WRITTEN_DATE_RE.finditer(text):
        day = int(m.group(1))
        month = MONTHS[m.group(2).rstrip(".").lower()]
        if not valid_day_month(day, month) or is_effective_date(text, m.start(), day):
            continue
        yield m.start(), m.end(), _date_kind(text, m.start())
    for m in NUMERIC_DATE_RE.finditer(text):
        day, month = int(m.group(1)), int(m.group(3))
        if m.group(2) == "." and len(m.group(4)) == 2:
            continue  # 12.30.45 is a time, not a date
        if valid_day_month(day, month) and not is_effective_date(text, m.start(), day):
            yield m.start(), m.end(), _date_kind(text, m.start())
    for m in ISO_DATE_RE.finditer(text):
        if valid_day_month(int(m.group(3)), int(m.group(2))):
            yield m.start(), m.end(), _date_kind(text, m.start())
    for m in MONTH_TEXT_DATE_RE.finditer(text):
        if 1 <= int(m.group(1)) <= 31:
            yield m.start(), m.end(), _date_kind(text, m.start())
    for m in BIRTH_RE.finditer(text):
        yield m.start(1), m.end(1), "geboortedatum"


def _date_kind(text, start):
    if BIRTH_CONTEXT_RE.search(text[max(0, start - 40) : start]):
        return "geboortedatum"
    return "datum"


def find_streets(text):
    for m in STREET_WORD_RE.finditer(text):
        word = m.group()
        lowered = word.lower()
        start = m.start()
        # extend to the left over "Burgemeester", "Van", "Grote" ...
        while True:
            before = text[:start]
            prev = re.search(rf"(?:^|\s)([{UPPER}][\w.'’-]*)\s+((?:van|de|den|der|ter|ten|het)\s+)?$", before)
            if not prev or prev.group(1).lower() not in STREET_MODIFIERS:
                break
            start = prev.start(1)
        has_modifier = start < m.start()
        if lowered in NOT_STREETS and not has_modifier:
            continue
        number = HOUSE_NUMBER_RE.match(text, m.end())
        if number and not re.fullmatch(r"(?:19|20)\d{2}", number.group(1).strip()):
            yield start, number.end(1), "adres"
        elif RESIDENCE_CUE_RE.search(text[max(0, start - 70) : start]) or RESIDENT_CUE_RE.search(
            text[max(0, start - 40) : start]
        ):
            yield start, m.end(), "adres"


def _name_ok(candidate, known_names=None):
    words = [w for w in re.split(r"\s+", candidate.strip()) if w]
    if not words:
        return False
    head = words[0].strip(".,")
    if head.lower() in STOP_WORDS:
        return False
    if is_initials_only(candidate):
        return False
    if candidate.isupper():
        return False  # acronyms: MEE, AKJ, UWV
    return True


def _trim_name(value):
    """Drop trailing words that are stop words or street names ("Fatima de Zijlweg")."""
    words = value.split()
    while len(words) > 1 and (
        words[-1].lower().strip(".,") in STOP_WORDS or STREET_WORD_RE.fullmatch(words[-1])
    ):
        words.pop()
        while len(words) > 1 and re.fullmatch(INTERFIX, words[-1]):
            words.pop()
    return " ".join(words)


TITLE_NAME_RE = re.compile(rf"\b{TITLE}\s+((?:{INITIALS}\s*)?{NAME}(?:\s+{NAME_WORD})?)")
RELATION_NAME_RE = re.compile(
    rf"\b(?i:{RELATIONS})\s*,?\s+((?:{INITIALS}\s*)?{NAME}(?:\s+(?:{INTERFIX}\s+){{0,3}}{NAME_WORD})?)"
)
NAMING_RE = re.compile(rf"\b{NAMING_VERBS}\s+({FULL_NAME})")


def find_names(text, is_known_name=None):
    """Names after a title ("mevrouw Kaya"), a family or care word ("zijn dochter Eva") or a
    naming verb ("genaamd Piet"). Letters used as pseudonyms ("mevrouw A.") are left alone.

    After a family or care word a capitalised word may also be a department or a language
    ("de klantmanager Werk en Inkomen", "de moeder Marokkaans"), so there the word must be a
    known first name or surname (`is_known_name`), or be followed by a second name word.
    """
    for pattern in (TITLE_NAME_RE, RELATION_NAME_RE, NAMING_RE):
        for m in pattern.finditer(text):
            value = m.group(1)
            if pattern is RELATION_NAME_RE and not re.match(rf"[{UPPER}]|{INTERFIX}\s+[{UPPER}]", value):
                continue
            # RELATIONS is case-insensitive; the name itself must be capitalised
            first = re.search(rf"[{UPPER}{LOWER}]", value)
            if first is None:
                continue
            value = _trim_name(value)
            # a pseudonym letter followed by the next sentence: "meneer B. Daarna ..."
            initials = re.match(INITIALS, value)
            if initials and re.match(rf"\s*[{UPPER}]", value[initials.end():]):
                rest = value[initials.end():].strip()
                if rest.split()[0].lower() in STOP_WORDS or _sentence_break(text, m.start(1) + initials.end()):
                    continue
            if not _name_ok(value):
                continue
            if pattern is RELATION_NAME_RE and is_known_name is not None:
                words = [w for w in value.split() if not re.fullmatch(INTERFIX, w)]
                if len(words) < 2 and not is_known_name(words[0].strip(".,")):
                    continue
            start = m.start(1)
            # leave out leading initials that belong to the name? keep them: "J. Jansen"
            yield start, start + len(value), "naam"


def _sentence_break(text, pos):
    """Whether the initials' full stop at `pos` ends a sentence (a new clause follows)."""
    rest = text[pos:].lstrip()
    following = re.match(r"(\w+)\s+(\w+)", rest)
    if not following:
        return False
    # A verb-like lowercase word after one capitalised word means a new sentence subject.
    return following.group(2).islower() and following.group(2) not in {"van", "de", "der", "den"}


def find_unique_descriptions(text):
    for m in UNIQUE_PERSON_RE.finditer(text):
        yield m.start(), m.end(), "kenmerk"


def find_ages(text):
    for pattern in AGE_RES:
        for m in pattern.finditer(text):
            age = int(m.group(1))
            if age > 115:
                continue
            if APPROX_BEFORE_RE.search(text[max(0, m.start() - 25) : m.start()]):
                continue
            if RANGE_AFTER_RE.match(text[m.end(1) :]) or re.search(r"(?:\b(?:tot|en)|[-–])\s*$", text[max(0, m.start(1) - 6) : m.start(1)]):
                continue
            yield m.start(1), m.end(1), "leeftijd"


RULES = [
    find_emails, find_phones, find_international_phones, find_postcodes, find_ibans,
    find_bsn, find_plates, find_file_numbers, find_dates, find_streets, find_unique_descriptions,
]
