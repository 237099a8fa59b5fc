"""The page frame in real Chromium: WCAG 2.2 AA (axe-core), valid HTML, keyboard, no JS, 320 px."""

import re
from urllib.parse import urlsplit

import pytest

from tests.browser import axe_violations, html_errors

pytestmark = pytest.mark.browser


def sitemap_paths(page, site_url):
    page.goto(f"{site_url}/sitemap.xml")
    locations = re.findall(r"<loc>([^<]+)</loc>", page.content())
    return sorted({urlsplit(location).path for location in locations})


def test_every_sitemap_page_has_no_axe_violations_and_valid_html(browser_page, site_url):
    paths = sitemap_paths(browser_page, site_url)
    assert "/" in paths and "/en/" in paths and "/toegankelijkheid/" in paths
    violations, documents = {}, {}
    for path in paths:
        response = browser_page.goto(site_url + path)
        assert response.status == 200, path
        documents[path] = response.text()
        found = axe_violations(browser_page)
        if found:
            violations[path] = found
    assert violations == {}
    assert html_errors(documents) == []


@pytest.mark.parametrize("path", ["/zoeken/?q=privacy", "/bestaat-niet/"])
def test_other_frame_pages_have_no_axe_violations(browser_page, site_url, path):
    browser_page.goto(site_url + path)
    assert axe_violations(browser_page) == []


def test_skip_link_is_first_and_moves_focus_to_main(browser_page, site_url):
    browser_page.goto(site_url + "/")
    browser_page.keyboard.press("Tab")
    focused = browser_page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Naar de inhoud"
    browser_page.keyboard.press("Enter")
    assert browser_page.evaluate("document.activeElement.id") == "inhoud"


def test_search_works_with_keyboard_only(browser_page, site_url):
    browser_page.goto(site_url + "/")
    browser_page.focus("#zoek-site")
    browser_page.keyboard.type("privacy")
    browser_page.keyboard.press("Enter")
    browser_page.wait_for_url(re.compile(r"/zoeken/\?q=privacy"))
    assert browser_page.get_by_role("link", name="Privacy").first.is_visible()


def test_language_switch_keeps_the_page(browser_page, site_url):
    browser_page.goto(site_url + "/privacy/")
    browser_page.get_by_role("link", name="English").click()
    assert urlsplit(browser_page.url).path == "/en/privacy/"
    assert browser_page.evaluate("document.documentElement.lang") == "en"


@pytest.mark.parametrize("browser_context_args", [
    {"java_script_enabled": False, "viewport": {"width": 320, "height": 640}, "bypass_csp": True},
])
def test_works_without_javascript_at_320_px(browser_page, site_url):
    for path in ["/", "/toegankelijkheid/", "/zoeken/?q=zorg"]:
        browser_page.goto(site_url + path)
        width = browser_page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{path} scrolls sideways at 320 px ({width} px)"
    browser_page.goto(site_url + "/")
    browser_page.get_by_text("Menu", exact=True).click()
    browser_page.fill("#zoek-site", "privacy")
    browser_page.press("#zoek-site", "Enter")
    browser_page.wait_for_url(re.compile(r"/zoeken/"))
    assert "privacy" in browser_page.url
