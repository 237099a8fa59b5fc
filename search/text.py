"""Text handling for the finder: normalising, tokenising, stop words and stemming.

Dutch is the default (``stem``, ``STOPWORDS``); ``analyser(language)`` gives the stemmer
and stop words of a language ('en': the English snowball stemmer and
search/data/stopwords-en.txt, plus the Dutch stop words, since Dutch questions also work
on the English site).

Everything here is pure Python and deterministic, so the in-memory scorer, the query log
and the Elasticsearch query builder all see a question the same way.
"""

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import snowballstemmer

MAX_QUERY_LENGTH = 200

_WORD_RE = re.compile(r"[a-z0-9]+")

# Small, hand-picked Dutch stop word list. Words that carry intent ("niet", "geen", "al")
# are deliberately NOT stop words: "niet eens", "geen antwoord", "al geklaagd" matter. A
# phrase in the synonyms keeps its stop words only when it has nothing else.
STOPWORDS = frozenset(
    """
    de het een en of van in op aan met voor over bij uit tot naar om te door als dan dat
    die dit deze wat wie waar hoe welke wanneer waarom er hier daar
    ik mij me mijn jij je jou jouw u uw hij hem zijn zij ze haar wij we ons onze jullie
    hun hen men iemand iets
    ben bent is was waren zijn wordt worden werd werden word heb hebt heeft hebben had
    hadden kan kun kunt kunnen kon moet moeten mag mogen wil wilt willen zou zouden zal
    zullen doe doet doen ga gaat gaan
    ook maar nu toch wel zo heel erg veel meer zeer even steeds altijd weer ander andere
    nog alle alles iedereen gewoon echt eigenlijk
    a an the of to for my i me is with about
    """.split()
)

# The snowball Dutch stemmer treats a few frequent words in this domain badly
# ("gemeente" -> "meen", "schulden" -> "schul"); these words keep a fixed stem.
STEM_EXCEPTIONS = {
    "gemeente": "gemeente",
    "gemeentes": "gemeente",
    "gemeenten": "gemeente",
    "gemeentelijk": "gemeente",
    "gemeentelijke": "gemeente",
    "schulden": "schuld",
    "schuld": "schuld",
    "geld": "geld",
    "gelden": "geld",
    "geldzorgen": "geldzorg",
    "genoeg": "genoeg",
    "gehandicapt": "gehandicapt",
    "gehandicapte": "gehandicapt",
    "geschil": "geschil",
    "geschillen": "geschil",
    "geschilleninstantie": "geschilleninstantie",
    "gesprek": "gesprek",
    "gesprekken": "gesprek",
    "gezin": "gezin",
    "gezinnen": "gezin",
    "gezondheid": "gezondheid",
    "geweld": "geweld",
    "gedrag": "gedrag",
    "gebrek": "gebrek",
    "geheim": "geheim",
    "gemeld": "meld",
}

_stemmer = snowballstemmer.stemmer("dutch")


def fold(text):
    """Lower case without accents: 'Cliënt' -> 'client'."""
    text = str(text or "").lower()
    if text.isascii():
        return text
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def words(text):
    """Folded words of `text`, stop words included."""
    return _WORD_RE.findall(fold(text))


@lru_cache(maxsize=50_000)
def stem(word):
    """Dutch stem of a folded word."""
    if word in STEM_EXCEPTIONS:
        return STEM_EXCEPTIONS[word]
    if len(word) <= 3 or word.isdigit():
        return word
    result = _stemmer.stemWord(word)
    return result if len(result) >= 3 else word


_english_stemmer = snowballstemmer.stemmer("english")


def _word_list(name):
    text = (Path(__file__).parent / "data" / name).read_text(encoding="utf-8")
    return frozenset(
        word for line in text.splitlines() if not line.startswith("#") for word in line.split()
    )


STOPWORDS_EN = _word_list("stopwords-en.txt")


@lru_cache(maxsize=50_000)
def stem_en(word):
    """English stem of a folded word (Dutch exceptions kept: Dutch words occur too)."""
    if word in STEM_EXCEPTIONS:
        return STEM_EXCEPTIONS[word]
    if len(word) <= 3 or word.isdigit():
        return word
    result = _english_stemmer.stemWord(word)
    return result if len(result) >= 3 else word


class Analyser:
    """The stemmer and stop words of one language."""

    def __init__(self, language="nl"):
        self.language = "en" if language == "en" else "nl"
        if self.language == "en":
            self.stem, self.stopwords = stem_en, STOPWORDS | STOPWORDS_EN
        else:
            self.stem, self.stopwords = stem, STOPWORDS


_ANALYSERS = {}


def analyser(language="nl"):
    key = "en" if language == "en" else "nl"
    if key not in _ANALYSERS:
        _ANALYSERS[key] = Analyser(key)
    return _ANALYSERS[key]


def is_stopword(word):
    return word in STOPWORDS


def content_words(text):
    """Folded words of `text` without stop words."""
    return [word for word in words(text) if word not in STOPWORDS]


def stems(text):
    """Stems of the content words of `text`, in order."""
    return [stem(word) for word in content_words(text)]


def normalise_query(text, max_length=MAX_QUERY_LENGTH):
    """The form in which a question is logged: folded, single spaces, no personal details.

    Numbers of four or more digits (citizen service numbers, phone numbers, case numbers),
    e-mail addresses and web addresses are replaced by a placeholder, so the log holds no
    identifying details that residents sometimes type into a search box.
    """
    text = str(text or "")
    text = re.sub(r"\S+@\S+", " [e-mail] ", text)
    text = re.sub(r"(?:https?://|www\.)\S+", " [link] ", text)
    text = fold(text)
    text = re.sub(r"\b\d{4}\s?[a-z]{2}\b", " [postcode] ", text)
    text = re.sub(r"\d[\d\s.-]{2,}\d", " [nummer] ", text)
    text = re.sub(r"[^\w\[\]' -]+", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    return text[:max_length]


_KEY_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def is_valid_key(value):
    """Whether `value` looks like a vocabulary key (lower-case slug, at most 80 characters)."""
    return isinstance(value, str) and len(value) <= 80 and bool(_KEY_RE.match(value))
