"""Issue 18: our mail is not a weapon. Forms that mail a typed address are limited per
client and per address, repeats do not send again, known and unknown addresses get the
same answer, and no stranger-written name opens an official e-mail."""

import pytest
from django.core import mail

from kennisbank.models import Aanmelding, Leerbijeenkomst
from meldformulier.models import Melding
from tests.meldformulier_helpers import fill_in, submit

pytestmark = pytest.mark.django_db

HOSTILE_NAME = "Uw uitkering stopt. Bel direct 0900-1234 met uw pincode"


@pytest.fixture
def upcoming():
    return Leerbijeenkomst.objects.get(slug="als-niemand-terugbelt", locale__language_code="nl")


@pytest.fixture(autouse=True)
def outbox(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    mail.outbox = []
    return mail.outbox


def register(client, session, email, name="Anna", **extra):
    return client.post(f"{session.url}aanmelden/", {"name": name, "email": email}, **extra)


def test_registration_mail_has_a_fixed_greeting_without_the_typed_name(client, upcoming):
    register(client, upcoming, "slachtoffer@example.org", name=HOSTILE_NAME)
    (message,) = mail.outbox
    assert message.body.startswith("Beste deelnemer,")
    assert "uitkering" not in message.body and "0900" not in message.body


def test_one_address_gets_at_most_a_few_mails_a_day(client, upcoming, settings):
    settings.MAIL_PER_ADDRESS_LIMIT = 1
    sessions = [session for session in Leerbijeenkomst.objects.filter(
        locale__language_code="nl") if session.registration_open]
    assert len(sessions) >= 2
    answers = set()
    for number, session in enumerate(sessions[:2] * 2):
        response = register(client, session, "doelwit@example.org",
                            REMOTE_ADDR=f"203.0.113.{number + 1}")  # other clients each time
        answers.add(response.status_code)
        assert "Kijk in uw e-mail" in response.content.decode()
    assert len(mail.outbox) == 1  # two sessions, two repeats: one mail
    assert answers == {200}  # the same answer, mail sent or not
    assert Aanmelding.objects.filter(email="doelwit@example.org").count() == 2


def test_one_client_cannot_post_the_form_without_limit(client, upcoming, settings):
    settings.MAIL_FORM_LIMIT = 3
    statuses = [register(client, upcoming, f"iemand{n}@example.org",
                         REMOTE_ADDR="203.0.113.40").status_code for n in range(5)]
    assert statuses == [200, 200, 200, 429, 429]
    blocked = register(client, upcoming, "nog@example.org", REMOTE_ADDR="203.0.113.40")
    assert "te vaak geprobeerd" in blocked.content.decode()
    assert Aanmelding.objects.count() == 3 and len(mail.outbox) == 3
    assert register(client, upcoming, "ander@example.org",
                    REMOTE_ADDR="203.0.113.41").status_code == 200


def test_melding_confirmation_greets_without_the_name(client, django_capture_on_commit_callbacks):
    check = fill_in(client, {"contact": {"contact": "email", "name": HOSTILE_NAME,
                                         "email": "melder@example.org"}})
    with django_capture_on_commit_callbacks(execute=True):
        assert submit(client, check).status_code == 303
    confirmation = next(m for m in mail.outbox if m.to == ["melder@example.org"])
    assert confirmation.body.startswith("Beste melder,")
    assert "uitkering" not in confirmation.body


def test_melding_confirmations_to_one_address_are_limited(
        client, settings, django_capture_on_commit_callbacks):
    settings.MAIL_PER_ADDRESS_LIMIT = 2
    before = Melding.objects.count()
    for number in range(4):
        check = fill_in(client, {"contact": {"contact": "email", "name": "X",
                                             "email": "doelwit@example.org"}})
        with django_capture_on_commit_callbacks(execute=True):
            response = submit(client, check, REMOTE_ADDR=f"203.0.113.{60 + number}")
        assert response.status_code == 303  # every melding is stored and confirmed on screen
    assert Melding.objects.count() == before + 4
    to_target = [m for m in mail.outbox if m.to == ["doelwit@example.org"]]
    assert len(to_target) == 2
