"""Case pages and the newsletter in real Chromium: axe-core, no JavaScript needed, and
subscribing and unsubscribing end to end."""

import re

import pytest
from django.core import mail

from tests.browser import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=False)]


def _paths():
    from casussen.models import Casus, NieuwsbriefEditie

    case = Casus.objects.live().order_by("path").first()
    edition = NieuwsbriefEditie.objects.live().order_by("path").first()
    return [
        "/casussen/", "/casussen/?domein=wmo&thema=paarse-krokodil",
        "/casussen/?domein=bestaat-niet", "/en/casussen/", case.url, "/nieuwsbrief/",
        edition.url, "/nieuwsbrief/aanmelden/",
    ]


def test_case_and_newsletter_pages_have_no_axe_violations(browser_page, site_url):
    violations = {}
    for path in _paths():
        browser_page.goto(site_url + path)
        found = axe_violations(browser_page)
        if found:
            violations[path] = found
    assert violations == {}


def test_filters_work_without_javascript(_chromium, site_url):
    context = _chromium.new_context(java_script_enabled=False, locale="nl-NL")
    page = context.new_page()
    page.goto(site_url + "/casussen/")
    page.select_option("#filter-domein", "schulden")
    page.get_by_role("button", name="Toon casussen").click()
    page.wait_for_url(re.compile(r"domein=schulden"))
    assert page.get_by_role("status").inner_text().startswith("1 casus")
    assert page.get_by_role("link", name="Lang wachten op schuldhulp").is_visible()
    context.close()


def test_subscribe_confirm_and_unsubscribe_end_to_end(browser_page, site_url):
    from casussen.models import Abonnee

    mail.outbox.clear()
    browser_page.goto(site_url + "/nieuwsbrief/aanmelden/")
    browser_page.get_by_role("button", name="Aanmelden").click()  # empty: error summary
    assert browser_page.get_by_role("alert").is_visible()
    assert axe_violations(browser_page) == []
    browser_page.get_by_label("Uw e-mailadres").fill("browser-lezer@example.org")
    browser_page.get_by_role("button", name="Aanmelden").click()
    assert "Kijk in uw e-mail" in browser_page.get_by_role("status").inner_text()

    link = re.search(r"https?://\S+/nieuwsbrief/bevestigen/\S+/", mail.outbox[-1].body).group()
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    browser_page.goto(site_url + path)
    browser_page.get_by_role("button", name="Ja, bevestig mijn aanmelding").click()
    assert "bevestigd" in browser_page.get_by_role("status").inner_text()
    abonnee = Abonnee.objects.get(email="browser-lezer@example.org")
    assert abonnee.state == Abonnee.ACTIVE

    browser_page.goto(f"{site_url}/nieuwsbrief/afmelden/{abonnee.unsubscribe_token}/")
    browser_page.get_by_role("button", name="Afmelden").click()
    assert "afgemeld" in browser_page.get_by_role("status").inner_text()
    abonnee.refresh_from_db()
    assert abonnee.state == Abonnee.UNSUBSCRIBED
