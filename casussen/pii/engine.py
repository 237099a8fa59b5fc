"""The `deduce` library, loaded lazily and only once per process.

Building deduce takes seconds (minutes on a fresh install, when it builds its lookup cache),
so it is never imported when Django starts: the first call to `get_deduce()` loads it and
every later call reuses the same object. Public page views never call it.
"""

import threading

_lock = threading.Lock()
_deduce = None

# Deduce parts we do not use: web addresses of organisations are public, a PO box belongs to
# an organisation, and ages are judged by our own rules (ranges are allowed). Deduce's
# institutions stay on: they tell us which capitalised words are organisations.
DISABLED = frozenset({"urls", "ages", "postbus", "redactor"})


def get_deduce():
    """The process-wide Deduce instance (thread-safe lazy load)."""
    global _deduce
    if _deduce is None:
        with _lock:
            if _deduce is None:
                from deduce import Deduce

                _deduce = Deduce()
    return _deduce


def is_loaded():
    return _deduce is not None


def deduce_annotations(text):
    """(start, end, text, tag) for every annotation deduce makes in `text`."""
    doc = get_deduce().deidentify(text, disabled=set(DISABLED))
    return [(a.start_char, a.end_char, a.text, a.tag) for a in doc.annotations]


def is_first_name(word):
    """Whether `word` is in deduce's list of first names."""
    first_names = get_deduce().lookup_structs["first_name"]
    return first_names.longest_matching_prefix([word]) is not None


def is_place(word):
    """Whether `word` is in deduce's list of place names."""
    places = get_deduce().lookup_structs["placename"]
    return places.longest_matching_prefix([word]) is not None


def is_known_name(word):
    """Whether `word` is in deduce's lists of first names or surnames."""
    structs = get_deduce().lookup_structs
    return any(
        structs[name].longest_matching_prefix([word]) is not None
        for name in ("first_name", "surname")
    )


def is_common_word(word):
    """Whether `word` (any case) is in deduce's list of common Dutch words ("storm", "hoop")."""
    return word.lower() in get_deduce().lookup_structs["common_word"]
