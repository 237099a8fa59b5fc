"""Finder pages in real Chromium: no axe-core violations, valid HTML, works without JS."""

import pytest

from tests.browser import axe_violations, html_errors

pytestmark = pytest.mark.browser

RESULT = ("/vinden/?gemeente=haarlem&over=zorg&wil=klagen&wie=aanbieder&eerder=antwoord")
PATHS = [
    "/zoeken/?q=klacht",
    "/zoeken/?q=qqqxxzz",
    "/zoeken/?q=" + "x" * 201,
    "/vinden/",
    "/vinden/?gemeente=haarlem",
    "/vinden/?stap=gemeente&verder=1",
    RESULT,
    "/en/vinden/",
]


def test_finder_pages_have_no_axe_violations_and_valid_html(browser_page, site_url):
    violations, documents = {}, {}
    for path in PATHS:
        response = browser_page.goto(site_url + path)
        assert response.status in (200, 400), path
        documents[path] = response.text()
        found = axe_violations(browser_page)
        if found:
            violations[path] = found
    assert violations == {}
    assert html_errors(documents) == []


def test_guided_finder_works_with_the_keyboard_and_without_javascript(
    _chromium, site_url
):
    context = _chromium.new_context(java_script_enabled=False, locale="nl-NL")
    page = context.new_page()
    page.goto(f"{site_url}/vinden/")
    page.get_by_label("Haarlem").check()
    page.get_by_role("button", name="Verder").click()
    page.get_by_label("Zorg", exact=True).check()
    page.get_by_role("button", name="Verder").click()
    page.get_by_label("Klagen over hoe het ging").check()
    page.get_by_role("button", name="Verder").click()
    page.get_by_label("Een organisatie die zorg of hulp geeft").check()
    page.get_by_role("button", name="Verder").click()
    page.get_by_label("Nee, nog niet").check()
    page.get_by_role("button", name="Verder").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Hier kunt u terecht"
    assert "Klacht bij de zorgaanbieder" in page.locator("ol.slp-advice").inner_text()
    page.go_back()
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Heeft u hier al over geklaagd of bezwaar gemaakt?")
    context.close()


def test_result_page_at_320_pixels_does_not_scroll_sideways(_chromium, site_url):
    context = _chromium.new_context(viewport={"width": 320, "height": 700})
    page = context.new_page()
    page.goto(site_url + RESULT)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320
    context.close()
