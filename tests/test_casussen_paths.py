"""Every path that could make a case story public passes the gate (casussen/gate.py): only
exactly the content a second person approved in the Privacytoets is live. One test per
side door Wagtail and wagtail-localize offer, mostly through the real admin views."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Locale, Page, Revision

from casussen import workflow
from casussen.models import Casus, CasusIndexPage

pytestmark = pytest.mark.django_db

NAME = "Mevrouw Kaya uit Zwolle belde ons drie keer."


def _user(username, *groups):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "x")
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
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


def _index(language="nl"):
    return CasusIndexPage.objects.get(locale__language_code=language)


def _draft(slug, situation="Een inwoner wachtte lang.", language="nl"):
    page = Casus(
        title=f"Verhaal {slug}", slug=slug, summary="Een inwoner wachtte lang op hulp.",
        situation=situation, what_went_wrong="Niemand belde terug.",
        what_was_done="Wij belden de organisatie.", result="Het is opgelost.",
        lessons="Bel inwoners terug.", quarter=2, year=2025, outcome="opgelost", live=False,
    )
    _index(language).add_child(instance=page)
    page.save_revision()
    return Casus.objects.get(pk=page.pk)


def _public(client, page):
    return client.get(f"/{'en/' if page.locale.language_code == 'en' else ''}casussen/{page.slug}/")


def _form_data(page, **changes):
    data = {
        "title": page.title, "slug": page.slug, "summary": page.summary,
        "situation": page.situation, "what_went_wrong": page.what_went_wrong,
        "what_was_done": page.what_was_done, "result": page.result, "lessons": page.lessons,
        "quarter": page.quarter, "year": page.year, "outcome": page.outcome,
        "organisations": page.organisations, "seo_title": "", "search_description": "",
        "comments-TOTAL_FORMS": "0", "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0", "comments-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


def _messages(response):
    return [str(m) for m in response.wsgi_request._messages]


# --- the model: publish, save, querysets ---------------------------------------------------


def test_a_publish_without_a_user_is_refused_unless_approved(editor):
    page = _draft("zonder-gebruiker", NAME)
    revision = page.get_latest_revision()
    assert revision.publish() is None
    page.refresh_from_db()
    assert not page.live and page.live_revision is None
    assert Revision.objects.filter(pk=revision.pk).exists()  # the revision is kept
    with pytest.raises(PermissionDenied):
        revision.publish(user=editor)
    assert not Casus.objects.get(pk=page.pk).live


def test_shell_save_with_live_true_stays_a_draft():
    page = _draft("shell-save")
    page.live = True
    page.save()
    page.refresh_from_db()
    assert not page.live and page.has_unpublished_changes


def test_changing_a_live_case_in_the_shell_takes_it_offline(client, case):
    assert _public(client, case).status_code == 200
    case.title = "Mevrouw Kaya en de taxi"
    case.save()
    case.refresh_from_db()
    assert not case.live
    assert _public(client, case).status_code == 404


def test_approved_content_saved_again_stays_live(case):
    case.save()  # e.g. a move sets the url path and saves the row as it is
    case.refresh_from_db()
    assert case.live


def test_queryset_update_cannot_make_a_case_live_or_change_a_live_one(case):
    page = _draft("bulk-update")
    with pytest.raises(PermissionDenied):
        Casus.objects.filter(pk=page.pk).update(live=True)
    with pytest.raises(PermissionDenied):
        Casus.objects.filter(pk=case.pk).update(title="Mevrouw Kaya")
    assert Casus.objects.filter(pk=page.pk).update(summary="Korter.") == 1  # a draft: fine
    assert not Casus.objects.get(pk=page.pk).live


def test_a_raw_page_update_is_not_shown_anywhere_public(client):
    """Page.objects.update skips Casus.save: the public querysets check the approval."""
    page = _draft("raw-update", NAME)
    Page.objects.filter(pk=page.pk).update(live=True)
    page.refresh_from_db()
    assert page.live  # the row says live ...
    assert _public(client, page).status_code == 404  # ... the public sees nothing
    assert page.slug not in client.get("/casussen/").content.decode()
    feed = client.get("/casussen/rss/")
    assert feed.status_code == 200 and page.title not in feed.content.decode()
    assert page.slug not in client.get("/sitemap.xml").content.decode()
    found = client.get("/zoeken/", {"q": page.title})
    assert found.status_code == 200 and f"/casussen/{page.slug}/" not in found.content.decode()
    assert not Casus.objects.approved().filter(pk=page.pk).exists()
    from casussen.gate import hide_unapproved

    assert not hide_unapproved(Page.objects.live()).filter(pk=page.pk).exists()


def test_a_raw_title_change_of_an_approved_case_is_not_served(client, case):
    Page.objects.filter(pk=case.pk).update(title="Mevrouw Kaya en de taxi")
    assert _public(client, Casus.objects.get(pk=case.pk)).status_code == 404


def test_approved_cases_are_all_public(client, case):
    assert _public(client, case).status_code == 200
    assert case.title in client.get("/casussen/").content.decode()
    assert set(Casus.objects.approved().values_list("pk", flat=True)) == set(
        Casus.objects.live().values_list("pk", flat=True)
    )


# --- the admin: create, edit, bulk, copy, alias, move, revert ------------------------------


def test_create_and_publish_keeps_a_draft_and_loses_nothing(client, moderator):
    client.force_login(moderator)
    data = _form_data(Casus(title="Nieuw met publiceren", slug="nieuw-met-publiceren",
                            summary="Een inwoner wachtte.", situation="Hij wachtte lang.",
                            what_went_wrong="Niemand belde.", what_was_done="Wij belden.",
                            result="Opgelost.", lessons="Bel terug.", quarter=2, year=2025,
                            outcome="opgelost", organisations=""))
    future = (timezone.now() + datetime.timedelta(days=3)).strftime("%Y-%m-%d %H:%M")
    response = client.post(f"/admin/pages/add/casussen/casus/{_index().pk}/",
                           {**data, "action-publish": "1", "go_live_at": future}, follow=True)
    assert response.status_code == 200
    page = Casus.objects.get(slug="nieuw-met-publiceren")
    assert not page.live and page.live_revision is None
    assert page.get_latest_revision().content["situation"] == "Hij wachtte lang."
    assert not page.get_latest_revision().approved_go_live_at
    assert any("Privacytoets" in m for m in _messages(response))
    assert _public(client, page).status_code == 404


def test_publish_button_is_not_offered_for_a_case(client, moderator, case):
    client.force_login(moderator)
    edit = client.get(f"/admin/pages/{case.pk}/edit/").content.decode()
    add = client.get(f"/admin/pages/add/casussen/casus/{_index().pk}/").content.decode()
    for body in (edit, add):
        assert 'name="action-publish"' not in body
        assert 'name="action-submit"' in body


def test_bulk_publish_of_a_new_draft_is_refused(client, moderator):
    page = _draft("bulk-publiceren")
    client.force_login(moderator)
    response = client.post(
        f"/admin/bulk/wagtailcore/page/publish/?id={page.pk}&next=/admin/pages/",
        {"include_descendants": ""},
    )
    assert response.status_code == 302
    assert not Casus.objects.get(pk=page.pk).live


def test_copy_with_publish_copied_page_gives_a_draft(client, moderator, case):
    client.force_login(moderator)
    response = client.post(f"/admin/pages/{case.pk}/copy/", {
        "new_title": "Mevrouw Kaya en de taxi", "new_slug": "kopie-met-naam",
        "new_parent_page": _index().pk, "publish_copies": "on",
    }, follow=True)
    assert response.status_code == 200
    copy = Casus.objects.get(slug="kopie-met-naam")
    assert not copy.live and copy.live_revision is None
    assert _public(client, copy).status_code == 404
    assert any("Privacytoets" in m for m in _messages(response))
    # The API a script would use.
    api_copy = case.copy(keep_live=True, update_attrs={"slug": "kopie-api", "title": "Kopie"})
    assert not Casus.objects.get(pk=api_copy.pk).live


def test_an_alias_of_a_case_is_not_live(client, moderator, case):
    client.force_login(moderator)
    response = client.post(f"/admin/pages/{case.pk}/copy/", {
        "new_title": case.title, "new_slug": "alias-van-taxi",
        "new_parent_page": _index().pk, "publish_copies": "on", "alias": "on",
    }, follow=True)
    assert response.status_code == 200
    alias = Casus.objects.get(slug="alias-van-taxi")
    assert alias.alias_of_id == case.pk and not alias.live
    assert _public(client, alias).status_code == 404
    api_alias = case.create_alias(update_slug="alias-api")
    assert not Casus.objects.get(pk=api_alias.pk).live
    # Republishing the source (approved) keeps aliases offline.
    workflow.approve_as(case, *workflow.demo_reviewers(), scan=False)
    assert not Casus.objects.get(pk=api_alias.pk).live


def test_moving_a_case_keeps_approved_content_live_and_a_draft_a_draft(client, moderator,
                                                                        case):
    draft = _draft("verhuizen")
    english = _index("en")
    case.move(english, pos="last-child")
    draft.move(english, pos="last-child")
    assert Casus.objects.get(pk=case.pk).live  # exactly the approved content
    assert not Casus.objects.get(pk=draft.pk).live


def test_revert_to_an_old_revision_and_publish_is_refused(client, moderator, case):
    old = case.live_revision
    case.situation = NAME
    case.save_revision(user=moderator)
    client.force_login(moderator)
    old_page = old.as_object()
    response = client.post(f"/admin/pages/{case.pk}/edit/", _form_data(
        old_page, revision=old.pk, **{"action-publish": "1"}))
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.live_revision_id == old.pk  # unchanged: still the approved revision
    # An unapproved revision published in code is refused as well.
    with pytest.raises(PermissionDenied):
        case.get_latest_revision().publish(user=moderator)
    assert NAME not in Casus.objects.get(pk=case.pk).situation


# --- scheduled publishing ------------------------------------------------------------------


def _time_passes(revision):
    """The go-live moment of `revision` is now in the past."""
    past = timezone.now() - datetime.timedelta(minutes=1)
    content = dict(revision.content, go_live_at=past.isoformat())
    Revision.objects.filter(pk=revision.pk).update(approved_go_live_at=past, content=content)


def test_scheduled_publishing_publishes_only_an_approved_revision(officer):
    page = _draft("gepland")
    page.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    page.save_revision()
    workflow.approve_as(page, *workflow.demo_reviewers())
    revision = page.get_latest_revision()
    assert revision.approved_go_live_at and not page.live  # approved, waiting
    _time_passes(revision)
    call_command("publish_scheduled", verbosity=0)
    assert Casus.objects.get(pk=page.pk).live

    # A revision scheduled without approval (in the shell) is refused and unscheduled.
    other = _draft("gepland-zonder-toets", NAME)
    revision = other.get_latest_revision()
    _time_passes(revision)
    call_command("publish_scheduled", verbosity=0)
    assert not Casus.objects.get(pk=other.pk).live
    assert Revision.objects.get(pk=revision.pk).approved_go_live_at is None


# --- wagtail-localize ----------------------------------------------------------------------


@pytest.fixture
def on_commit_at_once(monkeypatch):
    """wagtail-localize publishes in transaction.on_commit. In production that runs inside
    the request, right after its transaction; in a test transaction it would never run."""
    import wagtail_localize.models

    monkeypatch.setattr(wagtail_localize.models.transaction, "on_commit",
                        lambda func, using=None, robust=False: func())


def _submit_translation(client, page):
    response = client.post(f"/admin/localize/submit/page/{page.pk}/", {
        "locales": [Locale.objects.get(language_code="en").pk],
    })
    assert response.status_code == 302, response.content[:500]
    return Casus.objects.get(translation_key=page.translation_key, locale__language_code="en")


def test_localize_sync_with_publish_immediately_keeps_the_translation_a_draft(
        client, moderator, on_commit_at_once):
    from wagtail_localize.models import TranslationSource

    source = _draft("vertaal-sync", NAME)
    client.force_login(moderator)
    english = _submit_translation(client, source)
    assert not english.live
    translation_source = TranslationSource.objects.get_for_instance(source)
    response = client.post(f"/admin/localize/update/{translation_source.pk}/",
                           {"publish_translations": "on"}, follow=True)
    assert response.status_code == 200
    english.refresh_from_db()
    assert not english.live and english.live_revision is None
    assert _public(client, english).status_code == 404
    assert english.slug not in client.get("/en/casussen/").content.decode()
    feed = client.get("/en/casussen/rss/")
    assert feed.status_code == 200 and english.title not in feed.content.decode()
    assert any("Privacytoets" in m for m in _messages(response))
    assert not any(m.startswith("Successfully") and "publish" in m.lower()
                   for m in _messages(response))


def test_localize_translation_editor_publish_with_free_text_is_refused(client, moderator,
                                                                       on_commit_at_once):
    from wagtail_localize.models import (
        StringSegment,
        StringTranslation,
        Translation,
        TranslationSource,
    )

    source = _draft("vertaal-editor")
    client.force_login(moderator)
    english = _submit_translation(client, source)
    translation = Translation.objects.get(
        source=TranslationSource.objects.get_for_instance(source),
        target_locale__language_code="en")
    for segment in StringSegment.objects.filter(source=translation.source):
        StringTranslation.objects.update_or_create(
            translation_of=segment.string, locale=translation.target_locale,
            context=segment.context,
            # no NUL: PostgreSQL cannot store it (a NUL in a request is a 400 before this)
            defaults={"data": "<b>Mrs Okonkwo</b> from 12 Church Street \u202e called us."},
        )
    response = client.post(f"/admin/pages/{english.pk}/edit/", {"action": "publish"},
                           follow=True)
    assert response.status_code == 200
    english.refresh_from_db()
    assert not english.live
    assert _public(client, english).status_code == 404
    assert any("Privacytoets" in m for m in _messages(response))


def test_a_translation_needs_its_own_approval():
    source = _draft("eigen-toets")
    workflow.approve_as(source, *workflow.demo_reviewers())
    english = source.copy_for_translation(Locale.objects.get(language_code="en"))
    english.save_revision().publish()
    assert Casus.objects.get(pk=source.pk).live
    assert not Casus.objects.get(pk=english.pk).live
    workflow.approve_as(english, *workflow.demo_reviewers())
    assert Casus.objects.get(pk=english.pk).live


# --- the API ---------------------------------------------------------------------------------


def test_the_api_shows_no_unapproved_case(client):
    page = _draft("api-zichtbaar", NAME)
    Page.objects.filter(pk=page.pk).update(live=True)
    for path in ("/api/v2/pages/?type=casussen.Casus&limit=100", "/api/v2/pages/?limit=100"):
        response = client.get(path)
        if response.status_code == 404:
            continue  # no Wagtail pages API here
        assert page.slug not in response.content.decode()


# --- bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "x" * 25_000,
    "Zalgơ̴̢ ̷t̸e̵x̶t \u202e omgekeerd \u200b\u200d\ufeff 🧑‍🦽 ",
    "<script>alert(1)</script><b>vet</b> &amp; {{ template }} {% tag %}",
    "\ud7ff\ue000 tab\tvertical\x0bform\x0c",
])
def test_bad_input_gets_a_clear_message_not_a_500(client, moderator, text):
    page = _draft("rare-invoer")
    client.force_login(moderator)
    for action in ("action-submit", "action-publish", "action-save-draft"):
        response = client.post(f"/admin/pages/{page.pk}/edit/",
                               _form_data(page, situation=text, **{action: "1"}))
        assert response.status_code in (200, 302), (action, response.status_code)
        if response.status_code == 200 and len(text) > 20_000:
            assert "te lang" in response.content.decode()
    assert not Casus.objects.get(pk=page.pk).live
