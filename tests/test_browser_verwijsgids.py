"""Verwijsgids in real Chromium: axe-core on every state of the directory and the scheme
pages, valid HTML, and the filters without JavaScript at 320 px."""

import re

import pytest

from tests.browser import axe_violations, html_errors

pytestmark = pytest.mark.browser

PATHS = [
    "/verwijsgids/",
    "/verwijsgids/?gemeente=haarlem&domein=jeugd&soort=klacht",
    "/verwijsgids/?domein=zorg&soort=beroep",  # no results
    "/verwijsgids/?gemeente=atlantis&soort=rechtszaak",  # errors
    "/verwijsgids/bezwaar/",
    "/verwijsgids/nationale-ombudsman/",
    "/verwijsgids/klacht-veilig-thuis/",  # overdue check
    "/verwijsgids/vertrouwenspersoon-wmo/",  # never checked, no organisation
    "/en/verwijsgids/",
    "/en/verwijsgids/klacht-gemeente/",
]


def test_directory_and_schemes_have_no_axe_violations_and_valid_html(browser_page, site_url):
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


@pytest.mark.parametrize("browser_context_args", [
    {"java_script_enabled": False, "viewport": {"width": 320, "height": 640}, "bypass_csp": True},
])
def test_filters_work_without_javascript_at_320_px(browser_page, site_url):
    browser_page.goto(site_url + "/verwijsgids/")
    assert browser_page.evaluate("document.documentElement.scrollWidth") <= 320
    browser_page.select_option("#filter-gemeente", "haarlem")
    browser_page.select_option("#filter-soort", "ombudsman")
    browser_page.get_by_role("button", name="Toon regelingen").click()
    browser_page.wait_for_url(re.compile(r"gemeente=haarlem"))
    assert "soort=ombudsman" in browser_page.url
    status = browser_page.get_by_role("status").inner_text()
    assert status == "1 regeling gevonden"
    assert browser_page.get_by_role("link", name="Nationale ombudsman").is_visible()
    assert browser_page.get_by_role("link", name=re.compile("Metropool Amsterdam")).count() == 0
    for path in ["/verwijsgids/bezwaar/", "/verwijsgids/?gemeente=atlantis"]:
        browser_page.goto(site_url + path)
        width = browser_page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{path} scrolls sideways at 320 px ({width} px)"


def test_error_summary_links_to_the_field(browser_page, site_url):
    browser_page.goto(site_url + "/verwijsgids/?gemeente=atlantis")
    alert = browser_page.get_by_role("alert")
    assert "kennen wij niet" in alert.inner_text()
    alert.get_by_role("link").click()
    assert browser_page.url.endswith("#filter-gemeente")
    described = browser_page.get_attribute("#filter-gemeente", "aria-describedby")
    assert browser_page.locator(f"#{described}").inner_text().startswith("Deze gemeente")
