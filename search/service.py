"""The finder as the site, the API and the guided finder use it: validation and backends."""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from .loader import get_index
from .text import MAX_QUERY_LENGTH, is_valid_key

DEFAULT_LIMIT = 20
MAX_LIMIT = 100


class FinderError(ValueError):
    """Bad input, with a Dutch message for the resident or partner."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass
class Result:
    key: str
    title: str
    url: str
    soort: str
    score: float
    lijn: int = 0
    samenvatting: str = ""
    page_id: int | None = None

    def as_dict(self):
        return {
            "key": self.key, "title": self.title, "url": self.url, "soort": self.soort,
            "score": self.score,
        }


def clean_params(query=None, gemeente=None, domein=None, limit=None, language="nl"):
    """Checked parameters; raises `FinderError` with a Dutch message."""
    query = (query or "").strip()
    if len(query) > MAX_QUERY_LENGTH:
        raise FinderError(
            _("De zoekvraag is te lang. Gebruik maximaal %(max)s tekens.")
            % {"max": MAX_QUERY_LENGTH},
            "q",
        )
    index = get_index(language)
    gemeente = (gemeente or "").strip().lower() or None
    if gemeente is not None and (not is_valid_key(gemeente) or gemeente not in index.gemeenten):
        raise FinderError(_("Onbekende gemeente: gebruik de sleutel van een gemeente."), "gemeente")
    domein = (domein or "").strip().lower() or None
    if domein is not None and (not is_valid_key(domein) or domein not in index.domeinen):
        raise FinderError(_("Onbekend domein: gebruik de sleutel van een domein."), "domein")
    if limit in (None, ""):
        limit = DEFAULT_LIMIT
    else:
        try:
            limit = int(limit)
        except (TypeError, ValueError):
            raise FinderError(_("Het aantal resultaten moet een getal zijn."), "limit") from None
        if not 1 <= limit <= MAX_LIMIT:
            raise FinderError(
                _("Het aantal resultaten moet tussen 1 en %(max)s liggen.") % {"max": MAX_LIMIT},
                "limit",
            )
    return query, gemeente, domein, limit


def backend_name():
    return "elasticsearch" if getattr(settings, "ELASTICSEARCH_URL", "") else "python"


def suggestion(query, language="nl"):
    """The question with only its misspelt words corrected, or "" when nothing was corrected.

    Shown as "Bedoelde u …?"; real Dutch or English words are never changed.
    """
    return get_index(language).analyse(query or "").suggestion


def find(query="", gemeente=None, domein=None, limit=DEFAULT_LIMIT, language="nl", correct=True):
    """[Result] best first, after `clean_params`; `correct=False` searches the words as typed."""
    index = get_index(language)
    if backend_name() == "elasticsearch" and query:
        from .elastic import search as es_search

        ranked = es_search(index, query, gemeente=gemeente, domein=domein, limit=limit,
                           language=language, correct=correct)
    else:
        ranked, _analysis = index.search(query, gemeente=gemeente, domein=domein, limit=limit,
                                         correct=correct)
    return [
        Result(
            key=scheme.key, title=scheme.title, url=scheme.url, soort=scheme.soort,
            score=score, lijn=scheme.lijn, samenvatting=scheme.samenvatting,
            page_id=scheme.page_id,
        )
        for scheme, score in ranked
    ]
