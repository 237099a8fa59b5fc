"""Crisis help first: does a question speak of danger, and what help to show above all else.

Published functions:
- `detect(text)` -> the crisis words (editor-managed `Crisiswoord`) found in `text`.
- `box(language)` -> the crisis box's text ({titel, intro, nummers, slot}).
- `check(text, source, language)` -> the box (with the words found) or None; counts each
  word per day and source in `Crisistelling` (never the question).

Matching: every word of a crisis phrase must be in the question, in any order, close together
(within WINDOW words). A plain word also matches its inflections (same Dutch or English
snowball stem: killing = kill, abusing = abuse); `bedreig*` matches longer forms, `*geweld`
compounds (partnergeweld). A question word that is not
a real Dutch or English word (wordfreq) may differ by one letter from a crisis word of six
letters or more (two from ten), so typos still match; real words never do ("gemeld" is not
"geweld"). Starter content: search/data/crisis.json (loaded by a migration and the demo).
"""

import json
import logging
import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import snowballstemmer
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F
from rapidfuzz.distance import DamerauLevenshtein

from portal import generations

from .text import fold, stem, words

logger = logging.getLogger(__name__)

DATA_FILE = Path(__file__).resolve().parent / "data" / "crisis.json"
GENERATION_KEY = "crisis:generation"
PHONE_RE = re.compile(r"(?<![\w./])(\d{2,4}(?:[ -]\d{2,4})*)(?![\w./]*\w)")
RARE_ZIPF = 2.5  # below this frequency a word is not a real word (likely a typo)
WINDOW = 6  # the words of a phrase lie within this many words of each other
_english = snowballstemmer.stemmer("english")
_cache = {}
_lock = threading.Lock()


@dataclass(frozen=True)
class Pattern:
    text: str
    prefix: bool  # "*geweld": may be the end of a longer word
    suffix: bool  # "bedreig*": may be the start of a longer word


@dataclass(frozen=True)
class Trigger:
    term: str
    patterns: tuple
    unless: tuple


def _pattern(raw):
    raw = raw.strip()
    text = "".join(words(raw.replace("*", " ")))
    return Pattern(text, raw.startswith("*"), raw.endswith("*")) if text else None


def _patterns(term):
    return tuple(p for p in (_pattern(part) for part in fold(term).split()) if p)


def make_trigger(term, unless=()):
    return Trigger(term, _patterns(term), tuple(p for p in (_pattern(u) for u in unless) if p))


def starter_data():
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


@lru_cache(maxsize=20_000)
def is_rare(word):
    """Not a real Dutch or English word: only then may a crisis word match with a typo."""
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # pragma: no cover - wordfreq is a dependency
        return False
    return max(zipf_frequency(word, "nl"), zipf_frequency(word, "en")) < RARE_ZIPF


def distance(a, b, limit=2):
    """Damerau-Levenshtein distance (a swap of two letters counts once), capped at `limit` + 1."""
    return DamerauLevenshtein.distance(a, b, score_cutoff=limit)


def _allowed_typos(pattern):
    return 2 if len(pattern.text) >= 10 else 1 if len(pattern.text) >= 6 else 0


@lru_cache(maxsize=20_000)
def _stems(word):
    return stem(word), _english.stemWord(word)


def _exact(word, p):
    if p.prefix and p.suffix:
        return p.text in word
    if p.prefix:
        return word.endswith(p.text)
    if p.suffix:
        return word.startswith(p.text)
    if word == p.text:
        return True
    if len(p.text) < 4 or len(word) < 4:
        return False
    mine, theirs = _stems(word), _stems(p.text)
    return mine[0] == theirs[0] or mine[1] == theirs[1]


def _fuzzy(word, p):
    limit = _allowed_typos(p)
    if not limit or not is_rare(word):
        return False
    n = len(p.text)
    if not p.prefix and not p.suffix:
        return distance(word, p.text, limit) <= limit
    for size in range(max(1, n - limit), n + limit + 1):
        if p.prefix and p.suffix:
            parts = (word[i:i + size] for i in range(0, max(1, len(word) - size + 1)))
        elif p.prefix:
            parts = (word[-size:],)
        else:
            parts = (word[:size],)
        if any(distance(part, p.text, limit) <= limit for part in parts):
            return True
    return False


def matches(trigger, question_words):
    """Whether every pattern of `trigger` is in the question, close together, and no
    'unless' word is."""
    if not trigger.patterns:
        return False
    for unless in trigger.unless:
        if any(_exact(word, unless) for word in question_words):
            return False
    positions = []
    for p in trigger.patterns:
        found = [i for i, word in enumerate(question_words) if _exact(word, p)]
        found = found or [i for i, word in enumerate(question_words) if _fuzzy(word, p)]
        if not found:
            return False
        positions.append(found)
    if len(positions) == 1:
        return True
    # Some choice of positions (one per pattern) spans fewer than WINDOW words.
    for start in positions[0]:
        if all(any(abs(i - start) < WINDOW for i in found) for found in positions[1:]):
            return True
    return False


def _load():
    from .models import Crisishulp, Crisiswoord

    triggers = tuple(
        make_trigger(item.term, item.behalve_lijst)
        for item in Crisiswoord.objects.filter(actief=True)
    )
    boxes = {item.taal: item.as_dict() for item in Crisishulp.objects.all()}
    return triggers, boxes


def _state():
    current = generations.current(GENERATION_KEY)
    state = _cache.get("state")
    if state is not None and state[0] == current:
        return state[1], state[2]
    with _lock:
        triggers, boxes = _load()
        _cache["state"] = (current, triggers, boxes)
    return triggers, boxes


def invalidate(**kwargs):
    generations.bump(GENERATION_KEY)
    _cache.clear()


def detect(text):
    """The crisis words (terms) found in `text`, in the editors' order."""
    question_words = words(text)[:60]
    if not question_words:
        return []
    triggers, _boxes = _state()
    return [t.term for t in triggers if matches(t, question_words)]


def box(language="nl"):
    """The crisis box's text in `language` (Dutch when missing; the starter text if empty)."""
    language = "en" if language == "en" else "nl"
    _triggers, boxes = _state()
    found = boxes.get(language) or boxes.get("nl")
    if found:
        return found
    return starter_data()["hulp"][language]


def count(terms, source):
    """Count each crisis word once for today and `source`. Never raises."""
    from django.utils import timezone

    from .models import Crisistelling

    today = timezone.localdate()
    for term in terms:
        try:
            rows = Crisistelling.objects.filter(woord=term[:120], bron=source, datum=today)
            if rows.update(aantal=F("aantal") + 1):
                continue
            try:
                with transaction.atomic():
                    Crisistelling.objects.create(woord=term[:120], bron=source, datum=today,
                                                 aantal=1)
            except IntegrityError:
                rows.update(aantal=F("aantal") + 1)
        except DatabaseError:
            logger.warning("crisistelling niet opgeslagen", exc_info=True)


def check(text, source, language="nl", record=True):
    """The crisis box for `text` (with `woorden`), or None; counted when `record`."""
    found = detect(text)
    if not found:
        return None
    if record:
        count(found, source)
    return {**box(language), "woorden": found}


def api_data(text, source, language="nl"):
    """The box for the API: like `check`, every number also as digits to call."""
    found = check(text, source, language)
    if found is None:
        return None
    return {**found, "nummers": [
        {**row, "tel": [re.sub(r"\D", "", n) for n in PHONE_RE.findall(row["nummer"])]}
        for row in found["nummers"]
    ]}


def load_starter(Crisiswoord, Crisishulp):
    """Add the starter words and texts (models passed in: also used by a migration).

    Idempotent: words and texts that exist (also when an editor changed them) stay.
    """
    data = starter_data()
    for item in data["woorden"]:
        Crisiswoord.objects.get_or_create(
            term=item["term"], defaults={"behalve": item.get("behalve", "")}
        )
    for taal, text in data["hulp"].items():
        if not Crisishulp.objects.filter(taal=taal).exists():
            Crisishulp.objects.create(
                taal=taal, titel=text["titel"], intro=text["intro"], slot=text["slot"],
                nummers=[{"type": "nummer", "value": row} for row in text["nummers"]],
            )


def connect_signals():
    from django.db.models.signals import post_delete, post_save

    from .models import Crisishulp, Crisiswoord

    for model in (Crisiswoord, Crisishulp):
        post_save.connect(invalidate, sender=model, dispatch_uid=f"crisis-{model.__name__}-s")
        post_delete.connect(invalidate, sender=model, dispatch_uid=f"crisis-{model.__name__}-d")
