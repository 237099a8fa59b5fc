"""Anonymous quarterly figures from the meldingen, with the small-count rule.

Every count below SMALL (5) is shown as "minder dan 5" — in tables, CSV and charts. In tables
whose rows add up to a shown total, one more cell is hidden when otherwise a hidden value
could be worked out (total minus the shown rows). The JSON that leaves this module holds
only values that may be shown: hidden values are `None`.

The counts come from a *source* (see `sources.py`): an object with
`counts(year, quarter) -> {"total": int, "dims": {dimension: {category: int}}}`,
`labels(dimension) -> {category: (label_nl, label_en)}` and
`categories(dimension) -> [category, ...] | None` (None: an open set, e.g. organisations).
"""

import csv
import io
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

SMALL = 5
OTHER = "_overig"


@dataclass(frozen=True)
class Dimension:
    key: str
    title: str
    multi: bool  # one melding can count in several categories (no total row)
    other: tuple = ("Overig of onbekend", "Other or unknown")  # label of the rest row


DIMENSIONS = [
    Dimension("soort", _("Soort melding"), multi=False),
    Dimension("domein", _("Domein"), multi=False,
              other=("Weet ik niet of overig", "Not known or other")),
    Dimension("organisatie", _("Betrokken organisatie"), multi=True),
    Dimension("verwijzing", _("Doorverwezen naar"), multi=False,
              other=("Niet of naar een andere plek doorverwezen",
                     "Not referred, or referred elsewhere")),
    Dimension("uitkomst", _("Uitkomst"), multi=False),
    Dimension("thema", _("Thema"), multi=True),
]
DIMENSION_BY_KEY = {d.key: d for d in DIMENSIONS}


def dimension_title(key):
    dim = DIMENSION_BY_KEY.get(key)
    return str(dim.title) if dim else key


# --- Quarters --------------------------------------------------------------------------------


def quarter_bounds(year, quarter):
    """[start, end) of a quarter in local time (Europe/Amsterdam), as aware datetimes."""
    tz = ZoneInfo(settings.TIME_ZONE)
    start = datetime(year, 3 * (quarter - 1) + 1, 1, tzinfo=tz)
    end = datetime(year + 1, 1, 1, tzinfo=tz) if quarter == 4 else datetime(
        year, 3 * quarter + 1, 1, tzinfo=tz
    )
    return start, end


def previous_quarter(year, quarter):
    return (year - 1, 4) if quarter == 1 else (year, quarter - 1)


def quarter_of(moment):
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    return local.year, (local.month - 1) // 3 + 1


def last_quarters(n, year=None, quarter=None):
    """The n quarters up to and including (year, quarter), oldest first."""
    if year is None:
        year, quarter = quarter_of(timezone.now())
    result = [(year, quarter)]
    while len(result) < n:
        result.insert(0, previous_quarter(*result[0]))
    return result


# --- Counting --------------------------------------------------------------------------------


def count_records(records):
    """Counts from records: dicts {dimension: category | [categories] | None}."""
    dims = {d.key: Counter() for d in DIMENSIONS}
    total = paarse = 0
    for record in records:
        total += 1
        paarse += 1 if record.get("paarse_krokodil") else 0
        for dim in DIMENSIONS:
            value = record.get(dim.key)
            if value is None:
                continue
            values = set(value) if isinstance(value, list | tuple | set) else {value}
            for category in values:
                dims[dim.key][category] += 1
    return {"total": total, "paarse_krokodil": paarse,
            "dims": {key: dict(counter) for key, counter in dims.items()}}


def add_counts(a, b):
    """Sum of two counts (e.g. live meldingen plus kept aggregates of deleted ones)."""
    dims = {}
    for key in set(a["dims"]) | set(b["dims"]):
        merged = Counter(a["dims"].get(key, {}))
        merged.update(b["dims"].get(key, {}))
        dims[key] = dict(merged)
    return {"total": a["total"] + b["total"],
            "paarse_krokodil": a.get("paarse_krokodil", 0) + b.get("paarse_krokodil", 0),
            "dims": dims}


# --- The small-count rule --------------------------------------------------------------------


def visible(value):
    return value >= SMALL


def hide_cells(values, additive_total=None):
    """Which cells to hide: every value below SMALL, plus, when the cells add up to a shown
    total, more cells (smallest first) until the hidden ones cannot be worked out: at least
    two hidden cells that together are SMALL or more."""
    hidden = [not visible(v) for v in values]
    if additive_total is None:
        return hidden
    if not visible(additive_total):
        return [True] * len(values)
    while True:
        hidden_values = [v for v, h in zip(values, hidden, strict=True) if h]
        if not hidden_values or (len(hidden_values) >= 2 and sum(hidden_values) >= SMALL):
            return hidden
        shown = [(v, i) for i, (v, h) in enumerate(zip(values, hidden, strict=True)) if not h]
        if not shown:
            return hidden
        hidden[min(shown)[1]] = True


def _column(values, additive_total):
    hidden = hide_cells(values, additive_total)
    return [None if h else v for v, h in zip(values, hidden, strict=True)]


def _change(value, previous):
    if value is None or previous is None:
        return None
    return value - previous


def build_table(dim, current, previous, labels, categories):
    """One table: a row per category, the value this quarter, the previous quarter, the
    change. Only values that may be shown are in the result."""
    cur = current["dims"].get(dim.key, {})
    prev = previous["dims"].get(dim.key, {})
    if categories is not None:
        keys = list(categories) + sorted(k for k in set(cur) | set(prev) if k not in categories)
    else:
        keys = [k for k in set(cur) | set(prev) if max(cur.get(k, 0), prev.get(k, 0)) >= SMALL]
        keys.sort(key=lambda k: (-cur.get(k, 0), -prev.get(k, 0), str(k)))
    cur_values = [cur.get(k, 0) for k in keys]
    prev_values = [prev.get(k, 0) for k in keys]
    if not dim.multi:
        keys.append(OTHER)
        cur_values.append(current["total"] - sum(cur_values))
        prev_values.append(previous["total"] - sum(prev_values))
    cur_total = None if dim.multi else current["total"]
    prev_total = None if dim.multi else previous["total"]
    cur_shown = _column(cur_values, cur_total)
    prev_shown = _column(prev_values, prev_total)
    rows = []
    for key, value, before in zip(keys, cur_shown, prev_shown, strict=True):
        if key == OTHER:
            label = dim.other
        else:
            label = labels.get(key, (str(key), str(key)))
        rows.append({
            "key": str(key), "label": label[0], "label_en": label[1] or label[0],
            "value": value, "previous": before, "change": _change(value, before),
        })
    table = {"key": dim.key, "multi": dim.multi, "rows": rows}
    if not dim.multi:
        value = cur_total if visible(cur_total) else None
        before = prev_total if visible(prev_total) else None
        table["total"] = {"value": value, "previous": before, "change": _change(value, before)}
    return table


def _part_of_total(part, total):
    """A count that is part of the shown total: hidden too when the rest is below SMALL
    (total minus the count would give the rest away)."""
    return None if hide_cells([part, total - part], total)[0] else part


def _single(current, before, key):
    value = _part_of_total(current.get(key, 0), current["total"])
    previous = _part_of_total(before.get(key, 0), before["total"])
    return {"value": value, "previous": previous, "change": _change(value, previous)}


def compute_figures(year, quarter, source=None):
    """The figures of a quarter against the previous one, or None without a source."""
    if source is None:
        from .sources import default_source

        source = default_source()
        if source is None:
            return None
    current = source.counts(year, quarter)
    before = source.counts(*previous_quarter(year, quarter))
    total = current["total"] if visible(current["total"]) else None
    previous_total = before["total"] if visible(before["total"]) else None
    py, pq = previous_quarter(year, quarter)
    return {
        "year": year,
        "quarter": quarter,
        "previous": {"year": py, "quarter": pq},
        "computed_at": timezone.now().isoformat(timespec="seconds"),
        "total": {"value": total, "previous": previous_total,
                  "change": _change(total, previous_total)},
        "paarse_krokodil": _single(current, before, "paarse_krokodil"),
        "tables": [
            build_table(dim, current, before, source.labels(dim.key),
                        source.categories(dim.key))
            for dim in DIMENSIONS
        ],
    }


# --- Showing figures -------------------------------------------------------------------------


def show(value):
    return gettext("minder dan 5") if value is None else str(value)


def show_change(value):
    if value is None:
        return "–"
    return f"+{value}" if value > 0 else str(value)


def row_label(row):
    if translation.get_language() == "en":
        return row.get("label_en") or row["label"]
    return row["label"]


def table_matrix(table, period, previous_period):
    """Header and rows of a figures table as shown text: the HTML table and the CSV both use
    this, so they are always equal."""
    header = [dimension_title(table["key"]), period, previous_period, gettext("Verschil")]
    rows = [[row_label(r), show(r["value"]), show(r["previous"]), show_change(r["change"])]
            for r in table["rows"]]
    footer = None
    if table.get("total"):
        t = table["total"]
        footer = [gettext("Totaal"), show(t["value"]), show(t["previous"]),
                  show_change(t["change"])]
    return {"header": header, "rows": rows, "footer": footer}


def matrix_csv(matrix):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(matrix["header"])
    writer.writerows(matrix["rows"])
    if matrix.get("footer"):
        writer.writerow(matrix["footer"])
    return out.getvalue()
