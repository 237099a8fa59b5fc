"""The `deduce` library: its lookup data built at install time, loaded once per process.

Contract:
- `build()` makes the lookup data (`make run`, `make serve` and `make test` call it through
  `manage.py build_pii_data`; minutes and ~1.2 GB the first time, then nothing). It is stored
  in `data_dir()`: `$PII_DATA_DIR`, default `var/pii/` in the project (not committed), with
  the deduce version that built it.
- `preload()` loads it before a web process serves (portal/wsgi.py; gunicorn loads the app
  in its master, so the workers share one copy). It never builds.
- `get_deduce()` returns the loaded instance. In a web process it never builds or loads:
  without `preload()` it raises `EngineNotReady` (the guard shows a Dutch message and
  publishes nothing). Elsewhere (the command line, tests) it loads on first use.
"""

import gc
import logging
import os
import threading
import time
from pathlib import Path

log = logging.getLogger(__name__)

_lock = threading.Lock()
_deduce = None
_web_process = False
CACHE_FILE = Path("cache") / "lookup_structs.pickle"

# Deduce parts we do not use: web addresses of organisations are public, a PO box belongs to
# an organisation, and ages are judged by our own rules (ranges are allowed). Deduce's
# institutions stay on: they tell us which capitalised words are organisations.
DISABLED = frozenset({"urls", "ages", "postbus", "redactor"})


class EngineNotReady(RuntimeError):
    """The lookup data is not loaded in this web process (run `make serve`, not gunicorn by
    hand, or `python manage.py build_pii_data`)."""


def data_dir():
    root = Path(__file__).resolve().parents[2]
    return root / (os.environ.get("PII_DATA_DIR") or "var/pii")


def _package_cache_dir():
    """Where deduce keeps its own cache inside the installed package (a fallback)."""
    import deduce

    return Path(deduce.__file__).resolve().parent / "data" / "lookup"


def _deduce_version():
    from importlib.metadata import version

    return version("deduce")


def _cache_dir():
    """The directory with the lookup data: ours, or the package's own when ours is absent
    (a checkout whose tests run without `make`)."""
    ours = data_dir()
    if (ours / CACHE_FILE).exists():
        return ours
    package = _package_cache_dir()
    if (package / CACHE_FILE).exists():
        return package
    return ours


def is_built():
    """Whether our lookup data exists and was built by the installed deduce version."""
    stamp = data_dir() / "deduce-version"
    return (data_dir() / CACHE_FILE).exists() and stamp.exists() and (
        stamp.read_text().strip() == _deduce_version()
    )


def build(stdout=None):
    """Build the lookup data into `data_dir()` unless it is there for this deduce version.
    Returns the seconds spent."""
    started = time.monotonic()
    if is_built():
        return time.monotonic() - started
    from deduce import Deduce

    target = data_dir()
    target.mkdir(parents=True, exist_ok=True)
    if stdout:
        stdout.write("Opzoekgegevens van de privacycontrole worden gebouwd (enkele minuten)…")
    Deduce(cache_path=target, build_lookup_structs=True)
    (target / "deduce-version").write_text(_deduce_version())
    return time.monotonic() - started


def _load():
    from deduce import Deduce

    started = time.monotonic()
    instance = Deduce(cache_path=_cache_dir())
    log.info("privacycontrole geladen in %.1f s", time.monotonic() - started)
    return instance


def get_deduce():
    """The process-wide Deduce instance (thread-safe; loads on first use outside the web)."""
    global _deduce
    if _deduce is None:
        if _web_process:
            raise EngineNotReady("privacycontrole niet geladen in dit webproces")
        with _lock:
            if _deduce is None:
                _deduce = _load()
    return _deduce


def preload():
    """Load the engine now, in a web process before it serves (never in a request). Web
    requests never load it afterwards. With gunicorn's preload the workers fork after this
    and share the memory; `gc.freeze()` keeps the collector from copying it into each."""
    global _deduce, _web_process
    _web_process = True
    if _deduce is not None:
        return
    if not (_cache_dir() / CACHE_FILE).exists():
        log.error("privacycontrole: geen opzoekgegevens; draai `python manage.py build_pii_data`")
        return
    with _lock:
        if _deduce is None:
            _deduce = _load()
    gc.collect()
    gc.freeze()


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


def is_surname(word):
    """Whether `word` ("Vries", "de Vries") is in deduce's list of surnames."""
    surnames = get_deduce().lookup_structs["surname"]
    return bool(word) and surnames.longest_matching_prefix(word.split()) is not None


def is_common_word(word):
    """Whether `word` (any case) is in deduce's list of common Dutch words ("storm", "hoop")."""
    return word.lower() in get_deduce().lookup_structs["common_word"]
