"""Charts as accessible SVG, rendered on the server.

Each chart has role="img", a <title> and a <desc> (referenced by aria-labelledby) that say the
same as the table next to it. A hidden value ("minder dan 5") never gets a bar: its length
would give the value away.
"""

import itertools

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from .figures import dimension_title, row_label, show

_ids = itertools.count(1)

WIDTH = 640
LABEL_W = 230
VALUE_W = 110
ROW_H = 30
BAR_H = 18


def _truncate(text, limit=30):
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _svg(title, desc, width, height, body):
    n = next(_ids)
    tid, did = f"grafiek-{n}-titel", f"grafiek-{n}-uitleg"
    return mark_safe(  # noqa: S308 (every text below is escaped)
        f'<svg class="slp-chart" role="img" aria-labelledby="{tid} {did}" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{tid}">{escape(title)}</title><desc id="{did}">{escape(desc)}</desc>'
        f"{body}</svg>"
    )


def bar_chart(table, period):
    """Horizontal bars: one per row of a figures table, for the chosen quarter."""
    rows = table["rows"]
    title = gettext("%(title)s, %(period)s") % {
        "title": dimension_title(table["key"]), "period": period,
    }
    desc = gettext("Aantal meldingen per categorie: %(list)s.") % {
        "list": "; ".join(f"{row_label(r)}: {show(r['value'])}" for r in rows)
    }
    top = max([r["value"] for r in rows if r["value"] is not None] or [1])
    bar_area = WIDTH - LABEL_W - VALUE_W
    parts = []
    for i, row in enumerate(rows):
        y = i * ROW_H + 6
        parts.append(
            f'<text x="{LABEL_W - 8}" y="{y + BAR_H - 4}" text-anchor="end" '
            f'class="slp-chart__label">{escape(_truncate(row_label(row)))}</text>'
        )
        if row["value"] is None:
            parts.append(
                f'<text x="{LABEL_W}" y="{y + BAR_H - 4}" class="slp-chart__muted">'
                f"{escape(show(None))}</text>"
            )
            continue
        length = round(bar_area * row["value"] / top) if top else 0
        parts.append(
            f'<rect x="{LABEL_W}" y="{y}" width="{max(length, 1)}" height="{BAR_H}" '
            f'class="slp-chart__bar"/>'
        )
        parts.append(
            f'<text x="{LABEL_W + length + 6}" y="{y + BAR_H - 4}" class="slp-chart__value">'
            f"{row['value']}</text>"
        )
    height = len(rows) * ROW_H + 12
    return _svg(title, desc, WIDTH, height, "".join(parts))


def column_chart(title, points):
    """Vertical columns over time: points are (label, value-or-None)."""
    desc = "; ".join(f"{label}: {show(value)}" for label, value in points) + "."
    height, base = 260, 220
    n = max(len(points), 1)
    slot = (WIDTH - 40) / n
    top = max([v for _, v in points if v is not None] or [1])
    parts = [f'<line x1="20" y1="{base}" x2="{WIDTH - 20}" y2="{base}" class="slp-chart__axis"/>']
    for i, (label, value) in enumerate(points):
        x = 20 + i * slot
        cx = x + slot / 2
        parts.append(
            f'<text x="{cx:.0f}" y="{base + 22}" text-anchor="middle" class="slp-chart__label">'
            f"{escape(label)}</text>"
        )
        if value is None:
            parts.append(
                f'<text x="{cx:.0f}" y="{base - 8}" text-anchor="middle" '
                f'class="slp-chart__muted">{escape(show(None))}</text>'
            )
            continue
        h = round((base - 40) * value / top) if top else 0
        w = min(slot * 0.6, 80)
        parts.append(
            f'<rect x="{cx - w / 2:.0f}" y="{base - h}" width="{w:.0f}" height="{max(h, 1)}" '
            f'class="slp-chart__bar"/>'
        )
        parts.append(
            f'<text x="{cx:.0f}" y="{base - h - 6}" text-anchor="middle" '
            f'class="slp-chart__value">{value}</text>'
        )
    return _svg(title, desc, WIDTH, height, "".join(parts))
