"""Personal-data scanner for case stories: `scan(text) -> list[Finding]`.

Combines `deduce` (Dutch de-identification, loaded once per process on first use) with the
project's own rules in `rules.py`, and for English case texts the rules in `english.py`
(English titles, family words, written dates and street addresses). Not personal data:
organisation and municipality names (see `allowlist.py`), quarters and counts, age ranges,
and single letters used as pseudonyms ("mevrouw A."). An exact age is only reported when
the same sentence holds another identifying detail (an age on its own identifies nobody;
with a street it may).
"""

import re
from dataclasses import asdict, dataclass

from . import allowlist, english, rules

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
}

# When two findings overlap, the more specific kind names the merged finding.
PRIORITY = [
    "iban", "bsn", "e-mailadres", "telefoonnummer", "kenteken", "postcode", "geboortedatum",
    "datum", "adres", "dossiernummer", "naam", "leeftijd",
]

TITLE_PREFIX_RE = re.compile(
    r"^(?:(?:mevrouw|mevr\.?|mw\.?|meneer|mijnheer|mnr\.?|dhr\.?|de\s+heer|heer|mej\.?|"
    r"mejuffrouw|juffrouw|familie|fam\.|gezin|dokter|dr\.?|drs\.?|mr\.?|ir\.?|ing\.?|prof\.?|"
    r"zuster|collega|weduwe)\s+)+",
    re.IGNORECASE,
)


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
            prefix = TITLE_PREFIX_RE.match(value)
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
        from .engine import is_first_name

        return not is_first_name(value)
    return False


def _address_like(value):
    """A house number or a postcode, not a year ("Domein 2017")."""
    if rules.POSTCODE_RE.search(value):
        return True
    number = re.search(r"\b(\d{1,4})\s?[a-zA-Z]?\b", value)
    return bool(number) and not re.fullmatch(r"(?:19|20)\d{2}", number.group(1))


def _organisation_name(value):
    """'Kenter Jeugdhulp', 'Lucas Onderwijs': a phrase ending in an organisation noun."""
    words = value.split()
    return len(words) > 1 and words[-1].lower().strip(".,") in allowlist.ORGANISATION_NOUNS


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
    """All personal data found in `text`, in order, as non-overlapping `Finding`s."""
    if not text or not text.strip():
        return []
    candidates = []
    for rule in rules.RULES:
        candidates.extend(rule(text))
    if use_deduce:
        from .engine import is_known_name

        candidates.extend(rules.find_names(text, is_known_name))
        candidates.extend(english.find(text, is_known_name))
        candidates.extend(_from_deduce(text))
    else:
        candidates.extend(rules.find_names(text))
        candidates.extend(english.find(text))
    english_text = english.looks_english(text)

    allowed = allowlist.allowed_spans(text)
    kept = []
    for start, end, kind in candidates:
        if end <= start:
            continue
        if kind == "naam" and _organisation_name(text[start:end]):
            continue
        if kind == "naam" and english_text and english.is_function_word(text[start:end]):
            continue  # "An older woman ...": in English "An" is an article, not a name
        if kind == "telefoonnummer" and _service_number_of_organisation(text, start, allowed):
            continue
        if kind in ("naam", "adres") and _inside((start, end), allowed):
            continue
        if kind == "naam" and (
            allowlist.is_allowed_word(text[start:end]) or _covered(start, end, text, allowed)
        ):
            continue
        kept.append((start, end, kind))

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
