"""Cleaning of text typed by visitors, shared by the forms and the search."""

import re
import unicodedata

# Control characters are removed, except tab and newline. Bidirectional overrides
# (used to disguise text) and other invisible format characters are removed too.
_CONTROL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]"
)
_SURROGATES = re.compile("[\ud800-\udfff]")


def clean_text(value, multiline=True):
    """Normalise line ends, remove control characters and lone surrogates, trim."""
    if value is None:
        return ""
    value = str(value).replace("\r\n", "\n").replace("\r", "\n")
    value = _CONTROL.sub("", value)
    value = _SURROGATES.sub("", value)
    if not multiline:
        value = re.sub(r"\s+", " ", value)
    value = unicodedata.normalize("NFC", value)
    return value.strip()


_SEARCH_WORD_RE = re.compile(r"\w+(?:['’-]\w+)*")


def search_words(value):
    """The words of a search question, without operators or quotes a search engine would
    read as syntax (an unmatched " is an error in SQLite's full-text search)."""
    return " ".join(_SEARCH_WORD_RE.findall(clean_text(value, multiline=False)))
