"""What the "Wat we leren" page shows: trends from the published quarterly reports (their
frozen figures, already under the small-count rule), the most frequent themes and the
status of all advice."""

from django.utils.translation import gettext

from .charts import column_chart
from .figures import row_label, show


def _publications(page):
    """Reports and advice next to this page: one query."""
    from .models import Advies, KennisbankIndexPage, Kwartaalrapportage

    parent = page.get_parent().specific
    if isinstance(parent, KennisbankIndexPage):
        children = parent.typed_children("kwartaalrapportage", "advies")
    else:  # pragma: no cover - the page only lives under the kennisbank
        children = list(Kwartaalrapportage.objects.live().child_of(parent)) + list(
            Advies.objects.live().child_of(parent)
        )
    reports = [c for c in children if isinstance(c, Kwartaalrapportage)]
    advice = [c for c in children if isinstance(c, Advies)]
    return reports, advice


def _reports(page, reports):
    reports = sorted(reports, key=lambda r: (r.year, r.quarter, -r.pk), reverse=True)
    seen, result = set(), []
    for report in reports:
        period = (report.year, report.quarter)
        if period in seen or not report._figures_match(report.figures):
            continue
        seen.add(period)
        result.append(report)
        if len(result) >= page.quarters_shown:
            break
    result.reverse()
    return result


def trend_points(reports):
    """(quarter, total) per report, oldest first, led by the quarter before the oldest report
    (its figures carry that quarter as "previous")."""
    points = []
    if reports:
        first = reports[0].figures
        previous = "Q{quarter} {year}".format(**first["previous"])
        points.append((previous, first["total"]["previous"]))
    points += [(r.period_label, r.figures["total"]["value"]) for r in reports]
    return points


def trend_matrix(reports):
    header = [gettext("Kwartaal"), gettext("Aantal meldingen")]
    rows = [[label, show(value)] for label, value in trend_points(reports)]
    return {"header": header, "rows": rows, "footer": None}


def themes_matrix(reports):
    """Themes per quarter, the most frequent first (by the sum of the shown counts)."""
    per_theme = {}
    for index, report in enumerate(reports):
        table = next((t for t in report.figures["tables"] if t["key"] == "thema"), None)
        for row in (table or {}).get("rows", []):
            entry = per_theme.setdefault(row["key"], {"row": row, "values": [None] * len(reports)})
            entry["values"][index] = row["value"]
    ranked = sorted(
        per_theme.values(),
        key=lambda e: (-sum(v for v in e["values"] if v is not None), row_label(e["row"])),
    )
    header = [gettext("Thema")] + [r.period_label for r in reports]
    rows = [[row_label(e["row"])] + [show(v) for v in e["values"]] for e in ranked]
    return {"header": header, "rows": rows, "footer": None}, ranked


def learning_context(page):
    from .models import Advies

    all_reports, advice = _publications(page)
    reports = _reports(page, all_reports)
    context = {"reports": reports, "tables": []}
    if reports:
        trend = trend_matrix(reports)
        themes, ranked = themes_matrix(reports)
        context["tables"] = [
            {
                "key": "trend",
                "title": gettext("Aantal meldingen per kwartaal"),
                "matrix": trend,
                "chart": column_chart(
                    gettext("Aantal meldingen per kwartaal"), trend_points(reports)
                ),
            },
            {"key": "themas", "title": gettext("Thema's per kwartaal"), "matrix": themes},
        ]
        context["top_themes"] = [
            row_label(e["row"]) for e in ranked
            if any(v is not None for v in e["values"])
        ][:3]
    advice.sort(key=lambda a: (a.date, a.pk), reverse=True)
    context["advice"] = advice
    status_counts = {}
    for item in advice:
        status_counts[item.follow_up] = status_counts.get(item.follow_up, 0) + 1
    context["advice_status"] = [
        (label, status_counts.get(value, 0)) for value, label in Advies.FollowUp.choices
    ]
    return context


def table_by_key(page, key):
    for table in learning_context(page)["tables"]:
        if table["key"] == key:
            return table
    return None
