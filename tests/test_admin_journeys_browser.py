"""Admin journeys walked in real Chromium through the Wagtail admin (issue 17).

One journey per role, as a person does it: log in, click, type. No direct form posts.
- Editor (Wagtail's "Moderators": may publish): adds a Regeling with domains, edits it,
  copies it, and finds it in the site search, the directory and the guided finder.
- Staff ("SignaLeerpunt medewerkers"): find a melding by name, refer it with the scheme
  chooser, set and change a follow-up date (it survives a save), export.
"""

import re
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser import IN_TEST_TRANSACTION

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=False),
    IN_TEST_TRANSACTION,
]

PASSWORD = "geheim-wachtwoord-123"


def _login(page, site_url, group):
    from django.contrib.auth.models import Group, User

    username = f"{group.split()[0].lower()}-{uuid.uuid4().hex[:8]}"
    user = User.objects.create_user(username, email=f"{username}@example.org", password=PASSWORD)
    user.groups.add(Group.objects.get(name=group))
    page.goto(f"{site_url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/admin/$"))
    return user


def _no_gravatar(page):
    """Every request of the admin page went to our own server."""
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    return requests


def test_editor_adds_edits_and_copies_a_scheme(browser_page, site_url):
    from verwijsgids.models import Regeling, VerwijsgidsIndexPage

    page = browser_page
    requests = _no_gravatar(page)
    _login(page, site_url, "Moderators")
    index = VerwijsgidsIndexPage.objects.get(locale__language_code="nl")

    # Add: the directory's "add child page" opens the Regeling form (only child type).
    page.goto(f"{site_url}/admin/pages/{index.pk}/")
    page.locator(f"a[href$='/admin/pages/{index.pk}/add_subpage/']").first.click()
    page.wait_for_url(re.compile(r"/admin/pages/add/verwijsgids/regeling/"))
    page.fill("#id_title", "Klachtenloket Voorbeeldstad")
    page.fill("#id_key", "klachtenloket-voorbeeldstad")
    page.fill("#id_samenvatting", "Hier kunt u klagen over de parkeerhulp bij de voordeur.")
    page.select_option("#id_soort", "klacht")
    page.get_by_label("Wmo: ondersteuning thuis").check()
    page.get_by_label("Schulden").check()
    page.locator("input[name='bereik'][value='alle']").check()
    page.fill("#id_zoekwoorden", "parkeerhulp voordeur, klachtenloket voorbeeldstad")
    page.select_option("#id_wegwijzer", "klagen")
    page.get_by_role("button", name="Bewaar concept").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    expect(page.locator(".messages")).to_contain_text("is aangemaakt")
    assert "Kies minstens één domein" not in page.locator("main").inner_text()
    regeling = Regeling.objects.get(key="klachtenloket-voorbeeldstad")
    assert sorted(d.key for d in regeling.domeinen.all()) == ["schulden", "wmo"]
    assert regeling.landelijk and not regeling.live

    # Without any domain the editor gets the clear Dutch error and loses nothing.
    page.get_by_label("Wmo: ondersteuning thuis").uncheck()
    page.get_by_label("Schulden").uncheck()
    page.get_by_role("button", name="Bewaar concept").click()
    expect(page.locator("main")).to_contain_text("Kies minstens één domein.")
    assert page.input_value("#id_samenvatting").startswith("Hier kunt u klagen")

    # Edit: one domain again, and publish.
    page.get_by_label("Wmo: ondersteuning thuis").check()
    page.get_by_role("button", name="Meer acties").click()
    page.get_by_role("button", name="Publiceren").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/$"))
    regeling.refresh_from_db()
    assert regeling.live
    assert [d.key for d in regeling.domeinen.all()] == ["wmo"]

    # The resident finds it: site search, directory (Wmo filter), guided finder.
    page.goto(f"{site_url}/zoeken/?q=parkeerhulp+voordeur")
    assert page.get_by_role("link", name="Klachtenloket Voorbeeldstad").first.is_visible()
    page.goto(f"{site_url}/verwijsgids/?domein=wmo")
    assert page.get_by_role("link", name="Klachtenloket Voorbeeldstad").first.is_visible()
    page.goto(f"{site_url}/vinden/?gemeente=haarlem&over=wmo&wil=klagen&wie=aanbieder&eerder=nee")
    assert page.get_by_role("link", name="Klachtenloket Voorbeeldstad").first.is_visible()

    # Copy: a clean draft with a new key, no verification date; the editor is told.
    Regeling.objects.filter(pk=regeling.pk).update(laatst_gecontroleerd="2026-01-05")
    page.goto(f"{site_url}/admin/pages/{regeling.pk}/copy/")
    page.fill("#id_new_title", "Klachtenloket Voorbeeldstad Noord")
    page.fill("#id_new_slug", "klachtenloket-voorbeeldstad-noord")
    page.get_by_role("button", name="Kopieer deze pagina").click()
    page.wait_for_url(re.compile(rf"/admin/pages/{index.pk}/$"))
    told = page.locator(".messages")
    expect(told).to_contain_text("nieuwe sleutel 'klachtenloket-voorbeeldstad-noord'")
    expect(told).to_contain_text("laatst gecontroleerd")
    copy = Regeling.objects.get(title="Klachtenloket Voorbeeldstad Noord")
    assert copy.key == "klachtenloket-voorbeeldstad-noord"
    assert copy.laatst_gecontroleerd is None and not copy.live
    page.goto(f"{site_url}/admin/pages/{copy.pk}/edit/")
    assert page.input_value("#id_key") == "klachtenloket-voorbeeldstad-noord"
    assert page.input_value("#id_laatst_gecontroleerd") == ""

    third_party = [url for url in requests if not url.startswith(site_url)]
    assert third_party == []


def _melding(**kwargs):
    from meldformulier.models import Melding, ReferenceCounter

    return Melding.objects.create(**{
        "reference": ReferenceCounter.next_reference(), "idempotency_token": uuid.uuid4(),
        "kind": "klacht", "description": "De hulp kwam niet.", "earlier_complaint": "nee",
        "on_behalf": "zelf", "contact": "telefoon", **kwargs,
    })


def _open_by_search(page, site_url, text, reference):
    page.goto(f"{site_url}/admin/meldingen/")
    page.get_by_label("Referentie, naam, telefoon of e-mail").fill(text)
    page.get_by_role("button", name="Filter", exact=True).click()
    page.get_by_role("link", name=reference).click()
    page.wait_for_url(re.compile(r"/admin/meldingen/\d+/$"))


def test_staff_find_refer_and_call_back(browser_page, site_url):
    from meldformulier.models import Melding

    page = browser_page
    requests = _no_gravatar(page)
    melding = _melding(name="Anna de Vries-Ölmez", phone="06 1234 5678",
                       email="anna@example.org")
    other = _melding(name="Anna de Vries", phone="06 1234 5679")
    _login(page, site_url, "SignaLeerpunt medewerkers")

    # Found by the whole name (any case, accents, dots), by phone in another notation, by
    # e-mail; a part of a name finds nothing.
    for text in ("anna de vries-olmez", "+31 6 12345678", "ANNA@example.org"):
        page.goto(f"{site_url}/admin/meldingen/")
        page.get_by_label("Referentie, naam, telefoon of e-mail").fill(text)
        page.get_by_role("button", name="Filter", exact=True).click()
        page.wait_for_url(re.compile(r"\?q="))
        listed = page.locator("main table").inner_text()
        assert melding.reference in listed and other.reference not in listed, text
    page.get_by_label("Referentie, naam, telefoon of e-mail").fill("Anna")
    page.get_by_role("button", name="Filter", exact=True).click()
    page.wait_for_url(re.compile(r"\?q=Anna&"))
    assert melding.reference not in page.locator("main").inner_text()

    # Refer with the scheme chooser: search by name, pick it; set a call-back date.
    _open_by_search(page, site_url, "06-12345678", melding.reference)
    page.select_option("#id_status", "doorverwezen")
    page.get_by_role("button", name="Kies een regeling").click()
    modal = page.locator(".modal")
    modal.get_by_label("Zoek op naam of sleutel").fill("ombudsman")
    modal.get_by_role("link", name="Nationale ombudsman").click()
    expect(page.locator("#id_doorverwezen_naar-title")).to_have_text("Nationale ombudsman")
    page.fill("#id_follow_up_on", "2026-12-16")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(re.compile(r"/admin/meldingen/\d+/$"))
    expect(page.locator(".messages")).to_contain_text("De melding is bijgewerkt.")
    melding.refresh_from_db()
    assert melding.doorverwezen_naar == "nationale-ombudsman"
    assert str(melding.follow_up_on) == "2026-12-16"
    # The date shows in the field and survives the next save.
    assert page.input_value("#id_follow_up_on") == "2026-12-16"
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(re.compile(r"/admin/meldingen/\d+/$"))
    melding.refresh_from_db()
    assert str(melding.follow_up_on) == "2026-12-16"

    # Search by key in the chooser; change the date.
    page.get_by_role("button", name="Acties").click()
    page.get_by_role("button", name="Kies een andere regeling").click()
    modal.get_by_label("Zoek op naam of sleutel").fill("klacht-wmo")
    modal.get_by_role("link", name="Klacht bij de Wmo-aanbieder").click()
    expect(page.locator("#id_doorverwezen_naar-title")).to_have_text(
        "Klacht bij de Wmo-aanbieder"
    )
    page.fill("#id_follow_up_on", "2027-01-05")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(re.compile(r"/admin/meldingen/\d+/$"))
    melding.refresh_from_db()
    assert melding.doorverwezen_naar == "klacht-wmo-aanbieder"
    assert str(melding.follow_up_on) == "2027-01-05"
    assert page.input_value("#id_follow_up_on") == "2027-01-05"

    # Export the list: a file Dutch Excel opens, with the follow-up date and assignee column.
    page.goto(f"{site_url}/admin/meldingen/?status=doorverwezen")
    with page.expect_download() as download:
        page.get_by_role("link", name="Exporteer als CSV").click()
    content = Path(download.value.path()).read_bytes()
    assert content.startswith("\ufeff".encode())
    text = content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Referentie;Ontvangen;Soort;")
    line = next(row for row in text.splitlines() if row.startswith(melding.reference))
    assert ";05-01-2027;" in line and ";Doorverwezen;" in line

    third_party = [url for url in requests if not url.startswith(site_url)]
    assert third_party == []
    assert Melding.objects.filter(pk=other.pk, follow_up_on__isnull=True).exists()


def test_follow_up_date_round_trips_in_the_english_admin(browser_page, site_url):
    from wagtail.users.models import UserProfile

    page = browser_page
    melding = _melding(name="Piet Jansen", follow_up_on="2026-12-16")
    user = _login(page, site_url, "SignaLeerpunt medewerkers")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    _open_by_search(page, site_url, "piet jansen", melding.reference)
    assert page.input_value("#id_follow_up_on") == "2026-12-16"
    page.locator("form:has(#id_follow_up_on) button[type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/meldingen/\d+/$"))
    melding.refresh_from_db()
    assert str(melding.follow_up_on) == "2026-12-16"
