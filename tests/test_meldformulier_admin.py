"""Staff handling of meldingen in the Wagtail admin: permissions per role, audit log, nabellen."""

import re
import uuid
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone

from kennisbank.models import Thema
from meldformulier import storage
from meldformulier.models import (
    STAFF_GROUP,
    Bijlage,
    Inzage,
    Melding,
    Notitie,
    ReferenceCounter,
)
from verwijsgids.models import Domein

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


def make_melding(**kwargs):
    defaults = {
        "reference": ReferenceCounter.next_reference(), "idempotency_token": uuid.uuid4(),
        "kind": "klacht", "domain": Domein.objects.get(key="wmo"),
        "organisations": "Thuiszorg De Linde", "description": "Geheime beschrijving",
        "earlier_complaint": "nee", "on_behalf": "zelf", "contact": "email",
        "name": "Klaas Vaak", "email": "klaas@example.org",
    }
    defaults.update(kwargs)
    return Melding.objects.create(**defaults)


def user_in(group_name, username):
    user = User.objects.create_user(username, password="x")
    if group_name:
        user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def staff(client):
    return user_in(STAFF_GROUP, "medewerker")


@pytest.fixture
def editor():
    return user_in("Editors", "redacteur")


def test_staff_group_exists_with_permissions():
    group = Group.objects.get(name=STAFF_GROUP)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"access_admin", "view_melding", "change_melding", "view_bijlage",
            "export_melding"} <= codenames
    editors = Group.objects.get(name="Editors")
    assert not editors.permissions.filter(content_type__app_label="meldformulier").exists()


@pytest.mark.parametrize("path", [
    "/admin/meldingen/", "/admin/meldingen/nabellen/", "/admin/meldingen/export/",
    "/admin/meldingen/{pk}/", "/admin/meldingen/{pk}/bijlagen/{bijlage}/",
])
def test_editor_gets_403_and_anonymous_must_log_in(client, editor, path):
    melding = make_melding()
    bijlage = Bijlage.objects.create(melding=melding, stored_name=storage.save(b"%PDF-1.4"),
                                     filename="a.pdf", content_type="application/pdf", size=8)
    url = path.format(pk=melding.pk, bijlage=bijlage.pk)
    response = client.get(url)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    client.force_login(editor)
    response = client.get(url)
    assert response.status_code == 403
    assert b"Klaas" not in response.content
    assert not Inzage.objects.exists()


def test_editor_sees_no_menu_item(client, editor, staff):
    client.force_login(editor)
    body = client.get("/admin/").content.decode()
    assert "/admin/meldingen/" not in body
    client.force_login(staff)
    body = client.get("/admin/").content.decode()
    assert "/admin/meldingen/" in body


def test_staff_list_filters_and_search(client, staff):
    first = make_melding(kind="klacht")
    second = make_melding(kind="compliment", domain=Domein.objects.get(key="jeugd"),
                          organisations="Jeugdzorg Noord")
    third = make_melding(kind="signaal", status="doorverwezen")
    Melding.objects.filter(pk=third.pk).update(created_at=timezone.now() - timedelta(days=40))
    client.force_login(staff)

    def refs(**params):
        body = client.get("/admin/meldingen/", params).content.decode()
        return {m.reference for m in (first, second, third) if m.reference in body}

    assert refs() == {first.reference, second.reference, third.reference}
    assert refs(kind="compliment") == {second.reference}
    assert refs(status="doorverwezen") == {third.reference}
    assert refs(domain="jeugd") == {second.reference}
    assert refs(organisation="noord") == {second.reference}
    assert refs(q=first.reference) == {first.reference}
    since = (timezone.localdate() - timedelta(days=7)).isoformat()
    assert refs(van=since) == {first.reference, second.reference}
    assert client.get("/admin/meldingen/", {"van": "geen-datum"}).status_code == 200


def test_viewing_a_melding_is_logged_and_shows_decrypted_data(client, staff):
    melding = make_melding()
    client.force_login(staff)
    response = client.get(f"/admin/meldingen/{melding.pk}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Klaas Vaak" in body and "Geheime beschrijving" in body
    log = Inzage.objects.get()
    assert (log.username, log.action, log.reference) == ("medewerker", "bekeken", melding.reference)


def test_script_in_melding_is_escaped_in_admin(client, staff):
    melding = make_melding(description="<script>alert('x')</script>", organisations="<b>x</b>")
    client.force_login(staff)
    body = client.get(f"/admin/meldingen/{melding.pk}/").content.decode()
    assert "<script>alert('x')</script>" not in body
    assert "&lt;script&gt;" in body


def _scheme_id(key):
    from verwijsgids.models import Regeling

    return Regeling.objects.get(key=key, locale__language_code="nl").pk


def test_referral_accepts_only_existing_schemes(client, staff):
    """The chooser sends a page id; a name, a key or an unknown id is refused in Dutch."""
    melding = make_melding()
    client.force_login(staff)
    for value in ("bezwaar-maken", "Nationale ombudsman", "999999"):
        response = client.post(f"/admin/meldingen/{melding.pk}/", {
            "actie": "behandel", "status": "doorverwezen", "doorverwezen_naar": value,
        })
        assert response.status_code == 400
        assert "Kies een regeling uit de verwijsgids." in response.content.decode()
    melding.refresh_from_db()
    assert melding.doorverwezen_naar == "" and melding.status == "nieuw"


def test_referral_sets_follow_up_and_appears_in_nabellen(client, staff):
    melding = make_melding()
    client.force_login(staff)
    response = client.post(f"/admin/meldingen/{melding.pk}/", {
        "actie": "behandel", "status": "doorverwezen", "assignee": staff.pk,
        "doorverwezen_naar": _scheme_id("nationale-ombudsman"),
    })
    assert response.status_code == 302
    melding.refresh_from_db()
    assert melding.doorverwezen_naar == "nationale-ombudsman"
    assert melding.follow_up_on == timezone.localdate() + timedelta(days=14)
    assert melding.referred_at is not None and melding.assignee == staff
    change = Notitie.objects.get(melding=melding)
    assert "Doorverwezen" in change.text and change.kind == "wijziging"
    assert Inzage.objects.filter(action="gewijzigd", reference=melding.reference).exists()
    # Fourteen days later it is on the daily overview.
    Melding.objects.filter(pk=melding.pk).update(follow_up_on=timezone.localdate())
    body = client.get("/admin/meldingen/nabellen/").content.decode()
    assert melding.reference in body


def test_closing_needs_outcome_and_stores_learning_labels(client, staff):
    melding = make_melding()
    client.force_login(staff)
    response = client.post(f"/admin/meldingen/{melding.pk}/", {
        "actie": "behandel", "status": "gesloten",
    })
    assert response.status_code == 400
    assert "Kies een uitkomst" in response.content.decode()
    thema = Thema.objects.get(key="paarse-krokodil")
    response = client.post(f"/admin/meldingen/{melding.pk}/", {
        "actie": "behandel", "status": "gesloten", "uitkomst": "opgelost",
        "themes": [thema.pk], "paarse_krokodil": "on",
    })
    assert response.status_code == 302
    melding.refresh_from_db()
    assert melding.closed_at is not None and melding.uitkomst == "opgelost"
    assert melding.paarse_krokodil and list(melding.themes.all()) == [thema]


def test_internal_notes_timeline(client, staff):
    melding = make_melding()
    client.force_login(staff)
    url = f"/admin/meldingen/{melding.pk}/"
    client.post(url, {"actie": "notitie", "text": "Gebeld, geen gehoor"})
    body = client.get(f"/admin/meldingen/{melding.pk}/").content.decode()
    assert "Gebeld, geen gehoor" in body
    response = client.post(f"/admin/meldingen/{melding.pk}/", {"actie": "notitie", "text": ""})
    assert response.status_code == 400


def test_attachment_download_is_logged_and_decrypted(client, staff):
    melding = make_melding()
    content = b"%PDF-1.4 vertrouwelijk"
    bijlage = Bijlage.objects.create(melding=melding, stored_name=storage.save(content),
                                     filename="brief.pdf", content_type="application/pdf",
                                     size=len(content))
    client.force_login(staff)
    response = client.get(f"/admin/meldingen/{melding.pk}/bijlagen/{bijlage.pk}/")
    assert response.status_code == 200
    assert response.content == content
    assert response["Content-Disposition"].startswith("attachment")
    assert Inzage.objects.filter(action="bijlage").count() == 1
    # A bijlage of another melding cannot be fetched through this melding's URL.
    other = make_melding()
    assert client.get(f"/admin/meldingen/{other.pk}/bijlagen/{bijlage.pk}/").status_code == 404


def test_export_is_logged_and_has_no_personal_data(client, staff):
    melding = make_melding(organisations="=HYPERLINK(\"x\")")
    client.force_login(staff)
    response = client.get("/admin/meldingen/export/")
    assert response.status_code == 200
    body = response.content.decode()
    assert melding.reference in body
    assert "Klaas" not in body and "Geheime" not in body
    assert "'=HYPERLINK" in body
    assert Inzage.objects.filter(action="export", reference=melding.reference).exists()


def test_export_opens_in_dutch_excel(client, staff):
    """Semicolons, a byte-order mark, labels instead of codes, dates without microseconds,
    and the columns staff asked for: assignee, themes, follow-up date."""
    import csv
    import io

    thema = Thema.objects.get(key="paarse-krokodil")
    melding = make_melding(status="doorverwezen", doorverwezen_naar="nationale-ombudsman",
                           assignee=staff, follow_up_on=date(2026, 12, 16))
    melding.themes.add(thema)
    client.force_login(staff)
    content = client.get("/admin/meldingen/export/").content
    assert content.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    row = next(r for r in rows if r["Referentie"] == melding.reference)
    assert row["Status"] == "Doorverwezen" and row["Soort"] == "Klacht"
    assert row["Behandelaar"] == staff.get_username()
    assert row["Thema's"] == str(thema)
    assert row["Nabellen op"] == "16-12-2026"
    assert "Nationale ombudsman" in row["Doorverwezen naar"]
    assert re.fullmatch(r"\d\d-\d\d-\d{4} \d\d:\d\d", row["Ontvangen"])
    assert row["Paarse krokodil"] == "nee"


def test_superuser_can_see_staff_views(client):
    admin = User.objects.create_superuser("baas", password="x")
    client.force_login(admin)
    assert client.get("/admin/meldingen/").status_code == 200


def test_dashboard_shows_staff_what_to_do_today(client, staff):
    make_melding()
    make_melding(status="doorverwezen", follow_up_on=timezone.localdate() - timedelta(days=1))
    make_melding(status="doorverwezen")
    client.force_login(staff)
    body = re.sub(r"\s+", " ", client.get("/admin/").content.decode())
    assert "Meldingen: vandaag te doen" in body
    assert "Nabellen vandaag of te laat: <strong>1</strong>" in body
    assert "Doorverwezen zonder nabeldatum: <strong>1</strong>" in body
    # Editors of the directory see the schemes to check; staff without page rights do not.
    assert "Verwijsgids: te controleren" not in body
    editor = User.objects.create_user("redactie-x", password="x")
    editor.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(editor)
    body = client.get("/admin/").content.decode()
    assert "Verwijsgids: te controleren" in body and "Meldingen: vandaag" not in body
