"""Where the quarterly counts come from (see `figures.py` for the interface).

`default_source()` reads the meldingen of the meldformulier app when its `Melding` model
exists; without it there are no figures (nothing is invented).
"""

from .figures import count_records, quarter_of


class RecordSource:
    """Counts from plain records: dicts with a `received` datetime and one value (or a list)
    per dimension. Used by the tests with hand-counted fixtures."""

    def __init__(self, records, labels=None, categories=None):
        self.by_quarter = {}
        for record in records:
            self.by_quarter.setdefault(quarter_of(record["received"]), []).append(record)
        self._labels = labels or {}
        self._categories = categories or {}

    def counts(self, year, quarter):
        return count_records(self.by_quarter.get((year, quarter), []))

    def labels(self, dimension):
        return self._labels.get(dimension, {})

    def categories(self, dimension):
        return self._categories.get(dimension)


def default_source():
    try:
        from meldformulier.models import Melding  # noqa: F401
    except ImportError:
        return None
    from .melding_source import MeldingSource

    return MeldingSource()
