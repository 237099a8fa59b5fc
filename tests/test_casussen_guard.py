"""The privacy guard: findings shown in the editor, publishing blocked, override logged,
second-person approval through the workflow "Casus publiceren" with its Privacytoets."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from wagtail.models import Workflow

from casussen.models import Casus, PrivacyOverride, PrivacytoetsTask

pytestmark = pytest.mark.django_db

NAME_TEXT = "Mevrouw Kaya belde ons drie keer, maar niemand nam op."


def _user(username, *groups, perms=()):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "x")
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    for codename in perms:
        app, code = codename.split(".")
        user.user_permissions.add(Permission.objects.get(content_type__app_label=app,
                                                         codename=code))
    return user


@pytest.fixture
def editor():
    return _user("redacteur", "Editors")


@pytest.fixture
def moderator():
    return _user("moderator", "Moderators")


@pytest.fixture
def officer():
    return _user("privacy", "Moderators", "Privacyfunctionaris")


@pytest.fixture
def case():
    return Casus.objects.live().get(slug="taxi-komt-niet")


def _form_data(page, **changes):
    data = {
        "title": page.title, "slug": page.slug, "summary": page.summary,
        "situation": page.situation, "what_went_wrong": page.what_went_wrong,
        "what_was_done": page.what_was_done, "result": page.result, "lessons": page.lessons,
        "quarter": page.quarter, "year": page.year, "outcome": page.outcome,
        "organisations": page.organisations,
        "domains": [d.pk for d in page.domains.all()],
        "themes": [t.pk for t in page.themes.all()],
        "seo_title": "", "search_description": "",
        "comments-TOTAL_FORMS": "0", "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0", "comments-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


def _edit(client, page, **changes):
    return client.post(f"/admin/pages/{page.pk}/edit/", _form_data(page, **changes))


def test_saving_a_draft_with_a_name_works_and_the_editor_sees_it_in_place(client, moderator,
                                                                            case):
    client.force_login(moderator)
    response = _edit(client, case, situation=NAME_TEXT)
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.has_unpublished_changes
    assert NAME_TEXT not in case.situation  # the live version is untouched
    page = client.get(f"/admin/pages/{case.pk}/edit/").content.decode()
    assert "<mark>Kaya</mark>" in page
    assert "Publicatierichtlijn" in page


def test_publishing_with_a_name_is_blocked_with_the_finding_at_its_place(client, moderator,
                                                                         case):
    client.force_login(moderator)
    response = _edit(client, case, situation=NAME_TEXT, **{"action-publish": "1"})
    assert response.status_code == 200  # the form comes back with errors
    body = response.content.decode()
    assert "»Kaya«" in body
    case.refresh_from_db()
    assert NAME_TEXT not in case.situation
    assert not PrivacyOverride.objects.exists()


def test_nobody_publishes_a_case_directly_not_even_a_privacy_officer(client, officer, case):
    client.force_login(officer)
    response = _edit(client, case, lessons="Meld elk probleem met het vervoer.",
                     **{"action-publish": "1"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.lessons != "Meld elk probleem met het vervoer."  # the live version is kept
    assert case.has_unpublished_changes  # the change waits as a draft
    page = client.get(response["Location"]).content.decode()
    assert "tweede persoon" in page and "Privacytoets" in page


def test_bulk_publishing_skips_no_privacytoets(client, moderator, case):
    case.save_revision(user=moderator)
    client.force_login(moderator)
    url = f"/admin/bulk/wagtailcore/page/publish/?id={case.pk}&next=/admin/pages/"
    response = client.post(url, {"include_descendants": ""})
    assert response.status_code == 302
    assert Casus.objects.get(pk=case.pk).has_unpublished_changes


def test_publishing_a_case_needs_an_approval_by_someone_else(editor, officer, case):
    revision = case.save_revision(user=editor)
    with pytest.raises(PermissionDenied):
        revision.publish(user=officer)
    # Submitted by the officer: the officer cannot approve it, a second officer can.
    workflow = case.get_workflow()
    state = workflow.start(case, officer).current_task_state
    task = state.task.specific
    assert [a[0] for a in task.get_actions(case, officer)] == ["reject"]
    with pytest.raises(PermissionDenied):
        task.on_action(state, officer, "approve")
    second = _user("privacy2", "Privacyfunctionaris")
    assert "approve" in [a[0] for a in task.get_actions(case, second)]
    task.on_action(state, second, "approve")
    case.refresh_from_db()
    assert case.live and not case.has_unpublished_changes


def test_hook_blocks_publishing_outside_the_form(rf, moderator, case):
    from django.contrib.messages.storage.fallback import FallbackStorage

    from casussen.wagtail_hooks import block_direct_publishing_of_cases

    request = rf.post("/admin/", {})
    request.user = moderator
    request.session = {}
    request._messages = FallbackStorage(request)
    for text in ("Wij belden met haar zoon Ahmed.", "Wij belden met haar zoon."):
        case.what_was_done = text
        response = block_direct_publishing_of_cases(request, case)
        assert response is not None and response.status_code == 302
    assert [str(m) for m in request._messages][0].startswith(
        "Niet gepubliceerd: de privacycontrole")


def test_workflow_casus_publiceren_with_privacytoets_is_set_up(case):
    workflow = Workflow.objects.get(name="Casus publiceren")
    tasks = [task.specific for task in workflow.tasks.all()]
    assert [type(t) for t in tasks] == [PrivacytoetsTask]
    assert tasks[0].name == "Privacytoets"
    assert [g.name for g in tasks[0].groups.all()] == ["Privacyfunctionaris"]
    assert case.get_workflow() == workflow


def _submit(client, editor, case, **changes):
    client.force_login(editor)
    response = _edit(client, case, **changes, **{"action-submit": "1"})
    assert response.status_code == 302, response.content[:2000]
    case.refresh_from_db()
    return case.current_workflow_task_state


def test_editor_cannot_publish_but_can_submit_for_privacytoets(client, editor, officer, case):
    state = _submit(client, editor, case, lessons="Tel alle signalen samen.")
    assert state is not None and state.task.specific.name == "Privacytoets"
    task = state.task.specific
    assert task.get_actions(case, editor) == []  # the author cannot approve
    actions = [name for name, _label, _extra in task.get_actions(case, officer)]
    assert "approve" in actions
    task.on_action(state, officer, "approve")
    case.refresh_from_db()
    assert case.lessons == "Tel alle signalen samen." and case.live


def test_case_with_a_name_cannot_be_approved_without_override(client, editor, officer,
                                                             moderator, case):
    # Submitting with findings needs "toch aanbieden" (a warning first, see below).
    state = _submit(client, editor, case, situation=NAME_TEXT, privacy_submit_anyway="1")
    task = state.task.specific
    assert [a[0] for a in task.get_actions(case, officer)] == ["reject", "privacy_override"]
    # A second reviewer without the override permission gets no way to approve at all.
    reviewer = _user("reviewer", "Privacyfunctionaris")
    reviewer.groups.remove(Group.objects.get(name="Privacyfunctionaris"))
    reviewer.groups.add(Group.objects.get(name="Moderators"))
    task.groups.add(Group.objects.get(name="Moderators"))
    assert [a[0] for a in task.get_actions(case, reviewer)] == ["reject"]
    with pytest.raises(PermissionDenied):
        task.on_action(state, officer, "approve")
    with pytest.raises(PermissionDenied):
        task.on_action(state, reviewer, "privacy_override", comment="gewoon doen")
    case.refresh_from_db()
    assert NAME_TEXT not in case.situation

    task.on_action(state, officer, "privacy_override", comment="Kaya is een organisatie.")
    case.refresh_from_db()
    assert NAME_TEXT in case.situation
    log = PrivacyOverride.objects.get()
    assert log.user == officer and log.reason == "Kaya is een organisatie."


def test_guideline_in_the_admin_and_in_the_repository(client, editor):
    from casussen.guard import GUIDELINE_PATH

    text = GUIDELINE_PATH.read_text(encoding="utf-8")
    assert "Letters in plaats van namen" in text
    client.force_login(editor)
    response = client.get("/admin/casussen/publicatierichtlijn/")
    assert response.status_code == 200
    assert "Letters in plaats van namen" in response.content.decode()


def test_override_log_is_visible_to_privacy_officers_only(client, officer, editor, case):
    from casussen.models import PrivacyOverride

    PrivacyOverride.record(case, officer, "Organisatienaam", [{"kind": "naam", "text": "X"}])
    client.force_login(editor)
    refused = client.get("/admin/casussen/privacy-uitzonderingen/")
    assert refused.status_code in (302, 403)  # Wagtail sends refused admin users home
    assert "Organisatienaam" not in refused.content.decode()
    client.force_login(officer)
    response = client.get("/admin/casussen/privacy-uitzonderingen/")
    assert response.status_code == 200
    assert "Organisatienaam" in response.content.decode()


def test_send_edition_admin_page(client, moderator):
    from casussen.models import NieuwsbriefEditie

    edition = NieuwsbriefEditie.objects.live().first()
    client.force_login(moderator)
    response = client.get(f"/admin/casussen/editie/{edition.pk}/versturen/")
    assert response.status_code == 200
    assert client.post(f"/admin/casussen/editie/{edition.pk}/versturen/").status_code == 302


# --- the workflow comes from a data migration, not from the demo -------------------------


def test_migrations_alone_make_the_privacytoets_workflow(after_migrate):
    """Recorded right after `migrate`, before `load_demo` ran (tests/conftest.py)."""
    assert after_migrate["workflow_tasks"] == [
        ("PrivacytoetsTask", "Privacytoets", ["Privacyfunctionaris"])
    ]
    assert {"wagtailadmin.access_admin", "casussen.privacy_override"} <= set(
        after_migrate["group_permissions"]
    )


def test_a_new_case_overview_gets_the_workflow_and_the_group_its_permissions(home_page):
    from wagtail.models import GroupPagePermission, Locale

    from casussen.models import CasusIndexPage

    workflow = Workflow.objects.get(name="Casus publiceren")
    index = CasusIndexPage(title="Andere casussen", slug="andere-casussen")
    home_page.add_child(instance=index)
    assert index.workflowpage.workflow == workflow
    assert set(GroupPagePermission.objects.filter(
        page=index, group__name="Privacyfunctionaris"
    ).values_list("permission__codename", flat=True)) == {"change_page", "publish_page"}
    case = Casus(title="Nieuw", slug="nieuw", summary="Kort.", situation="x",
                 what_went_wrong="x", what_was_done="x", result="x", lessons="x", quarter=1)
    index.add_child(instance=case)
    assert case.get_workflow() == workflow
    # Its translation is a new page as well.
    english = index.copy_for_translation(Locale.objects.get(language_code="en"))
    assert english.workflowpage.workflow == workflow


def test_an_editor_cannot_publish_a_new_case_without_the_privacytoets(client, editor, officer):
    from casussen.models import CasusIndexPage

    index = CasusIndexPage.objects.get(locale__language_code="nl")
    client.force_login(editor)
    data = _form_data(Casus(title="Een nieuwe casus", slug="een-nieuwe-casus",
                            summary="Een inwoner wachtte lang.", situation="Hij wachtte.",
                            what_went_wrong="Niemand belde.", what_was_done="Wij belden.",
                            result="Het is opgelost.", lessons="Bel terug.", quarter=2,
                            year=2025, outcome="opgelost"))
    data["domains"], data["themes"] = [], []
    response = client.post(f"/admin/pages/add/casussen/casus/{index.pk}/",
                           {**data, "action-publish": "1"})
    case = Casus.objects.filter(slug="een-nieuwe-casus").first()
    assert case is None or not case.live  # no publish permission: at most a draft
    response = client.post(f"/admin/pages/add/casussen/casus/{index.pk}/",
                           {**data, "slug": "een-nieuwe-casus-2", "action-submit": "1"})
    assert response.status_code == 302
    case = Casus.objects.get(slug="een-nieuwe-casus-2")
    assert not case.live
    state = case.current_workflow_task_state
    assert state.task.specific.name == "Privacytoets"
    assert state.task.specific.get_actions(case, editor) == []
    state.task.specific.on_action(state, officer, "approve")
    case.refresh_from_db()
    assert case.live


# --- English case stories ------------------------------------------------------------------


@pytest.mark.parametrize(("text", "found"), [
    ("Mrs Okonkwo called us three times.", "Okonkwo"),
    ("Mr and Mrs Hughes asked for help.", "Hughes"),
    ("Her neighbour Kevin helped her with the forms.", "Kevin"),
    ("A man named Bartholomew wrote to us.", "Bartholomew"),
    ("Her carer, Jessica Thompson, called the team.", "Jessica Thompson"),
    ("On 12 March 2024 the municipality sent a letter.", "12 March 2024"),
    ("The letter of March 3, 2024 was wrong.", "March 3, 2024"),
    ("She lives at 14 Church Street with her son.", "14 Church Street"),
    ("Born on 3 May 1950, he lives alone.", "3 May 1950"),
])
def test_english_personal_data_is_found(text, found):
    from casussen.pii import scan

    assert found in [finding.text for finding in scan(text)]


@pytest.mark.parametrize("text", [
    "An older woman could no longer climb the stairs.",
    "Mrs A. is in her eighties and lives alone.",
    "Mr C. is in his sixties. Complaints to the transport company did not help.",
    "The B. family lives on social assistance.",
    "We called the Wmo consultant and MEE in May 2025.",
    "A client manager of the Work and Income department called the family.",
])
def test_plain_english_without_personal_data_passes(text):
    from casussen.pii import scan

    assert scan(text) == []


def test_an_english_case_with_a_name_is_not_published(client, moderator):
    english = Casus.objects.live().get(slug="the-taxi-to-day-care-was-always-late")
    assert english.locale.language_code == "en"
    client.force_login(moderator)
    text = "Mrs Okonkwo called us three times, but nobody answered."
    response = _edit(client, english, situation=text, **{"action-publish": "1"})
    assert response.status_code == 200
    assert "Okonkwo" in response.content.decode()  # the finding, shown at its place
    english.refresh_from_db()
    assert text not in english.situation
    assert not PrivacyOverride.objects.exists()


def test_submitting_a_case_with_findings_warns_first(client, editor, case):
    client.force_login(editor)
    response = _edit(client, case, situation=NAME_TEXT, **{"action-submit": "1"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Niet aangeboden" in body and "»Kaya«" in body
    assert 'name="privacy_submit_anyway"' in body
    case.refresh_from_db()
    assert case.current_workflow_state is None  # not submitted
    assert NAME_TEXT in body  # the text comes back in the form: nothing is lost


def _officer_editor_action(client, case, officer, action, **extra):
    """What the page editor posts for a workflow action (Wagtail's footer menu)."""
    import json

    client.force_login(officer)
    latest = case.get_latest_revision_as_object()  # what the editor shows her
    data = _form_data(latest, **{"action-workflow-action": "true",
                               "workflow-action-name": action,
                               "workflow-action-extra-data": json.dumps(extra)})
    return client.post(f"/admin/pages/{case.pk}/edit/", data)


def test_the_officer_approves_from_the_page_editor(client, editor, officer, case):
    _submit(client, editor, case, lessons="Tel alle signalen samen.")
    case.refresh_from_db()
    response = _officer_editor_action(client, case, officer, "approve")
    assert response.status_code == 302, response.content[:3000]
    case.refresh_from_db()
    assert case.live and case.lessons == "Tel alle signalen samen."
    assert case.current_workflow_state is None
    assert not case.has_unpublished_changes


def test_the_officer_rejects_from_the_page_editor(client, editor, officer, case):
    from wagtail.models import WorkflowState

    _submit(client, editor, case, lessons="Tel alle signalen samen.")
    case.refresh_from_db()
    response = _officer_editor_action(client, case, officer, "reject",
                                      comment="Noem geen organisaties.")
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.lessons != "Tel alle signalen samen."
    assert case.workflow_states.order_by("-created_at").first().status == (
        WorkflowState.STATUS_NEEDS_CHANGES)


def test_an_edit_by_the_officer_while_approving_is_not_published(client, editor, officer,
                                                                case):
    _submit(client, editor, case, lessons="Tel alle signalen samen.")
    case.refresh_from_db()
    client.force_login(officer)
    import json

    data = _form_data(case, lessons="Mevrouw Kaya leert ons iets.",
                      **{"action-workflow-action": "true", "workflow-action-name": "approve",
                         "workflow-action-extra-data": json.dumps({})})
    client.post(f"/admin/pages/{case.pk}/edit/", data)
    case.refresh_from_db()
    assert "Kaya" not in case.lessons  # only the submitted, approved text can go live


def test_the_officer_approves_and_rejects_from_the_dashboard(client, editor, officer, case):
    state = _submit(client, editor, case, lessons="Tel alle signalen samen.")
    client.force_login(officer)
    dashboard = client.get("/admin/").content.decode()
    url = f"/admin/pages/workflow/action/{case.pk}/approve/{state.pk}/"
    assert url in dashboard
    response = client.post(url, {})
    assert response.status_code in (200, 302)
    case.refresh_from_db()
    assert case.live and case.lessons == "Tel alle signalen samen."
    state = _submit(client, editor, case, lessons="Nog een les.")
    client.force_login(officer)
    response = client.post(f"/admin/pages/workflow/action/{case.pk}/reject/{state.pk}/",
                           {"comment": "Te herkenbaar."})
    assert response.status_code in (200, 302)
    case.refresh_from_db()
    assert case.lessons == "Tel alle signalen samen."
