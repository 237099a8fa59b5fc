"""Personal-data scanner for case stories: `scan(text) -> list[Finding]`.

Combines `deduce` (Dutch de-identification, loaded once per process on first use) with the
project's own rules in `rules.py`, and for English case texts the rules in `english.py`
(English titles, family words, written dates and street addresses). Not personal data:
organisation and municipality names (see `allowlist.py`), quarters and counts, age ranges,
and single letters used as pseudonyms ("mevrouw A."). An exact age is only reported when
the same sentence holds another identifying detail (an age on its own identifies nobody;
with a street it may, and so it does with a description that fits one person: "de oudste
inwoner van Oudewater").
"""

import re
from collections import OrderedDict
from dataclasses import asdict, dataclass

from . import allowlist, english, indirect, normalise, rules

KIND_LABELS = {
    "naam": "naam",
    "adres": "adres",
    "postcode": "postcode",
    "telefoonnummer": "telefoonnummer",
    "e-mailadres": "e-mailadres",
    "bsn": "burgerservicenummer (BSN)",
    "iban": "rekeningnummer (IBAN)",
    "datum": "precieze datum",
    "geboortedatum": "geboortedatum",
    "dossiernummer": "dossier-, cliënt- of zaaknummer",
    "kenteken": "kenteken",
    "leeftijd": "leeftijd (met andere herkenbare details)",
    "kenmerk": "kenmerk dat maar bij één persoon past",
    "school": "school van een kind",
    "social-media": "social-media-account",
    "te-lang": "tekst te lang om te controleren (maak hem korter of verdeel hem)",
    "niet-beschikbaar": (
        "De privacycontrole is nu niet beschikbaar, dus publiceren kan niet. Uw tekst is "
        "bewaard. Vraag de beheerder de site opnieuw te starten met ‘make serve’."
    ),
}

# Longer texts are not scanned (a case story field is a few paragraphs): they are one
# finding, so they cannot be published unchecked, and a request never hangs on them.
MAX_SCAN_CHARS = 10_000

# When two findings overlap, the more specific kind names the merged finding.
PRIORITY = [
    "iban", "bsn", "e-mailadres", "telefoonnummer", "kenteken", "postcode", "geboortedatum",
    "datum", "adres", "social-media", "dossiernummer", "naam", "school", "leeftijd", "kenmerk",
]

TITLE_PREFIX_RE = re.compile(
    r"^(?:(?:mevrouw|mevr\.?|mw\.?|meneer|mijnheer|mnr\.?|dhr\.?|de\s+heer|heer|mej\.?|"
    r"mejuffrouw|juffrouw|familie|fam\.|gezin|dokter|dr\.?|drs\.?|mr\.?|ir\.?|ing\.?|prof\.?|"
    r"zuster|collega|weduwe)\s+)+",
    re.IGNORECASE,
)


# "Consulent Marieke Hoogland" at the start of a sentence: the role is not part of the name.
LEADING_ROLE_RE = re.compile(rf"^(?i:{rules.RELATIONS})\s+(?=[{rules.UPPER}])")


@dataclass(frozen=True)
class Finding:
    start: int
    end: int
    text: str
    kind: str

    @property
    def label(self):
        return KIND_LABELS.get(self.kind, self.kind)

    def as_dict(self):
        return asdict(self)


def _from_deduce(text):
    from .engine import deduce_annotations

    annotations = deduce_annotations(text)
    # Organisations and places deduce recognises are not names of people.
    not_people = [
        (start, end) for start, end, value, tag in annotations
        if tag == "instelling" or (tag == "locatie" and not re.search(r"\d", value))
    ]
    not_people += allowlist.allowed_spans(text)
    for start, end, value, tag in annotations:
        if tag in ("persoon", "patient"):
            prefix = TITLE_PREFIX_RE.match(value) or LEADING_ROLE_RE.match(value)
            if prefix:
                start += prefix.end()
                value = value[prefix.end():]
            stripped = value.rstrip(" .,;:")
            end = start + len(stripped)
            value = stripped
            if not value or rules.is_initials_only(value) or value.isupper():
                continue
            if value.lower() in rules.STOP_WORDS:
                continue
            if _covered(start, end, text, not_people, places=True):
                continue
            if " " not in value and _weak_single_name(text, start, value):
                continue
            yield start, end, "naam"
        elif tag == "locatie":
            if not re.search(r"\d", value) or not _address_like(value):
                continue  # a place or a street on its own; our street rule judges those
            # "2013 DK Haarlem" / "Zijlweg 14a, Haarlem": leave the place name out
            trimmed = re.sub(r"[,\s]+[A-Z][\w'-]*(?:[\s-][A-Z][\w'-]*)?$", "", value)
            if re.search(r"\d", trimmed):
                value = trimmed
            kind = "postcode" if rules.POSTCODE_RE.fullmatch(value) else "adres"
            yield start, start + len(value), kind
        elif tag == "datum":
            if not re.search(r"\d{1,2}\D+\d|\d{1,2}\s+[a-z]", value, re.IGNORECASE):
                continue  # "maart 2024" is a month, not an exact date
            day = re.match(r"\D*(\d{1,2})", value)
            if day and rules.is_effective_date(text, start, int(day.group(1))):
                continue
            yield start, end, "datum"
        elif tag == "telefoonnummer":
            digits = re.sub(r"\D", "", value)
            if digits.startswith("31"):
                digits = "0" + digits[2:]
            if digits in allowlist.PUBLIC_NUMBERS or len(digits) < 8:
                continue
            yield start, end, "telefoonnummer"
        elif tag in ("bsn", "id"):
            digits = re.sub(r"\D", "", value)
            if len(digits) == 10 and digits.startswith("0"):
                yield start, end, "telefoonnummer"
            elif len(digits) == 9 and (tag == "bsn" or rules.elfproef(digits)):
                yield start, end, "bsn"
            else:
                yield start, end, "dossiernummer"
        elif tag == "emailadres":
            if value.split("@", 1)[0].lower() in allowlist.ROLE_MAILBOXES:
                continue
            yield start, end, "e-mailadres"


def _covered(start, end, text, spans, places=False):
    """Whether every name word of text[start:end] lies in one of `spans` (organisations).

    With `places`, a word may also be a place name when another word is an organisation:
    "Zorgbelang Drenthe".
    """
    words = [
        m for m in re.finditer(r"[\w'’-]+", text[start:end])
        if not re.fullmatch(rules.INTERFIX, m.group())
    ]
    inside = [
        any(s <= start + m.start() and start + m.end() <= e for s, e in spans) for m in words
    ]
    if not words or not any(inside):
        return False
    if places:
        from .engine import is_place

        return all(ok or is_place(m.group()) for ok, m in zip(inside, words, strict=True))
    return all(inside)


def _weak_single_name(text, start, value):
    """One capitalised word that is only weak evidence of a name.

    After an article ("het Rijk") it is a noun. At the start of a sentence every word has a
    capital, so a word that is not a known first name ("Dingen", a surname-list word) is
    left alone there; first names ("Fatima belde") still count.
    """
    before = text[max(0, start - 8) : start]
    if re.search(r"\b(?:het|een|dit|dat|deze)\s+$", before, re.IGNORECASE):
        return True
    before = text[:start]
    if not before.strip() or re.search(r"[.!?:;\n]\s*[\"'“(]?$", before):
        from .engine import is_common_word, is_first_name

        if not is_first_name(value):
            return True
        # "Storm en hevige regen ...": a first name that is also an everyday word needs
        # more than a capital: an age after it ("Storm (9)") or the same word capitalised
        # inside a sentence elsewhere in the text.
        if is_common_word(value):
            return not (AGE_AFTER_RE.match(text, start + len(value))
                        or _capitalised_inside_a_sentence(text, value))
    return False


# After a name: an age ("Storm (9)", "Storm, 9 jaar,") or a verb only people do.
AGE_AFTER_RE = re.compile(
    r"\s*(?:\(\s*\d{1,3}\s*(?:jaar|jr\.?)?\s*\)|,\s*\d{1,3}\s*(?:jaar\s*)?,"
    r"|(?:belde|mailde|schreef|vertelt|vertelde|zegt|zei|vroeg|woont|woonde|huilde|meldde|"
    r"appte|kwam\s+langs)\b)"
)


def _capitalised_inside_a_sentence(text, word):
    for m in re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text):
        if text[:m.start()].strip() and not re.search(r"[.!?:;\n]\s*[\"'“(]?$", text[:m.start()]):
            return True
    return False


def _address_like(value):
    """A house number or a postcode, not a year ("Domein 2017")."""
    if rules.POSTCODE_RE.search(value):
        return True
    number = re.search(r"\b(\d{1,4})\s?[a-zA-Z]?\b", value)
    return bool(number) and not re.fullmatch(r"(?:19|20)\d{2}", number.group(1))


INSTITUTION_SUFFIXES = (
    "huis", "centrum", "kliniek", "hospitium", "instituut", "stichting", "school", "college",
    "fonds", "loket", "team", "groep", "zorg", "opvang", "praktijk", "apotheek",
)


def _institution_word(word, known_name=None):
    """'Kannerhuis', 'Jongerenloket', 'Wijkteam': a compound ending in an institution word
    (not a surname that happens to end so: 'Nijhuis', 'Oosterhuis')."""
    lowered = word.lower().strip(".,")
    if lowered in allowlist.ORGANISATION_NOUNS:
        return True
    if not any(lowered.endswith(s) and len(lowered) > len(s) + 2 for s in INSTITUTION_SUFFIXES):
        return False
    return not (known_name and known_name(word.strip(".,")))


def _organisation_name(value, known_name=None):
    """'Kenter Jeugdhulp', 'Lucas Onderwijs', 'Dr. Leo Kannerhuis': a phrase ending in an
    organisation noun or in a compound of one."""
    words = value.split()
    return len(words) > 1 and _institution_word(words[-1], known_name)


def _street_name(value, known_name=None):
    """'Johan de Wittstraat': a street named after a person is a street; the street rule
    judges it (a street with a house number, or where one person lives)."""
    last = value.split()[-1].strip(".,") if value.split() else ""
    if not rules.STREET_WORD_RE.fullmatch(last) or last.lower() in rules.NOT_STREETS:
        return False
    return not (known_name and known_name(last))


ORGANISATION_TAIL_RE = re.compile(r"\s+(?:van|bij)\s+(?:het|de)\s+(\S+)")


def _trim_organisation_tail(text, start, end, known_name=None):
    """'Marieke Hoogland van het Jongerenloket': the name ends before 'van het <organisation>'."""
    for m in ORGANISATION_TAIL_RE.finditer(text, start, end):
        word = m.group(1)
        if _institution_word(word, known_name) or allowlist.is_allowed_word(word):
            return start + len(text[start:m.start()].rstrip())
    return end


SERVICE_PREFIXES = ("0800", "0900", "0906", "0909", "088")


def _service_number_of_organisation(text, start, allowed):
    """A free or business service number (0800, 0900, 088) mentioned in the same sentence as
    an organisation is that organisation's number ("Bel Geldfit op 0800-8115")."""
    digits = re.sub(r"\D", "", text[start : start + 20])
    if digits.startswith("31"):
        digits = "0" + digits[2:]
    if not digits.startswith(SERVICE_PREFIXES):
        return False
    for lo, hi in rules.sentence_bounds(text):
        if lo <= start < hi:
            return any(lo <= s and e <= hi for s, e in allowed)
    return False


def _organisation_contact(text, start, kind, allowed, name_spans, known_name=None):
    """A landline number or an address given as an organisation's contact details:
    "Het Sociaal Team is bereikbaar op 0348 - 56 14 00 (ma-vr 9.00-17.00)", "langskomen op
    het gemeentehuis, Kapellestraat 2". Only in a sentence that names an organisation or a
    public building, has a contact cue (bereikbaar, bel, opening hours, a visit) and says
    nothing about a person or a case. Mobile and foreign numbers always count."""
    if kind == "telefoonnummer":
        digits = re.sub(r"\D", "", text[start : start + 24])
        if digits.startswith("0031"):
            digits = "0" + digits[4:]
        elif text[start] == "+":
            if not digits.startswith("31"):
                return False
            digits = "0" + digits[2:]
        if digits.startswith("06"):
            return False
    lo, hi = rules.sentence_of(text, start)
    sentence = text[lo:hi]
    if kind in ("adres", "postcode") and _after_a_public_place(text, start, lo, allowed):
        return True
    if any(lo <= s < hi for s, _ in name_spans) or rules.PERSON_CUE_RE.search(sentence):
        return False
    if not rules.CONTACT_CUE_RE.search(sentence):
        return False
    if rules.PUBLIC_BUILDING_RE.search(sentence) or any(lo <= s and e <= hi for s, e in allowed):
        return True
    return any(
        _institution_word(m.group(), known_name)
        for m in re.finditer(rf"(?<![\w-])[{rules.UPPER}][\w-]+", sentence)
    )


# "het gemeentehuis aan de Grote Markt 2", "Bibliotheek Schalkwijk, Fie Carelsenplein 1".
PLACE_BEFORE_ADDRESS_RE = re.compile(
    r"(?:\s*(?:,|:|\(|aan\s+de|aan\s+het|op\s+de|op\s+het|in\s+de|aan|op|te|aan\s+'t)\s*)$",
    re.IGNORECASE,
)


def _after_a_public_place(text, start, lo, allowed):
    """An address right after a public building or an organisation is that place's address."""
    before = text[lo:start]
    glue = PLACE_BEFORE_ADDRESS_RE.search(before)
    if not glue:
        return False
    head = before[: glue.start()]
    word = re.search(r"([\w'-]+)(?:\s+[A-Z][\w'-]*){0,2}\s*$", head)
    if not word:
        return False
    if rules.PUBLIC_BUILDING_RE.fullmatch(word.group(1)) or _institution_word(word.group(1)):
        return True
    return any(e >= lo + glue.start() - 1 and s < lo + glue.start() for s, e in allowed)


def _inside(span, spans):
    return any(s <= span[0] and span[1] <= e for s, e in spans)


def _merge(candidates, text):
    """Overlapping findings become one finding; the most specific kind names it."""
    merged = []
    for start, end, kind in sorted(candidates, key=lambda c: (c[0], -c[1])):
        if merged and start < merged[-1][1]:
            last = merged[-1]
            kinds = [last[2], kind]
            best = min(kinds, key=lambda k: PRIORITY.index(k) if k in PRIORITY else 99)
            merged[-1] = (last[0], max(last[1], end), best)
        else:
            merged.append((start, end, kind))
    return [Finding(s, e, text[s:e], k) for s, e, k in merged]


def scan(text, use_deduce=True):
    """All personal data found in `text`, in order, as non-overlapping `Finding`s.

    Offsets are into `text` as given. HTML tags and entities, invisible characters (zero
    width, soft hyphens, direction marks), wide or styled letters and look-alike letters
    from other scripts are read as the plain text a reader sees.
    """
    if not text or not text.strip():
        return []
    if len(text) > MAX_SCAN_CHARS:
        return [Finding(0, 0, "", "te-lang")]
    terms = allowlist.terms()
    key = (text, use_deduce)
    cached = _recent.get(key)
    if cached is not None and cached[0] is terms:
        _recent.move_to_end(key)
        return list(cached[1])
    findings = _scan_plain(text, use_deduce)
    _recent[key] = (terms, tuple(findings))
    if len(_recent) > RECENT_SIZE:
        _recent.popitem(last=False)
    return findings


# The editor scans the same texts again on every open: recent results are kept per process
# (as long as the list of organisations they were checked against is the same).
RECENT_SIZE = 1024
_recent = OrderedDict()


def _scan_plain(text, use_deduce):
    plain, offsets = normalise.plain_text(text)
    if plain != text:
        return [
            Finding(offsets[f.start], offsets[f.end - 1] + 1,
                    text[offsets[f.start]:offsets[f.end - 1] + 1], f.kind)
            for f in _scan(plain, use_deduce) if f.end > f.start
        ]
    return _scan(text, use_deduce)


def _scan(text, use_deduce=True):
    if not text.strip():
        return []
    candidates = []
    for rule in rules.RULES + indirect.RULES:
        candidates.extend(rule(text))
    known_name = None
    if use_deduce:
        from .engine import is_common_word, is_first_name, is_surname
        from .engine import is_known_name as known_name

        candidates.extend(_from_deduce(text))
        candidates.extend(
            indirect.find_lowercase_names(text, is_first_name, is_surname, is_common_word))
    candidates.extend(rules.find_names(text, known_name))
    candidates.extend(english.find(text, known_name))
    english_text = english.looks_english(text)

    allowed = allowlist.allowed_spans(text)
    names, others = [], []
    for start, end, kind in candidates:
        if kind != "naam":
            others.append((start, end, kind))
            continue
        end = _trim_organisation_tail(text, start, end, known_name)
        value = text[start:end]
        if end <= start or _organisation_name(value, known_name) or _street_name(value, known_name):
            continue
        if english_text and english.is_function_word(value):
            continue  # "An older woman ...": in English "An" is an article, not a name
        if _inside((start, end), allowed):
            continue
        if allowlist.is_allowed_word(value) or _covered(start, end, text, allowed):
            continue
        names.append((start, end, kind))
    kept = list(names)
    name_spans = [(s, e) for s, e, _ in names]
    for start, end, kind in others:
        if end <= start:
            continue
        if kind == "telefoonnummer" and _service_number_of_organisation(text, start, allowed):
            continue
        if kind == "adres" and _inside((start, end), allowed):
            continue
        if kind in ("telefoonnummer", "adres", "postcode") and _organisation_contact(
            text, start, kind, allowed, name_spans, known_name
        ):
            continue
        if kind == "datum" and rules.is_public_date(text, start, name_spans):
            continue
        kept.append((start, end, kind))
    # Laws and their articles are public: "artikel 2.3.5 lid 1 Wmo 2015", "art. 7:1 Awb".
    articles = [(m.start(), m.end()) for m in rules.ARTICLE_RE.finditer(text)]
    kept = [c for c in kept if not _inside((c[0], c[1]), articles)]
    kept.sort()

    # An exact age counts only next to another identifying detail in the same sentence.
    ages = list(rules.find_ages(text))
    if ages and kept:
        for lo, hi in rules.sentence_bounds(text):
            if any(lo <= s < hi for s, _, _ in kept):
                kept.extend(a for a in ages if lo <= a[0] < hi)
    return _merge(kept, text)


def scan_many(texts, use_deduce=True):
    return [scan(text, use_deduce=use_deduce) for text in texts]


__all__ = ["Finding", "KIND_LABELS", "scan", "scan_many"]
