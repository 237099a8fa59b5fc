"""The SignaLeerpunt's contact details: one setting, shown everywhere a resident looks."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from home.models import Contactgegevens
from tests.meldformulier_helpers import fill_in, submit

pytestmark = pytest.mark.django_db

PAGES = ["/", "/contact/", "/verwijsgids/signaleerpunt/", "/en/", "/en/contact/"]


@pytest.fixture
def filled():
    contact = Contactgegevens.load()
    contact.phone = "14 023"
    contact.email = "signaleerpunt@example.org"
    contact.address = "Grote Markt 2\n2011 RD Haarlem"
    contact.opening_hours = "Maandag tot en met vrijdag van 9.00 tot 17.00 uur"
    contact.opening_hours_en = "Monday to Friday, 9 am to 5 pm"
    contact.save()
    return contact


def test_demo_uses_only_the_municipal_number_and_says_what_is_unknown(client):
    contact = Contactgegevens.load()
    assert contact.phone == "14 023" and not contact.email and not contact.opening_hours
    body = client.get("/contact/").content.decode()
    assert 'href="tel:14023"' in body
    assert "Nog geen e-mailadres bekend" in body and "Openingstijden nog niet bekend." in body
    assert "vraag naar het SignaLeerpunt" in body
    english = client.get("/en/contact/").content.decode()
    assert "Opening hours not known yet." in english and "ask for the SignaLeerpunt" in english


@pytest.mark.parametrize("path", PAGES)
def test_details_appear_on_every_named_page(client, filled, path):
    body = client.get(path).content.decode()
    assert body.count('href="tel:14023"') >= 1
    assert 'href="mailto:signaleerpunt@example.org"' in body
    assert 'href="tel:112"' in body
    if path.startswith("/en/"):
        assert "Monday to Friday" in body and "Maandag tot en met vrijdag" not in body
    else:
        assert "Maandag tot en met vrijdag" in body
    if path in ("/contact/", "/verwijsgids/signaleerpunt/", "/en/contact/"):
        main = body.split("<main", 1)[1].split("</main>", 1)[0]
        assert 'href="tel:14023"' in main and "Grote Markt 2" in main


def test_english_page_marks_dutch_hours_as_dutch(client, filled):
    filled.opening_hours_en = ""
    filled.save()
    body = client.get("/en/").content.decode()
    assert '<span lang="nl">Maandag tot en met vrijdag' in body


def test_confirmation_page_and_email_give_the_details(
    client, filled, django_capture_on_commit_callbacks
):
    mail.outbox = []
    check = fill_in(client)
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(client, check)
    body = client.get(response["Location"]).content.decode()
    main = body.split("<main", 1)[1].split("</main>", 1)[0]
    assert "Heeft u vragen over uw melding? ." not in main
    assert 'href="tel:14023"' in main and "signaleerpunt@example.org" in main
    resident = next(m for m in mail.outbox if m.to == ["jantje@example.org"])
    assert "14 023" in resident.body and "signaleerpunt@example.org" in resident.body
    assert "Maandag tot en met vrijdag" in resident.body


def test_dashboard_warns_while_details_are_missing(client):
    admin = get_user_model().objects.create_superuser("redacteur", password="x")
    client.force_login(admin)
    body = client.get("/admin/").content.decode()
    assert 'id="contactgegevens-waarschuwing"' in body
    assert "e-mail" in body.split('id="contactgegevens-waarschuwing"')[1][:600]
    contact = Contactgegevens.load()
    contact.email, contact.address = "a@example.org", "Grote Markt 2"
    contact.opening_hours = "Op werkdagen"
    contact.save()
    assert 'id="contactgegevens-waarschuwing"' not in client.get("/admin/").content.decode()
