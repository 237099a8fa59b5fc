# ruff: noqa: E501 (long regular expressions read better on one line)
"""Indirect identifiers: details that point at one person without a name.

Each rule yields `(start, end, kind)`, like `rules.py`. Classes, not phrases:
- social media: handles (@naam), profile addresses, a platform with an account name;
- e-mail addresses written to dodge filters ("jan [at] gmail [punt] com");
- a house number given apart from the street ("ze woont op nummer 14");
- a date or year of birth in other words ("in 1950 geboren", "geboren in mei 2019");
- a child's school: a named school in a sentence about a child;
- descriptions that fit one person: "de enige/oudste/eerste <person> in/van <place>",
  a person tied to a news item or an event ("de jongen die in de krant stond na de brand"),
  a former trade with a place ("een oud-huisarts uit Spaarndam");
- names written in lower case ("jan de vries uit zwolle"): a known first name that is not an
  everyday word, then an interfix or a known surname.
Word lists are data: words/*.txt.
"""

import re
from pathlib import Path

from . import rules

WORDS = Path(__file__).resolve().parent / "words"


def _words(name):
    lines = (WORDS / name).read_text(encoding="utf-8").splitlines()
    return sorted({w.strip() for w in lines if w.strip() and not w.startswith("#")},
                  key=len, reverse=True)


def _alternation(words):
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)


PERSON = _alternation(_words("personen.txt"))
SCHOOL = _alternation(_words("scholen.txt"))
MEDIA = _alternation(_words("media.txt"))
EVENT = _alternation(_words("gebeurtenissen.txt"))
UP = rules.UPPER
LOW = rules.LOWER
PROPER = rf"[{UP}][\w'’-]*"
PLACE = rf"(?:{PROPER}(?:[\s-]+(?:aan|op|bij|de|den|ter|in)?\s*{PROPER})?)"

# --- social media ------------------------------------------------------------------------

PLATFORMS = r"instagram|insta|tiktok|snapchat|snap|facebook|twitter|telegram|discord|youtube|twitch|threads|linkedin|bluesky|x"
HANDLE_RE = re.compile(r"(?<![\w@.+-])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{1,29})(?<!\.)(?![\w@-]|\.[A-Za-z]{2,}\b)")
PROFILE_URL_RE = re.compile(
    r"(?<![\w/])(?:https?://)?(?:www\.|m\.)?(?:facebook|fb|instagram|tiktok|twitter|x|linkedin|snapchat|youtube|threads|twitch)\.com/(?:in/|@)?[\w.\-]{2,}(?:/[\w.\-]*)*",
    re.IGNORECASE,
)
PLATFORM_NAME_RE = re.compile(
    rf"\b(?i:{PLATFORMS})(?:-?(?:account|naam|profiel|pagina|kanaal))?\s*(?:als|:|onder\s+de\s+naam|met\s+de\s+naam|heet|genaamd|is)\s*[\"'“‘]?(@?[A-Za-z0-9_.]{{3,30}})(?<![.])",
)
# Accounts of organisations start with what they are: @gemeentehaarlem, @wijkteam_noord.
ORGANISATION_HANDLE_RE = re.compile(
    r"^(?:@|.*\.com/(?:@)?)?(?:gemeente|wijkteam|stichting|loket|signaleerpunt|ombudsman|"
    r"politie|ggd|bibliotheek|buurthuis|sociaalwijkteam|sociaal_wijkteam|veiligthuis|rijksoverheid)",
    re.IGNORECASE,
)
NOT_HANDLES = {"een", "het", "de", "hij", "zij", "ze", "haar", "zijn", "gewoon", "privé", "prive"}

# --- e-mail written out ------------------------------------------------------------------

SPELLED_EMAIL_RE = re.compile(
    r"(?<![\w.])[\w.+-]{2,}\s*(?:\[at\]|\(at\)|\{at\}|\s+at\s+|\s+apenstaartje\s+|\s+@\s+)\s*[\w-]{2,}"
    r"(?:\s*(?:\[dot\]|\(dot\)|\[punt\]|\(punt\)|\s+dot\s+|\s+punt\s+|\.)\s*[\w-]{2,})*"
    r"\s*(?:\[dot\]|\(dot\)|\[punt\]|\(punt\)|\s+dot\s+|\s+punt\s+|\.)\s*(?:nl|com|be|org|net|eu|de|info|fr|uk)\b",
    re.IGNORECASE,
)

# --- a house number without the street -----------------------------------------------------

HOUSE_NUMBER_RE = re.compile(
    r"\b(?:huisnummer|huisnr\.?|op\s+nummer|nummer|nr\.?)\s*(\d{1,4}(?:\s?[a-zA-Z](?![\w])|-\d{1,3}(?![\d]))?)(?![\d,.]\d)",
    re.IGNORECASE,
)
HOME_CUE_RE = re.compile(
    r"\b(?:woon\w*|wonen|woont|woonde|huis|huisje|flat|portiek|galerij|appartement|woning|"
    r"bovenwoning|benedenwoning|deur|voordeur|adres|buren|naast|tegenover|verhuis\w*|"
    r"verdieping|etage|straat|hofje|complex)\b",
    re.IGNORECASE,
)
LIVES_AT_RE = re.compile(
    r"\b(?:woont|woonde|wonen|woonachtig)\b[^.;!?\n]{0,40}?\bop\s+(\d{1,4}[a-zA-Z]?)(?![\w,:/-]|[.,]\d|\s*(?:hoog|jaar|procent|%|km|kilometer|meter|minuten|uur|dagen|weken|maanden|kinderen|personen|mensen|m2|vierkante)\b)",
    re.IGNORECASE,
)

# --- birth -------------------------------------------------------------------------------

BIRTH_YEAR_BEFORE_RE = re.compile(
    r"\b(?:in\s+)?((?:19|20)\d{2}|'\d{2})\s+(?:is\s+|werd\s+|was\s+)?(?:\w+\s+){0,2}?geboren\b", re.IGNORECASE
)
BIRTH_MONTH_RE = re.compile(
    rf"\b(?:geboren|geb\.|geboortedatum|geboortemaand)\s*(?:op|in|:|is|was)?\s*((?:{rules.MONTH})\s+(?:(?:19|20)\d{{2}}|'\d{{2}}))",
    re.IGNORECASE,
)
BIRTHDAY_RE = re.compile(
    rf"\b(?:jarig|verjaardag|verjaart)\b[^.;!?\n]{{0,20}}?\b(\d{{1,2}}(?:e|ste|de)?\s+(?:{rules.MONTH})|\d{{1,2}}[-/.]\d{{1,2}}(?![-/.]?\d))",
    re.IGNORECASE,
)

# --- a child's school --------------------------------------------------------------------

NOT_ARTICLE = r"(?!(?:De|Het|Een|Die|Deze|Dit|Dat|Onze|Zijn|Haar|Hun|Elke|Iedere|Welke|Op|In|Naar)\b)"
SCHOOL_NAME_RE = re.compile(
    rf"(?:\b(?i:{SCHOOL})\s+(?:(?i:de|het|'t|den)\s+)?{PROPER}(?:\s+(?:{PROPER}|(?i:de|het|van|der)))*(?<![\s])"
    rf"|\b{PROPER}(?i:school|college|lyceum|gymnasium|kindcentrum|kindercentrum)\b"
    rf"|\b(?:(?i:het|de)\s+)?{NOT_ARTICLE}{PROPER}[\s-](?i:college|lyceum|gymnasium|school|kindcentrum)\b)"
)
ATTENDS_RE = re.compile(
    rf"\b(?:zit|zat|zitten|gaat|ging|gaan|leerling|leerlinge|groep\s+\d|klas\s+\w+|brugklas|kleuterklas)\s+"
    rf"(?:(?i:nu|al|sinds\s+\w+|nog|dit\s+jaar)\s+)?(?:op|naar|van|bij|in)\s+(?:(?i:de|het|'t)\s+)?((?:(?i:de|het|'t)\s+)?{PROPER}(?:\s+{PROPER})*)"
)
CHILD_CUE_RE = re.compile(
    r"\b(?:zoon|zoontje|dochter|dochtertje|kind|kinderen|kindje|kleinzoon|kleindochter|"
    r"pleegkind|pleegzoon|pleegdochter|stiefzoon|stiefdochter|broertje|zusje|jongen|meisje|"
    r"leerling|leerlinge|kleuter|peuter|scholier|tiener|puber|jongere|groep\s+\d|brugklas|"
    r"klas|juf|meester|mentor|leerplicht\w*)\b",
    re.IGNORECASE,
)

# --- descriptions that fit one person ----------------------------------------------------

ONE_OF_A_KIND_RE = re.compile(
    rf"\b(?i:de|het|die|een\s+van\s+de\s+weinige)\s+(?i:enige|oudste|jongste|eerste|laatste|bekende|bekendste|beroemde|beroemdste|rijkste|langst\s+wonende)\s+"
    rf"(?:[\w'’-]+\s+){{0,3}}?(?i:{PERSON})(?:s|en|nen)?\s+(?i:van|in|uit|op|bij|aan|binnen)\s+(?:(?i:de|het|onze|ons|dit|deze)\s+)?[\w'’-]+"
)
# "die als enige nog op het woonwagenkamp in Bloemendaal woont", "als enige vrouwelijke
# buschauffeur van de lijn naar Zandvoort": a claim that only this person fits.
ONLY_ONE_RE = re.compile(
    r"\bals\s+(?:de\s+)?enige\b[^.;!?\n]{0,60}?\b(?:in|op|van|uit|bij|aan|naar)\s+(?:de\s+|het\s+)?[\w'’-]+",
    re.IGNORECASE,
)
# A newspaper or broadcaster by name: "in het Haarlems Dagblad", "op NH Nieuws".
NAMED_MEDIA = (
    rf"(?:in|op)\s+(?:de|het)?\s*(?:{PROPER}\s+)*(?i:krant|dagblad|courant|nieuwsblad|journaal|"
    rf"nieuws|post|bode|gids|stadsblad|weekblad)\b"
)
GROUP_OF_PEOPLE = r"tweeling|echtpaar|stel|gezin|broers|zussen|broer\s+en\s+zus|drieling"
NEWS_PERSON_RE = re.compile(
    rf"\b(?i:de|het|die|dat)\s+(?:[\w'’-]+\s+){{0,2}}?(?i:{PERSON}|{GROUP_OF_PEOPLE})"
    rf"(?:\s+(?i:van|uit|aan|in)\s+(?:[\w'’-]+\s+){{0,3}}?[\w'’-]+)?\s*,?\s+(?:(?i:die|dat|van\s+wie|wiens|wier)\b)[^.;!?\n]{{0,80}}?"
    rf"(?:(?:\b(?i:{MEDIA})\b|\b{NAMED_MEDIA})(?:[^.;!?\n]{{0,40}}?\b(?i:de|het)\s+(?:[\w-]+\s+)?(?i:{EVENT})\b|\s+\w+\s+(?i:vanwege|na|om|door|met)\s+[^.;!?\n]{{0,40}})?"
    rf"|\b(?i:de|het)\s+(?:[\w-]+\s+)?(?i:{EVENT})\b(?:\s+(?:in|op|aan|bij)\s+(?:de\s+|het\s+)?{PROPER})?)"
)
# "oud-wethouder", "voormalig directeur", "vroeger de huisarts van Vogelenzang": a former
# trade, with a place anywhere in the same sentence.
FORMER_TRADE_RE = re.compile(
    rf"\b(?i:oud-|ex-|voormalige?\s+|gepensioneerde?\s+|vroegere?\s+(?:de\s+|het\s+|een\s+)?|"
    rf"voorheen\s+(?:de\s+|een\s+)?|gewezen\s+)(?i:{PERSON})\b"
    rf"(?:\s+(?i:van|uit|in|te|bij)\s+(?:(?i:de|het)\s+)?[\w'’-]+)?"
)
PLACE_IN_SENTENCE_RE = re.compile(
    rf"\b(?:uit|in|te|van|bij|op)\s+(?:(?:de|het)\s+(?:dorp|plaats|kern|wijk|buurt|bibliotheek|school|"
    rf"kerk|moskee|praktijk|club|vereniging|gemeente)\b|{PROPER})"
)
TRADE_WITH_AGE_AND_PLACE_RE = re.compile(
    rf"\b\d{{1,3}}-jarige\s+(?:[\w'’-]+\s+){{0,2}}?(?i:{PERSON})\s+(?:uit|in|van|te)\s+{PLACE}"
)

# --- names in lower case -----------------------------------------------------------------

LOWER_INTERFIX = r"(?:van|de|der|den|ter|ten|te|el|al|ben|abu|van\s+de|van\s+der|van\s+den|van\s+'t|in\s+'t|op\s+de)"
# Overlapping on purpose (a lookahead): "bezwaar fatima el amrani" is tried at every word.
LOWER_NAME_RE = re.compile(
    rf"(?<![\w@./-])(?=([{LOW}]{{2,}})[\s-]+(?:({LOWER_INTERFIX})[\s-]+)?([{LOW}]{{2,}})(?![\w@]))"
)
LOWER_TITLE_RE = re.compile(
    rf"\b(?:mevrouw|mevr\.|mw\.|meneer|mijnheer|dhr\.|de\s+heer|{rules.RELATIONS})\s*,?\s+"
    rf"((?:{LOWER_INTERFIX}\s+)?[{LOW}]{{3,}}(?:-[{LOW}]{{2,}})?)(?![\w@-])",
    re.IGNORECASE,
)


# --- rules -------------------------------------------------------------------------------


def find_social_media(text):
    for m in HANDLE_RE.finditer(text):
        if re.search(r"[A-Za-z]", m.group()) and not ORGANISATION_HANDLE_RE.search(m.group()):
            yield m.start(), m.end(), "social-media"
    for m in PROFILE_URL_RE.finditer(text):
        if not ORGANISATION_HANDLE_RE.search(m.group()):
            yield m.start(), m.end(), "social-media"
    for m in PLATFORM_NAME_RE.finditer(text):
        handle = m.group(1)
        if handle.lower().lstrip("@") in NOT_HANDLES or handle.lower() in rules.STOP_WORDS:
            continue
        yield m.start(1), m.end(1), "social-media"


def find_spelled_emails(text):
    for m in SPELLED_EMAIL_RE.finditer(text):
        if "@" in m.group() and rules.EMAIL_RE.fullmatch(m.group()):
            continue  # an ordinary address: rules.find_emails judges it
        yield m.start(), m.end(), "e-mailadres"


def find_house_numbers(text):
    for m in HOUSE_NUMBER_RE.finditer(text):
        lo, hi = rules.sentence_of(text, m.start())
        keyword = m.group().split()[0].lower()
        if keyword.startswith("huis") or HOME_CUE_RE.search(text[lo:hi]):
            yield m.start(1), m.end(1), "adres"
    for m in LIVES_AT_RE.finditer(text):
        after = text[m.end(1):m.end(1) + 12]
        if re.match(rf"\s*(?:{rules.MONTH})", after, re.IGNORECASE):
            continue  # "woont sinds ... op 14 maart": a date
        yield m.start(1), m.end(1), "adres"


def find_births(text):
    for pattern in (BIRTH_YEAR_BEFORE_RE, BIRTH_MONTH_RE, BIRTHDAY_RE):
        for m in pattern.finditer(text):
            value = m.group(1).rstrip(".")
            yield m.start(1), m.start(1) + len(value), "geboortedatum"


def find_schools(text):
    spans = [(m.start(), m.end()) for m in SCHOOL_NAME_RE.finditer(text)]
    spans += [(m.start(1), m.end(1)) for m in ATTENDS_RE.finditer(text)
              if m.group(1).split()[-1].lower() not in rules.STOP_WORDS]
    for start, end in spans:
        lo, hi = rules.sentence_of(text, start)
        if CHILD_CUE_RE.search(text[lo:hi]):
            yield start, end, "school"


def find_descriptions(text):
    for pattern in (ONE_OF_A_KIND_RE, ONLY_ONE_RE, NEWS_PERSON_RE, TRADE_WITH_AGE_AND_PLACE_RE):
        for m in pattern.finditer(text):
            yield m.start(), m.end(), "kenmerk"
    for m in FORMER_TRADE_RE.finditer(text):
        lo, hi = rules.sentence_of(text, m.start())
        if PLACE_IN_SENTENCE_RE.search(text, lo, hi):
            yield m.start(), m.end(), "kenmerk"


def find_lowercase_names(text, is_first_name, is_surname, is_common_word):
    """'jan de vries', 'mevrouw kaya', 'zijn dochter eva' written in lower case."""
    def cap(word):
        return "-".join(p[:1].upper() + p[1:] for p in word.split("-"))

    def plain(word):
        return word in rules.STOP_WORDS or is_common_word(word)

    for m in LOWER_NAME_RE.finditer(text):
        first, interfix, last = m.group(1), m.group(2), m.group(3)
        if plain(first) or not is_first_name(cap(first)):
            continue
        if plain(last):
            continue
        # a first name and an interfix ("fatima el amrani") name a person; without one
        # the second word must be a known surname ("piet jansen")
        if not interfix and not is_surname(cap(last)):
            continue
        yield m.start(1), m.end(3), "naam"
    for m in LOWER_TITLE_RE.finditer(text):
        value = m.group(1)
        words = value.split()
        last = words[-1]
        if plain(last) and len(words) == 1:
            continue
        if is_first_name(cap(last)) or is_surname(cap(last)):
            yield m.start(1), m.end(1), "naam"


RULES = [find_social_media, find_spelled_emails, find_house_numbers, find_births,
         find_schools, find_descriptions]
