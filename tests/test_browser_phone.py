"""Phone-first frame in Chromium: the h1 in the first screen at 320×640, the "Menu" button,
"Bedoelde u" keeping the typed question, the contact details (Dutch and English, with and
without JavaScript)."""

import re
from urllib.parse import urlsplit

import pytest

from tests.browser import axe_violations

pytestmark = pytest.mark.browser

PHONE = {"width": 320, "height": 640}
WIDE = {"width": 1280, "height": 900}
# Pages outside the sitemap a resident meets: search, the guided finder, the form, a 404.
EXTRA_PATHS = [
    "/zoeken/?q=mijn+moeder+krijgt+te+weinig+uren+hulp", "/vinden/", "/melden/",
    "/en/zoeken/?q=they+don%27t+listen", "/en/vinden/", "/en/melden/", "/bestaat-niet/",
]


def axe_clean(page, context):
    """axe-core needs JavaScript; without it the same page is checked in the JS variant."""
    return context.get("java_script_enabled", True) is False or axe_violations(page) == []


def context_args(viewport, javascript=True):
    return {"viewport": viewport, "java_script_enabled": javascript, "bypass_csp": True,
            "locale": "nl-NL"}


def page_types(page, site_url):
    """One sitemap page per kind of address (first part and depth) plus the extra pages."""
    page.goto(f"{site_url}/sitemap.xml")
    paths = sorted({urlsplit(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>",
                                                             page.content())})
    kinds = {}
    for path in paths:
        parts = [part for part in path.split("/") if part]
        kinds.setdefault((tuple(parts[:2]) if parts[:1] == ["en"] else tuple(parts[:1]),
                          len(parts)), path)
    return sorted(kinds.values()) + EXTRA_PATHS


@pytest.mark.parametrize("browser_context_args", [
    context_args(PHONE), context_args(PHONE, javascript=False)], ids=["js", "no-js"])
def test_h1_starts_in_the_first_screen_on_every_page_type(browser_page, site_url):
    paths = page_types(browser_page, site_url)
    assert "/" in paths and "/en/" in paths and len(paths) >= 15
    late, doubled = {}, {}
    for path in paths:
        browser_page.goto(site_url + path)
        top = browser_page.evaluate("document.querySelector('h1').getBoundingClientRect().top")
        if top >= PHONE["height"] - 40:
            late[path] = round(top)
        title = browser_page.title()
        if title.lower().count("signaleerpunt sociaal domein") > 1:
            doubled[path] = title
    assert late == {}, f"h1 below the first screen at 320×640: {late}"
    assert doubled == {}


@pytest.mark.parametrize("browser_context_args", [
    context_args(PHONE), context_args(PHONE, javascript=False)], ids=["js", "no-js"])
@pytest.mark.parametrize("path", ["/", "/en/"])
def test_menu_button_opens_the_menu_on_a_phone(browser_page, site_url, path,
                                              browser_context_args):
    browser_page.goto(site_url + path)
    menu = browser_page.get_by_role("navigation", name=re.compile("Hoofdmenu|Main menu"))
    assert not menu.is_visible() and not browser_page.locator("#zoek-site").is_visible()
    browser_page.get_by_text("Menu", exact=True).click()
    assert menu.is_visible() and browser_page.locator("#zoek-site").is_visible()
    assert axe_clean(browser_page, browser_context_args)
    width = browser_page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]
    browser_page.fill("#zoek-site", "privacy")
    browser_page.press("#zoek-site", "Enter")
    browser_page.wait_for_url(re.compile(r"/zoeken/\?q=privacy"))


@pytest.mark.parametrize("browser_context_args", [context_args(WIDE)])
def test_wide_screen_shows_the_menu_without_a_button(browser_page, site_url):
    browser_page.goto(site_url + "/")
    assert not browser_page.get_by_text("Menu", exact=True).is_visible()
    assert browser_page.get_by_role("navigation", name="Hoofdmenu").is_visible()
    assert browser_page.locator("#zoek-site").is_visible()
    # Skip link, "Snel weg", the logo: the search box follows within a few presses of Tab.
    reached = []
    for _ in range(6):
        browser_page.keyboard.press("Tab")
        reached.append(browser_page.evaluate("document.activeElement.id"))
        if reached[-1] == "zoek-site":
            break
    assert reached[-1] == "zoek-site", reached
    assert "snel-weg" in reached


@pytest.mark.parametrize("browser_context_args", [
    context_args(PHONE, javascript=False), context_args(WIDE)], ids=["320-no-js", "1280"])
def test_did_you_mean_keeps_the_typed_question(browser_page, site_url, browser_context_args):
    browser_page.goto(site_url + "/zoeken/")
    browser_page.fill("#zoek-pagina", "klacht over mijn huisats")
    browser_page.press("#zoek-pagina", "Enter")
    browser_page.wait_for_url(re.compile(r"/zoeken/\?q="))
    assert browser_page.input_value("#zoek-pagina") == "klacht over mijn huisats"
    box = browser_page.locator("#zoek-pagina").bounding_box()
    assert box["width"] >= min(280, browser_page.viewport_size["width"] - 40)
    assert browser_page.get_by_text("Bedoelde u:").is_visible()
    browser_page.get_by_role("link", name="Zoek toch op “klacht over mijn huisats”").click()
    assert "letterlijk=1" in browser_page.url
    assert browser_page.input_value("#zoek-pagina") == "klacht over mijn huisats"
    assert browser_page.get_by_text("Bedoelde u:").count() == 0
    browser_page.fill("#zoek-pagina", "mijn moeder krijgt te weinig hulp")
    browser_page.press("#zoek-pagina", "Enter")
    browser_page.wait_for_url(re.compile(r"moeder"))
    assert browser_page.input_value("#zoek-pagina") == "mijn moeder krijgt te weinig hulp"
    assert browser_page.get_by_text("Bedoelde u:").count() == 0
    assert axe_clean(browser_page, browser_context_args)


@pytest.mark.parametrize("browser_context_args", [
    context_args(PHONE, javascript=False), context_args(WIDE)], ids=["320-no-js", "1280"])
@pytest.mark.parametrize("path", ["/contact/", "/verwijsgids/signaleerpunt/", "/en/contact/"])
def test_contact_details_on_the_named_pages(browser_page, site_url, path,
                                           browser_context_args):
    browser_page.goto(site_url + path)
    main = browser_page.locator("main")
    assert main.locator('a[href="tel:14023"]').first.is_visible()
    assert main.locator('a[href="tel:112"]').first.is_visible()
    footer = browser_page.locator("footer")
    assert footer.locator('a[href="tel:14023"]').is_visible()
    assert footer.locator('a[href="tel:112"]').is_visible()
    assert axe_clean(browser_page, browser_context_args)


@pytest.mark.parametrize("browser_context_args", [context_args(PHONE)])
def test_long_dutch_compounds_are_hyphenated_and_the_favicon_is_local(browser_page, site_url):
    browser_page.goto(site_url + "/")
    style = browser_page.evaluate(
        "(() => { const s = getComputedStyle(document.querySelector('h1'));"
        " return [s.hyphens, s.overflowWrap, document.documentElement.lang]; })()")
    assert style == ["auto", "break-word", "nl"]
    icon = browser_page.locator('link[rel="icon"]').get_attribute("href")
    assert icon.startswith("/static/") and icon.endswith(".svg")
    assert browser_page.request.get(site_url + icon).status == 200
