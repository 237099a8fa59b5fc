"""Quarterly figures: hand-counted fixtures, the small-count rule (also in CSV and charts),
frozen figures on publishing, the "Wat we leren" page."""

import csv
import io
import re
from datetime import UTC, datetime
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kennisbank.figures import SMALL, compute_figures, hide_cells
from kennisbank.models import KennisbankIndexPage, Kwartaalrapportage, Thema, WatWeLerenPage
from meldformulier.models import Melding, MeldingTelling
from verwijsgids.models import Domein

pytestmark = pytest.mark.django_db

LESS = "minder dan 5"


# --- The small-count rule --------------------------------------------------------------------


def test_hide_cells_examples():
    # One small cell next to a shown total: the smallest other cell is hidden too.
    assert hide_cells([10, 3, 7], 20) == [False, True, True]
    # Two small cells that together are 5 or more: enough.
    assert hide_cells([10, 3, 2, 8], 23) == [False, True, True, False]
    # Two small cells that together are below 5: one more.
    assert hide_cells([10, 1, 1, 8], 20) == [False, True, True, True]
    # Zeros count as small too; a lone big cell would give itself away.
    assert hide_cells([0, 0, 12], 12) == [True, True, True]
    # A total below 5 hides everything.
    assert hide_cells([3, 1], 4) == [True, True]
    # Without a total (one melding in several categories) only small cells are hidden.
    assert hide_cells([10, 3, 7], None) == [False, True, False]
    assert hide_cells([9, 8], 17) == [False, False]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=40), min_size=1, max_size=9))
def test_hidden_cells_cannot_be_worked_out(values):
    total = sum(values)
    hidden = hide_cells(values, total)
    shown = [v for v, h in zip(values, hidden, strict=True) if not h]
    assert all(v >= SMALL for v in shown)
    hidden_values = [v for v, h in zip(values, hidden, strict=True) if h]
    if hidden_values and total >= SMALL:
        # total minus the shown cells is the sum of at least two hidden cells, 5 or more
        assert len(hidden_values) >= 2 and sum(hidden_values) >= SMALL


# --- Hand-counted fixture --------------------------------------------------------------------

CURRENT, PREVIOUS = (2015, 1), (2014, 4)


def _melding(n, when, kind="klacht", domain=None, organisations="", referred="",
             outcome="", themes=(), paarse=False):
    melding = Melding.objects.create(
        reference=f"TEST-{n:05d}", created_at=when, kind=kind,
        domain=Domein.objects.get(key=domain) if domain else None,
        organisations=organisations, doorverwezen_naar=referred, uitkomst=outcome,
        description="test", contact="anoniem", paarse_krokodil=paarse,
    )
    if themes:
        melding.themes.set(Thema.objects.filter(key__in=themes))
    return melding


@pytest.fixture
def meldingen():
    """20 meldingen in Q1 2015 and 8 in Q4 2014, plus kept counts of 2 deleted ones."""
    n = iter(range(1, 1000))
    q1 = datetime(2015, 2, 10, 12, tzinfo=UTC)
    # Kinds in Q1: 12 klacht, 5 signaal, 3 hulpvraag.
    kinds = ["klacht"] * 12 + ["signaal"] * 5 + ["hulpvraag"] * 3
    # Domains: 9 wmo, 7 jeugd, 4 schulden.
    domains = ["wmo"] * 9 + ["jeugd"] * 7 + ["schulden"] * 4
    # Outcomes: 8 opgelost, 7 doorverwezen (to klacht-wmo-aanbieder), 5 still open.
    outcomes = ["opgelost"] * 8 + ["doorverwezen"] * 7 + [""] * 5
    # Themes: bereikbaarheid on 6, wachttijden on 2 (two of those 6 have both).
    themes = [("bereikbaarheid",)] * 4 + [("bereikbaarheid", "wachttijden")] * 2 + [()] * 14
    # Organisations (free text): "sociaal wijkteam" on 6 in any spelling; a name on 1.
    organisations = (["Sociaal wijkteam", "sociaal  WIJKTEAM", "Sociaal wijkteam, Kredietbank"]
                     * 2 + ["Buurman Piet"] + [""] * 13)
    for i in range(20):
        when = q1
        if i == 0:  # 00:30 on 1 January in Amsterdam is Q1, though still 2014 in UTC
            when = datetime(2014, 12, 31, 23, 30, tzinfo=UTC)
        if i == 1:  # 23:30 on 31 March in Amsterdam
            when = datetime(2015, 3, 31, 21, 30, tzinfo=UTC)
        _melding(next(n), when, kind=kinds[i], domain=domains[i],
                 organisations=organisations[i],
                 referred="klacht-wmo-aanbieder" if outcomes[i] == "doorverwezen" else "",
                 outcome=outcomes[i], themes=themes[i], paarse=i < 3)
    for i in range(8):  # Q4 2014: 8 klacht, wmo, opgelost; 2 referred
        _melding(next(n), datetime(2014, 11, 5, 9, tzinfo=UTC), domain="wmo", outcome="opgelost",
                 referred="klacht-wmo-aanbieder" if i < 2 else "")
    # Two deleted meldingen of Q1 2015, kept as anonymous counts.
    MeldingTelling.objects.create(year=2015, quarter=1, kind="signaal", domain_key="zorg",
                                  uitkomst="opgelost", count=2)
    MeldingTelling.objects.create(year=2015, quarter=1, kind="signaal", domain_key="zorg",
                                  uitkomst="opgelost", theme_key="bereikbaarheid", count=2)


def _table(figures, key):
    table = next(t for t in figures["tables"] if t["key"] == key)
    return {row["key"]: (row["value"], row["previous"], row["change"]) for row in table["rows"]}


def test_figures_match_hand_counts(meldingen):
    figures = compute_figures(*CURRENT)
    assert figures["total"] == {"value": 22, "previous": 8, "change": 14}
    # Kinds: klacht 12, signaal 5+2=7, hulpvraag 3, compliment 0, rest 0. The small ones add
    # up to 3, so signaal (the smallest shown) is hidden too. Q4: klacht 8 is all of the
    # total, so it would give away the zeros: hidden.
    assert _table(figures, "soort") == {
        "klacht": (12, None, None), "signaal": (None, None, None),
        "hulpvraag": (None, None, None), "compliment": (None, None, None),
        "_overig": (None, None, None),
    }
    # Domains: wmo 9, jeugd 7; schulden 4 + zorg 2 (kept counts) = 6 hidden, enough.
    # Q4: wmo 8 is the whole total, so it would give away the zeros: hidden.
    domains = _table(figures, "domein")
    assert domains["wmo"] == (9, None, None)
    assert domains["jeugd"] == (7, None, None)
    assert domains["schulden"] == domains["zorg"] == (None, None, None)
    # Outcomes: opgelost 8+2=10, doorverwezen 7; open 5 is hidden to protect the zeros.
    outcomes = _table(figures, "uitkomst")
    assert outcomes["opgelost"] == (10, None, None)
    assert outcomes["doorverwezen"] == (7, None, None)
    assert outcomes["_open"] == (None, None, None)
    # Referrals: 7 to the Wmo provider, 15 not; in Q4 2 and 6: both hidden.
    assert _table(figures, "verwijzing") == {
        "klacht-wmo-aanbieder": (7, None, None), "_overig": (15, None, None),
    }
    # Themes (one melding can have several): bereikbaarheid 6+2=8, wachttijden 2.
    themes = _table(figures, "thema")
    assert themes["bereikbaarheid"] == (8, None, None)
    assert themes["wachttijden"] == (None, None, None)
    assert len(themes) == Thema.objects.count()
    # Organisations: free text only appears with 5 or more meldingen.
    assert _table(figures, "organisatie") == {"sociaal wijkteam": (6, None, None)}
    assert figures["paarse_krokodil"] == {"value": None, "previous": None, "change": None}


def test_no_value_below_five_leaves_the_figures_module(meldingen):
    def walk(value):
        if isinstance(value, dict):
            for key, item in value.items():
                if key in ("value", "previous") and isinstance(item, int):
                    assert item >= SMALL
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(compute_figures(*CURRENT))
    walk(compute_figures(*PREVIOUS))


# --- The report page -------------------------------------------------------------------------


@pytest.fixture
def report(meldingen):
    index = KennisbankIndexPage.objects.get(locale__language_code="nl")
    page = Kwartaalrapportage(title="Kwartaalrapportage Q1 2015", slug="test-q1-2015",
                              year=2015, quarter=1, intro="Test.")
    index.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


class Tables(HTMLParser):
    """Rows of every <table> and every <svg> (role, aria, title, desc, texts, bars)."""

    def __init__(self):
        super().__init__()
        self.tables, self.svgs, self.csv_links = [], [], []
        self._row = self._cell = None
        self._svg = None
        self._svg_tag = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = ""
        elif tag == "a" and attrs.get("href", "").endswith(".csv"):
            self.csv_links.append(attrs["href"])
        elif tag == "svg":
            self._svg = {"attrs": attrs, "ids": {}, "texts": [], "bars": 0}
        elif self._svg is not None:
            self._svg_tag = (tag, attrs.get("id"))
            if tag == "rect":
                self._svg["bars"] += 1

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self._row.append(self._cell.strip())
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.tables[-1].append(self._row)
            self._row = None
        elif tag == "svg":
            self.svgs.append(self._svg)
            self._svg = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell += data
        if self._svg is not None and self._svg_tag:
            tag, ident = self._svg_tag
            if tag in ("title", "desc"):
                self._svg["ids"][ident] = (tag, data)
            elif tag == "text":
                self._svg["texts"].append(data)


def _parse(response):
    parser = Tables()
    parser.feed(response.content.decode())
    return parser


def test_report_page_shows_the_frozen_figures(client, report):
    assert report.figures["total"]["value"] == 22
    body = client.get(report.url).content.decode()
    assert "Aantal meldingen: <strong>22</strong>" in body
    assert "sociaal wijkteam".lower() in body.lower()
    assert "Buurman Piet" not in body


def test_published_figures_do_not_change_later(client, report):
    frozen = report.figures
    for i in range(10):
        _melding(900 + i, datetime(2015, 2, 1, tzinfo=UTC), kind="hulpvraag")
    Melding.objects.filter(kind="klacht").delete()
    report.refresh_from_db()
    assert report.figures == frozen
    # A new revision from the editor (which never carries figures) keeps them too.
    revision = report.save_revision()
    revision.publish()
    report.refresh_from_db()
    assert report.figures == frozen
    assert "Aantal meldingen: <strong>22</strong>" in client.get(report.url).content.decode()
    # Figures of a draft are computed live (pre-filled for the editor).
    draft = Kwartaalrapportage(title="Concept", slug="concept", year=2015, quarter=1, intro="x")
    assert draft.get_figures()["total"]["value"] == 22 + 10 - 12


def test_every_table_cell_follows_the_small_count_rule(client, report):
    parsed = _parse(client.get(report.url))
    assert len(parsed.tables) == 6
    for table in parsed.tables:
        for row in table[1:]:
            for cell in row[1:3]:
                assert cell == LESS or int(cell) >= SMALL, (row, cell)


def test_csv_equals_the_table(client, report):
    parsed = _parse(client.get(report.url))
    assert len(parsed.csv_links) == len(parsed.tables) == 6
    for link, table in zip(parsed.csv_links, parsed.tables, strict=True):
        response = client.get(link)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/csv")
        text = response.content.decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text)))
        assert rows == table
        for row in rows[1:]:
            for cell in row[1:3]:
                assert cell == LESS or int(cell) >= SMALL


def test_unknown_csv_table_is_404(client, report):
    assert client.get(f"/kennisbank/cijfers/{report.pk}/bestaat-niet.csv").status_code == 404
    assert client.get("/kennisbank/cijfers/999999/soort.csv").status_code == 404


def test_charts_have_text_alternatives_and_no_bar_for_hidden_values(client, report):
    parsed = _parse(client.get(report.url))
    assert len(parsed.svgs) == 6
    for svg, table in zip(parsed.svgs, parsed.tables, strict=True):
        assert svg["attrs"]["role"] == "img"
        labelled = svg["attrs"]["aria-labelledby"].split()
        kinds = [svg["ids"][ident][0] for ident in labelled]
        assert kinds == ["title", "desc"]
        desc = svg["ids"][labelled[1]][1]
        body_rows = [row for row in table[1:] if row[0] != "Totaal"]
        for row in body_rows:
            assert f"{row[0]}: {row[1]}" in desc
        shown = [row for row in body_rows if row[1] != LESS]
        assert svg["bars"] == len(shown)
        numbers = [t for t in svg["texts"] if re.fullmatch(r"\d+", t)]
        assert all(int(t) >= SMALL for t in numbers)


def test_report_page_within_query_budget(client, report, django_assert_max_num_queries):
    url = report.url
    client.get("/")
    with django_assert_max_num_queries(10):
        assert client.get(url).status_code == 200


def test_wat_we_leren_shows_trends_themes_and_advice(client, report,
                                                     django_assert_max_num_queries):
    page = WatWeLerenPage.objects.get(locale__language_code="nl")
    url = page.url
    client.get("/")
    with django_assert_max_num_queries(10):
        response = client.get(url)
    body = response.content.decode()
    assert "Q1 2015" in body
    parsed = _parse(response)
    trend = parsed.tables[0]
    assert trend[1:] == [["Q4 2014", "8"], ["Q1 2015", "22"]]  # from the frozen figures
    assert "Bereikbaarheid" in body.split("vaakst voorkomen")[1].split("</ol>")[0]
    assert "Deels opgevolgd" in body and "Open" in body
    for link in parsed.csv_links:
        rows = list(csv.reader(io.StringIO(client.get(link).content.decode("utf-8-sig"))))
        assert rows in parsed.tables
    assert parsed.svgs and parsed.svgs[0]["attrs"]["role"] == "img"
