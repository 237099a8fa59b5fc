"""Demo meldingen and demo quarterly reports: development only, idempotent, and the report's
figures match the meldingen of its quarter (counted independently with the ORM)."""

from collections import Counter

import pytest
from django.core.management import call_command

from kennisbank import demo
from kennisbank.figures import SMALL, quarter_bounds
from kennisbank.models import KennisbankIndexPage, Kwartaalrapportage
from meldformulier.models import Melding

pytestmark = pytest.mark.django_db

QUARTERS = [(2019, 1), (2019, 2), (2019, 3), (2019, 4)]


def test_no_demo_meldingen_outside_development(settings, monkeypatch):
    assert not settings.DEBUG
    assert not demo.demo_meldingen_allowed()
    assert not Melding.objects.exists()  # the test database got the demo without them
    settings.KENNISBANK_DEMO_MELDINGEN = True
    assert demo.demo_meldingen_allowed()
    monkeypatch.setenv("DJANGO_SETTINGS_MODULE", "portal.settings.production")
    assert not demo.demo_meldingen_allowed()


def test_demo_meldingen_and_reports(client, settings):
    created = demo.generate_demo_meldingen(QUARTERS)
    assert created == sum(demo.QUARTER_SIZES) >= 300
    assert demo.generate_demo_meldingen(QUARTERS) == 0  # idempotent
    index = KennisbankIndexPage.objects.get(locale__language_code="nl")
    en = index.get_translations().first().locale
    demo.load_reports(index, en, QUARTERS)
    demo.load_reports(index, en, QUARTERS)
    reports = Kwartaalrapportage.objects.filter(year=2019, locale__language_code="nl")
    assert sorted(r.quarter for r in reports) == [3, 4]

    report = reports.get(quarter=4)
    start, end = quarter_bounds(2019, 4)
    in_quarter = Melding.objects.filter(created_at__gte=start, created_at__lt=end)
    assert report.figures["total"]["value"] == in_quarter.count() == demo.QUARTER_SIZES[3]
    kinds = Counter(in_quarter.values_list("kind", flat=True))
    table = next(t for t in report.figures["tables"] if t["key"] == "soort")
    for row in table["rows"]:
        if row["value"] is not None:
            assert row["value"] == kinds[row["key"]] >= SMALL
        else:
            assert row["key"] == "_overig" or kinds[row["key"]] < SMALL or any(
                other["value"] is None for other in table["rows"] if other is not row
            )
    domains = Counter(in_quarter.values_list("domain__key", flat=True))
    table = next(t for t in report.figures["tables"] if t["key"] == "domein")
    for row in table["rows"]:
        if row["value"] is not None and row["key"] != "_overig":
            assert row["value"] == domains[row["key"]]
    response = client.get(report.url)
    assert f"<strong>{demo.QUARTER_SIZES[3]}</strong>" in response.content.decode()
    # The demo loader itself stays idempotent with them in place.
    settings.KENNISBANK_DEMO_MELDINGEN = True
    count = Melding.objects.count()
    call_command("load_demo", verbosity=0)
    assert Melding.objects.filter(created_at__year=2019).count() == sum(demo.QUARTER_SIZES)
    assert Melding.objects.count() >= count
