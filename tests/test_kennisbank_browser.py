"""Kennisbank in real Chromium: register and cancel as a visitor would, with axe-core and the
Nu Html Checker on every step; a quarterly report with figures (axe + valid HTML).

(The kennisbank pages in the sitemap are also checked by test_browser_frame.)"""

import pytest
from django.core import mail

from tests.browser import axe_violations, html_errors

pytestmark = pytest.mark.browser

SESSION = "/kennisbank/samenwerken-over-grenzen/"


def test_register_and_cancel_in_the_browser(browser_page, site_url):
    from kennisbank.models import Aanmelding

    page = browser_page  # page.content() is taken before axe injects its script
    documents = {}
    mail.outbox.clear()
    page.goto(site_url + SESSION)
    page.get_by_role("link", name="Meld u aan").click()
    page.wait_for_url(f"**{SESSION}aanmelden/")
    documents["form"] = page.content()
    assert axe_violations(page) == []

    # Nothing filled in: the error summary links to the fields.
    page.get_by_role("button", name="Meld mij aan").click()
    summary = page.locator(".slp-error-summary")
    assert summary.is_visible()
    assert summary.get_by_role("link", name="Vul uw naam in.").get_attribute("href") == "#id_name"
    assert page.locator("#id_email").get_attribute("aria-invalid") == "true"
    documents["form with errors"] = page.content()
    assert axe_violations(page) == []

    page.get_by_label("Naam").fill("Browser Test")
    page.get_by_label("E-mailadres").fill("browser@example.org")
    page.get_by_role("button", name="Meld mij aan").click()
    assert page.get_by_role("status").get_by_text("Kijk in uw e-mail").is_visible()
    documents["sent"] = page.content()
    assert axe_violations(page) == []
    # The visitor opens the link in the e-mail.
    link = next(line for line in mail.outbox[0].body.splitlines() if "/aanmelding/" in line)
    page.goto(site_url + "/kennisbank" + link.strip().split("/kennisbank", 1)[1])
    assert page.locator("dd", has_text="Aangemeld").is_visible()
    documents["registered"] = page.content()
    assert axe_violations(page) == []
    assert [m.to for m in mail.outbox] == [["browser@example.org"]]
    registration = Aanmelding.objects.get(email="browser@example.org")
    assert registration.manage_url().endswith(page.url.split("/kennisbank", 1)[1].split("?")[0])

    page.get_by_role("button", name="Afmelden").click()
    assert page.get_by_role("heading", level=1).inner_text() == "U bent afgemeld"
    documents["cancelled"] = page.content()
    assert axe_violations(page) == []
    assert not Aanmelding.objects.filter(email="browser@example.org").exists()
    assert html_errors(documents) == []


def test_report_with_figures_has_no_axe_violations_and_valid_html(browser_page, site_url,
                                                                   client, django_db_blocker):
    """The report is built in the test's own transaction and shown through the test client;
    the browser renders that HTML on the live site's address (so the CSS loads)."""
    from datetime import UTC, datetime

    from kennisbank.models import KennisbankIndexPage, Kwartaalrapportage, WatWeLerenPage
    from meldformulier.models import Melding

    with django_db_blocker.unblock():
        from django.db import transaction

        with transaction.atomic():
            for n in range(40):
                Melding.objects.create(
                    reference=f"BR-{n}", created_at=datetime(2016, 2, 1 + n % 20, tzinfo=UTC),
                    kind="klacht" if n % 3 else "signaal", description="x", contact="anoniem",
                )
            index = KennisbankIndexPage.objects.get(locale__language_code="nl")
            report = Kwartaalrapportage(title="Q1 2016", slug="browser-q1-2016", year=2016,
                                        quarter=1, intro="Test.")
            index.add_child(instance=report)
            report.save_revision().publish()
            pages = {
                "report": client.get(report.url).content.decode(),
                "wat we leren": client.get(
                    WatWeLerenPage.objects.get(locale__language_code="nl").url
                ).content.decode(),
            }
            transaction.set_rollback(True)
    for name, html in pages.items():
        assert "<svg" in html, name
        browser_page.goto(site_url + "/kennisbank/")
        browser_page.set_content(html)
        assert axe_violations(browser_page) == [], name
    assert html_errors(pages) == []
