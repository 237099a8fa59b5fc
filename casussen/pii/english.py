# ruff: noqa: E501 (long regular expressions read better on one line)
"""English case texts: the forms of personal data the Dutch rules do not know.

The site publishes English translations of case stories, so the guard must also stop a
name, a date or an address written the English way: "Mrs Hughes", "her neighbour Kevin",
"a man named Bartholomew", "12 March 2024", "March 3, 2024", "14 Church Street". Deduce and
the Dutch rules still run on English text (they find phone numbers, e-mail addresses, IBANs
and most first names); these rules come on top. They look for English words only, so they
do not change what is found in Dutch text.

In English text a few short words that are also Dutch first names ("An older woman ...")
are not names (`is_function_word`).
"""

import re

from .rules import INITIALS, LOWER, NAME_WORD, UPPER

TITLES_EN = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Sir|Madam|Madame|Lady|Lord|Mister|Nurse|Doctor|Auntie|Uncle)\.?"
# Words for people around a resident; a known name or two name words after them is a name.
RELATIONS_EN = (
    "father|mother|parents?|son|daughter|brother|sister|grandmother|grandfather|grandma|"
    "grandpa|granddaughter|grandson|aunt|uncle|nephew|niece|cousin|husband|wife|spouse|"
    "partner|ex-partner|boyfriend|girlfriend|friend|neighbour|neighbor|carer|caregiver|"
    "child|baby|stepfather|stepmother|stepson|stepdaughter|foster child|foster mother|"
    "foster father|guardian|consultant|case manager|client manager|social worker|nurse|"
    "doctor|GP|therapist|psychologist|lawyer|teacher|mentor|coach|worker|officer|manager|"
    "colleague|client|resident|tenant|pupil|student|boy|girl|lady|gentleman"
)
NAMING_EN = r"(?:named|called|known as|whose name is|by the name of|goes by|nicknamed)"
MONTHS_EN = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
MONTH_EN = "(?:" + "|".join(sorted(MONTHS_EN, key=len, reverse=True)) + r")\.?"
ORDINAL = r"(\d{1,2})(?:st|nd|rd|th)?"
STREET_TYPES = (
    "Street|St|Road|Rd|Lane|Ln|Avenue|Ave|Drive|Dr|Close|Court|Ct|Way|Place|Pl|Square|Sq|"
    "Crescent|Gardens|Terrace|Grove|Row|Walk|Mews|Parade|Hill|Boulevard|Blvd"
)
STREET_NAME = rf"{NAME_WORD}(?:\s+{NAME_WORD}){{0,2}}\s+(?:{STREET_TYPES})\b"

TITLE_NAME_RE = re.compile(rf"\b{TITLES_EN}\s+(?:and\s+{TITLES_EN}\s+)?((?:{INITIALS}\s*)?{NAME_WORD}(?:[\s-]+{NAME_WORD})?)")
RELATION_NAME_RE = re.compile(rf"\b(?i:{RELATIONS_EN})\s*,?\s+({NAME_WORD}(?:\s+{NAME_WORD})?)")
NAMING_RE = re.compile(rf"\b{NAMING_EN}\s+({NAME_WORD}(?:\s+{NAME_WORD})?)")
DAY_MONTH_RE = re.compile(rf"(?<![\w-]){ORDINAL}(?:\s+of)?\s+({MONTH_EN})(?:,?\s+((?:19|20)\d{{2}}))?(?![\w-])", re.IGNORECASE)
MONTH_DAY_RE = re.compile(rf"(?<![\w-])({MONTH_EN})\s+{ORDINAL}(?:,?\s+((?:19|20)\d{{2}}))?(?![\w-])", re.IGNORECASE)
BIRTH_CONTEXT_RE = re.compile(r"\b(?:born|birth|date of birth|birthday|DOB)\W+(?:\w+\W+){0,2}$", re.IGNORECASE)
NUMBER_STREET_RE = re.compile(rf"(?<![\w-])(\d{{1,4}}[a-zA-Z]?),?\s+({STREET_NAME})")
STREET_NUMBER_RE = re.compile(rf"(?<![\w-])({STREET_NAME})\s+(\d{{1,4}}[a-zA-Z]?)(?![\w-])")

# Words a name list may hold but that are not names in an English sentence.
FUNCTION_WORDS = {
    "a", "an", "and", "as", "at", "be", "by", "do", "he", "her", "his", "i", "if", "in",
    "is", "it", "me", "my", "no", "of", "on", "or", "so", "the", "to", "up", "us", "we",
    "will", "may", "can", "june", "april", "august", "after", "before", "then", "when",
    "she", "they", "their", "this", "that", "there", "with", "without", "our", "nobody",
    "everyone", "together", "within", "since", "until", "both", "each", "one", "two",
}
# A name that is also a word people write at the start of a sentence: not enough alone.
NOT_NAMES = {
    "Mrs", "Mr", "Ms", "Miss", "Dr", "The", "A", "An", "He", "She", "They", "We", "It",
    "Wmo", "Work", "Income", "Municipality", "Youth", "Care", "Social", "Debt", "National",
}

EN_WORDS = {"the", "and", "of", "to", "was", "with", "her", "his", "she", "he", "is", "for",
            "they", "not", "we", "a", "an", "about", "who", "what", "did", "got", "from"}
NL_WORDS = {"de", "het", "een", "en", "van", "niet", "met", "zij", "hij", "wij", "zijn",
            "haar", "voor", "op", "dat", "die", "ook", "naar", "maar", "er", "kreeg"}


def looks_english(text):
    """Whether more English than Dutch function words occur in `text` (a cheap guess)."""
    words = re.findall(rf"[{UPPER}{LOWER}]+", text.lower())
    english = sum(word in EN_WORDS for word in words)
    dutch = sum(word in NL_WORDS for word in words)
    return english > dutch


def is_function_word(value):
    return value.strip(" .,;:").lower() in FUNCTION_WORDS


def _valid(day, month):
    return 1 <= day <= 31 and 1 <= month <= 12


def _date_kind(text, start):
    return "geboortedatum" if BIRTH_CONTEXT_RE.search(text[max(0, start - 40) : start]) else "datum"


def find_dates(text):
    for m in DAY_MONTH_RE.finditer(text):
        if _valid(int(m.group(1)), MONTHS_EN[m.group(2).rstrip(".").lower()]):
            yield m.start(), m.end(), _date_kind(text, m.start())
    for m in MONTH_DAY_RE.finditer(text):
        # "May 2025" is a month, and "may 3 people" is not a date: the month needs a capital
        if not m.group(1)[0].isupper():
            continue
        if _valid(int(m.group(2)), MONTHS_EN[m.group(1).rstrip(".").lower()]):
            yield m.start(), m.end(), _date_kind(text, m.start())


def find_addresses(text):
    for m in NUMBER_STREET_RE.finditer(text):
        yield m.start(), m.end(), "adres"
    for m in STREET_NUMBER_RE.finditer(text):
        if not re.fullmatch(r"(?:19|20)\d{2}", m.group(2)):
            yield m.start(), m.end(), "adres"


def find_names(text, is_known_name=None):
    """Names after an English title, a family or care word, or a naming verb. Letters used
    as pseudonyms ("Mrs A.", "Mr B. and his son") are left alone.

    A single word after a family word or a naming verb, or after initials ("Mr C. Complaints
    ..."), must be a known first name or surname (`is_known_name`); after a title it is a
    name anyway ("Mrs Okonkwo")."""
    for pattern in (TITLE_NAME_RE, RELATION_NAME_RE, NAMING_RE):
        for m in pattern.finditer(text):
            value = m.group(1).rstrip(" .,;:")
            initials = re.match(INITIALS, value)
            rest = value[initials.end():] if initials else value
            words = rest.split()
            if not words or words[0] in NOT_NAMES or words[0].lower() in FUNCTION_WORDS:
                continue
            if rest.isupper():
                continue  # acronyms: MEE, GGD
            while len(words) > 1 and (
                words[-1] in NOT_NAMES or words[-1].lower() in FUNCTION_WORDS
            ):
                words.pop()
            # after a title or "named" a single word is a name; "called" may be a verb
            strong = pattern is TITLE_NAME_RE or (
                pattern is NAMING_RE and not m.group(0).lower().startswith("called")
            )
            if (initials or not strong) and len(words) < 2:
                if is_known_name is None or not is_known_name(words[0].strip(".,")):
                    continue
            end = m.start(1) + value.rfind(words[-1]) + len(words[-1])
            yield m.start(1), end, "naam"


def find(text, is_known_name=None):
    """All English-form candidates in `text` as (start, end, kind)."""
    yield from find_dates(text)
    yield from find_addresses(text)
    yield from find_names(text, is_known_name)
