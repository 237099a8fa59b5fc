"""Crisis help and the quick exit in real Chromium, as a resident uses them.

A crisis question in Dutch and English shows the box first in <main> on search, the guided
finder and the form, at 320 px and 1280 px, also without JavaScript; an ordinary question
never does. "Snel weg" is in the first screen of a 320×640 phone on every page type, stays
in reach when scrolling, replaces the page (Back does not return) by click or Shift ×3 and
is a plain link without JavaScript. axe-core and vnu stay at zero on the new pages.
"""

import re
from urllib.parse import urlsplit

import pytest

from tests.browser import axe_violations, html_errors

pytestmark = pytest.mark.browser

NEUTRAL = "https://www.buienradar.nl/"
PHONE = {"width": 320, "height": 640}
DESKTOP = {"width": 1280, "height": 900}


def new_page(browser, viewport=DESKTOP, javascript=True, locale="nl-NL"):
    context = browser.new_context(viewport=viewport, java_script_enabled=javascript,
                                  locale=locale, bypass_csp=True)
    page = context.new_page()
    # The neutral site is a third party: answer it locally, so no test leaves this machine.
    context.route(re.compile(r"^https://www\.buienradar\.nl/.*"), lambda route: route.fulfill(
        status=200, content_type="text/html",
        body="<!DOCTYPE html><html lang=nl><title>Weer</title><h1>Het weer</h1></html>",
    ))
    return context, page


def assert_box_first(page):
    """The crisis box is the first thing in <main>, above the h1 and every result."""
    box = page.locator("main #crisis-hulp")
    assert box.count() == 1
    first = page.evaluate(
        "document.querySelector('main .slp-container').firstElementChild.id"
    )
    assert first == "crisis-hulp"
    top = box.bounding_box()["y"]
    h1 = page.locator("main h1").first.bounding_box()["y"]
    assert top < h1
    results = page.locator("main .slp-card")
    if results.count():
        assert top < results.first.bounding_box()["y"]
    assert box.locator("a[href='tel:112']").count() == 1
    assert box.locator("a[href='tel:08002000']").count() == 1


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["320", "1280"])
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_search_shows_crisis_help_first(site_url, _chromium, viewport, javascript):
    context, page = new_page(_chromium, viewport, javascript)
    try:
        page.goto(f"{site_url}/")
        if not page.locator("#zoek-site").is_visible():  # on a phone: behind "Menu"
            page.locator("#menu summary").click()
        page.fill("#zoek-site", "mijn ex bedreigt mij en de kinderen")
        page.locator("#zoek-site").press("Enter")
        page.wait_for_url(re.compile(r"/zoeken/"))
        assert_box_first(page)
        assert "bedreigt" not in page.title()
        page.goto(f"{site_url}/en/zoeken/")
        page.fill("#zoek-pagina", "domestic violence")
        page.get_by_role("button", name="Search").last.click()
        assert_box_first(page)
        assert "Emergency number" in page.locator("#crisis-hulp").inner_text()
        # An ordinary question never shows it.
        page.goto(f"{site_url}/zoeken/")
        page.fill("#zoek-pagina", "klacht over Veilig Thuis")
        page.get_by_role("button", name="Zoek").last.click()
        assert page.locator("#crisis-hulp").count() == 0
        assert page.locator("main .slp-card").count() > 0
    finally:
        context.close()


def walk_finder_to_safety(page, site_url, prefix="", labels=("Verder", "Geweld")):
    page.goto(f"{site_url}{prefix}/vinden/")
    page.locator("input[name=gemeente]").first.check()
    page.get_by_role("button", name=labels[0]).click()
    page.get_by_label(re.compile(labels[1])).check()
    page.get_by_role("button", name=labels[0]).click()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["320", "1280"])
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_finder_safety_topic_shows_help_first_and_stays_out_of_url_and_title(
    site_url, _chromium, viewport, javascript
):
    context, page = new_page(_chromium, viewport, javascript)
    try:
        walk_finder_to_safety(page, site_url)
        assert_box_first(page)
        assert "geweld" not in page.url and "over=" not in page.url
        assert "eweld" not in page.title() and "onveilig" not in page.title().lower()
        assert page.locator("main").get_by_text("Klacht over Veilig Thuis").count() == 1
        walk_finder_to_safety(page, site_url, "/en", ("Continue", "Violence"))
        assert_box_first(page)
        assert "geweld" not in page.url and "iolence" not in page.title()
        # Another topic keeps the usual shareable address and shows no crisis help.
        page.goto(f"{site_url}/vinden/")
        page.locator("input[name=gemeente]").first.check()
        page.get_by_role("button", name="Verder").click()
        page.get_by_label("Zorg", exact=True).check()
        page.get_by_role("button", name="Verder").click()
        assert "over=zorg" in page.url
        assert page.locator("#crisis-hulp").count() == 0
    finally:
        context.close()


def walk_form_to_story(page, site_url, story, prefix="", next_label="Volgende stap"):
    page.goto(f"{site_url}{prefix}/melden/")
    page.check("input[name=kind][value=signaal]")
    page.get_by_role("button", name=next_label).click()
    page.check("input[name=domain][value=jeugd]")
    page.get_by_role("button", name=next_label).click()
    page.get_by_role("button", name=next_label).click()
    page.fill("#id_description", story)
    page.get_by_role("button", name=next_label).click()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["320", "1280"])
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_form_shows_crisis_help_after_a_crisis_story(site_url, _chromium, viewport, javascript):
    context, page = new_page(_chromium, viewport, javascript)
    try:
        page.goto(f"{site_url}/melden/")
        notice = page.locator("#geen-noodgevallen")
        assert notice.locator("a[href='tel:112']").count() == 1
        walk_form_to_story(page, site_url, "Ik ben bang voor mijn ex, hij slaat de kinderen.")
        assert_box_first(page)
        walk_form_to_story(page, site_url, "My partner hits me and I am afraid.", "/en",
                           "Next step")
        assert_box_first(page)
        walk_form_to_story(page, site_url, "De thuiszorg kwam drie weken niet.")
        assert page.locator("#crisis-hulp").count() == 0
    finally:
        context.close()


# --- quick exit ---------------------------------------------------------------------------

APP_PAGES = [
    "/zoeken/?q=wmo", "/zoeken/?q=huiselijk+geweld", "/vinden/", "/melden/", "/sporen-wissen/",
    "/en/sporen-wissen/", "/en/vinden/", "/en/melden/", "/bestaat-niet/",
    "/vinden/?gemeente=haarlem&over=zorg&wil=klagen&wie=aanbieder&eerder=nee",
]


def quick_exit_in_reach(page):
    button = page.locator("#snel-weg")
    assert button.is_visible()
    box = button.bounding_box()
    assert 0 <= box["y"] and box["y"] + box["height"] <= PHONE["height"]
    assert box["x"] + box["width"] <= PHONE["width"]
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    box = button.bounding_box()
    assert 0 <= box["y"] and box["y"] + box["height"] <= PHONE["height"], "not sticky"
    assert button.get_attribute("href") == NEUTRAL


def test_quick_exit_on_every_page_type_in_the_first_phone_screen(site_url, _chromium):
    context, page = new_page(_chromium, PHONE)
    try:
        page.goto(f"{site_url}/sitemap.xml")
        locations = re.findall(r"<loc>([^<]+)</loc>", page.content())
        paths = sorted({urlsplit(location).path for location in locations}) + APP_PAGES
        assert len(paths) > 20
        for path in paths:
            page.goto(site_url + path)
            try:
                quick_exit_in_reach(page)
            except AssertionError as error:
                raise AssertionError(f"{path}: {error}") from error
    finally:
        context.close()


def test_quick_exit_replaces_the_page_by_click_and_by_shift_three_times(site_url, _chromium):
    context, page = new_page(_chromium, PHONE)
    try:
        page.goto(f"{site_url}/")
        page.goto(f"{site_url}/sporen-wissen/")
        page.locator("#snel-weg").click()
        page.wait_for_url(NEUTRAL)
        page.go_back()
        assert urlsplit(page.url).path == "/"  # not back on the page that was left
        page.goto(f"{site_url}/melden/")
        page.locator("body").click()
        for _ in range(3):
            page.keyboard.press("Shift")
        page.wait_for_url(NEUTRAL)
        page.go_back()
        assert urlsplit(page.url).path == "/"
        # Typing capitals (Shift with letters) does not leave the page.
        page.goto(f"{site_url}/zoeken/")
        page.focus("#zoek-pagina")
        page.keyboard.type("Wmo Jeugd Ggz")
        assert "/zoeken/" in page.url
    finally:
        context.close()


def test_quick_exit_is_a_plain_link_without_javascript(site_url, _chromium):
    context, page = new_page(_chromium, PHONE, javascript=False)
    try:
        page.goto(f"{site_url}/vinden/")
        quick_exit_in_reach(page)
        page.locator("#snel-weg").click()
        page.wait_for_url(NEUTRAL)
    finally:
        context.close()


def test_new_pages_have_no_axe_violations_and_valid_html(site_url, _chromium):
    """Sporen wissen (nl, en), search / finder / form with the crisis box, the contact step."""
    context, page = new_page(_chromium, DESKTOP)
    documents, violations = {}, {}

    def check(name):
        documents[name] = page.content()
        found = axe_violations(page)
        if found:
            violations[name] = found

    try:
        for path in ("/sporen-wissen/", "/en/sporen-wissen/",
                     "/zoeken/?q=huiselijk+geweld", "/en/zoeken/?q=domestic+violence",
                     "/melden/"):
            page.goto(site_url + path)
            check(path)
        walk_finder_to_safety(page, site_url)
        check("vinden-veiligheid")
        page.goto(f"{site_url}/vinden/")
        page.locator("input[name=gemeente]").first.check()
        page.get_by_role("button", name="Verder").click()
        check("vinden-over")
        walk_form_to_story(page, site_url, "Mijn vader slaat mij.")
        check("melden-crisis")
        page.check("input[name=earlier_complaint][value=nee]")
        page.get_by_role("button", name="Volgende stap").click()
        page.check("input[name=on_behalf][value=ander]")
        page.check("input[name=toestemming][value=kan-niet]")
        page.get_by_role("button", name="Volgende stap").click()
        check("namens-fout")
        page.fill("#id_toestemming_reden", "Mijn zoon is twee jaar.")
        page.get_by_role("button", name="Volgende stap").click()
        page.check("input[name=contact][value=telefoon]")
        page.fill("#id_phone", "023 555 12 34")
        page.check("input[name=veilig_bellen][value=ja]")
        page.check("input[name=veilig_inspreken][value=nee]")
        page.check("input[name=veilig_mailen][value=nee]")
        check("contact")
        page.get_by_role("button", name="Volgende stap").click()
        page.get_by_role("button", name="Volgende stap").click()
        check("controleren")
        assert "Mijn zoon is twee jaar." in page.content()
        page.get_by_role("button", name="Melding versturen").click()
        page.wait_for_url(re.compile(r"/melden/bevestiging/"))
        check("bevestiging")
        assert page.locator("#crisis-hulp").count() == 1  # the story spoke of danger
    finally:
        context.close()
    assert violations == {}
    assert html_errors(documents) == []


def test_editor_adds_a_crisis_word_in_the_admin_and_sees_the_report(site_url, _chromium):
    import uuid

    from django.contrib.auth.models import Group, Permission, User

    username = f"redacteur-{uuid.uuid4().hex[:8]}"
    user = User.objects.create_user(username, password="geheim-wachtwoord-123")
    group, _created = Group.objects.get_or_create(name="Vinder-redactie (test)")
    group.permissions.add(*Permission.objects.filter(
        content_type__app_label="search", codename__in=[
            "add_crisiswoord", "change_crisiswoord", "view_crisiswoord", "change_synoniem",
        ]), Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    context, page = new_page(_chromium, DESKTOP)
    try:
        page.goto(f"{site_url}/zoeken/?q=mijn+oom+intimideert+mij")
        assert page.locator("#crisis-hulp").count() == 0
        page.goto(f"{site_url}/admin/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", "geheim-wachtwoord-123")
        page.locator("form button[type=submit]").first.click()
        page.wait_for_url(re.compile(r"/admin/$"))
        page.goto(f"{site_url}/admin/snippets/search/crisiswoord/add/")
        page.fill("#id_term", "Intimideert")
        page.get_by_role("button", name="Opslaan").first.click()
        page.wait_for_url(re.compile(r"/admin/snippets/search/crisiswoord/$"))
        assert "intimideert" in page.locator("main").inner_text()
        page.goto(f"{site_url}/zoeken/?q=mijn+oom+intimideert+mij")
        assert_box_first(page)
        page.goto(f"{site_url}/admin/reports/crisishulp/")
        report = page.locator("main").inner_text()
        assert "intimideert" in report and "mijn oom" not in report
    finally:
        context.close()
