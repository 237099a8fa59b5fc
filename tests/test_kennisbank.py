"""Kennisbank: learning sessions (registration, waiting list, cancellation, deletion, .ics),
publications and the query budget of every page type."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from icalendar import Calendar

from kennisbank.models import (
    Aanmelding,
    Advies,
    KennisbankIndexPage,
    Leerbijeenkomst,
    Onderzoek,
    WatWeLerenPage,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def upcoming():
    return Leerbijeenkomst.objects.get(slug="als-niemand-terugbelt", locale__language_code="nl")


@pytest.fixture
def small():
    """The demo session with 3 places."""
    return Leerbijeenkomst.objects.get(slug="samenwerken-over-grenzen", locale__language_code="nl")


@pytest.fixture
def past():
    return Leerbijeenkomst.objects.get(slug="paarse-krokodil-in-de-wmo", locale__language_code="nl")


def register(client, session, name="Anna de Vries", email="anna@example.org", prefix=""):
    return client.post(f"{prefix}{session.url}aanmelden/", {"name": name, "email": email})


# --- Pages -----------------------------------------------------------------------------------


def test_kennisbank_index_in_menu_and_in_english(client):
    nl = KennisbankIndexPage.objects.get(locale__language_code="nl")
    assert nl.show_in_menus and nl.url == "/kennisbank/"
    response = client.get("/kennisbank/")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'href="/kennisbank/"' in body  # the main menu
    assert "Komende leerbijeenkomsten" in body
    assert "Intervisie: problemen tussen twee organisaties in" in body
    assert "Advies: schrijf brieven over terugvordering" in body
    en = client.get("/en/kennisbank/")
    assert en.status_code == 200
    assert b"Knowledge base" in en.content


def test_session_page_shows_details_and_registration_link(client, upcoming):
    response = client.get(upcoming.url)
    body = response.content.decode()
    assert response.status_code == 200
    assert f'href="{upcoming.url}aanmelden/"' in body
    assert "Er zijn nog 40 plaatsen vrij." in body
    assert "https://meet.example.org/signaleerpunt-bereikbaarheid" in body
    assert "Bereikbaarheid" in body  # theme
    assert "<form" not in body.split('id="inhoud"')[1]  # no form: the page stays cacheable


def test_session_page_is_page_cached_but_registration_form_is_not(client, upcoming):
    first = client.get(upcoming.url)
    second = client.get(upcoming.url)
    assert first["X-Page-Cache"] == "miss" and second["X-Page-Cache"] == "hit"
    form = client.get(upcoming.url + "aanmelden/")
    assert form.status_code == 200
    assert "no-store" in form["Cache-Control"] and "private" in form["Cache-Control"]
    again = client.get(upcoming.url + "aanmelden/")
    assert "X-Page-Cache" not in again


def test_past_session_shows_material_with_document_summary(client, past):
    body = client.get(past.url).content.decode()
    assert "Deze bijeenkomst is geweest." in body
    assert "Materiaal van de bijeenkomst" in body
    assert "één vast aanspreekpunt" in body  # HTML summary of the session
    assert "Het verslag beschrijft de drie besproken meldingen" in body  # document summary
    assert ".pdf" in body
    assert "aanmelden/" not in body


def test_advice_shows_follow_up_and_response(client):
    advice = Advies.objects.get(slug="begrijpelijke-brieven-terugvordering",
                                locale__language_code="nl")
    body = client.get(advice.url).content.decode()
    assert "Deels opgevolgd" in body
    assert "Ongevraagd advies" in body
    assert "herschreven op B1-niveau" in body
    open_advice = Advies.objects.get(slug="klachtenregeling-sociaal-wijkteam",
                                     locale__language_code="nl")
    assert open_advice.follow_up == "open"
    assert "nog niet gereageerd" in client.get(open_advice.url).content.decode()


def test_advice_that_is_not_open_needs_a_response():
    from django.core.exceptions import ValidationError

    advice = Advies.objects.get(slug="klachtenregeling-sociaal-wijkteam",
                                locale__language_code="nl")
    advice.follow_up = Advies.FollowUp.DONE
    with pytest.raises(ValidationError):
        advice.full_clean()


def test_research_shows_document_with_summary(client):
    research = Onderzoek.objects.get(slug="wachten-op-wmo-besluit", locale__language_code="nl")
    body = client.get(research.url).content.decode()
    assert "Het rapport laat zien hoe lang inwoners wachten" in body
    assert "Download het document" in body


def test_document_summary_is_required():
    from wagtail.blocks import StructBlockValidationError

    from kennisbank.models import DocumentWithSummaryBlock

    block = DocumentWithSummaryBlock()
    research = Onderzoek.objects.get(slug="wachten-op-wmo-besluit", locale__language_code="nl")
    document = research.documents[0].value["document"]
    value = block.to_python({"document": document.pk, "title": "", "summary": ""})
    with pytest.raises(StructBlockValidationError):
        block.clean(value)


def test_session_needs_place_or_link_and_end_after_start(upcoming):
    from django.core.exceptions import ValidationError

    upcoming.online_url = ""
    upcoming.location = ""
    upcoming.end = upcoming.start - timedelta(hours=1)
    with pytest.raises(ValidationError) as error:
        upcoming.full_clean()
    assert {"location", "end"} <= set(error.value.message_dict)


# --- Registration ----------------------------------------------------------------------------


def test_registration_form_errors_use_an_error_summary(client, upcoming):
    response = register(client, upcoming, name="", email="geen-adres")
    body = response.content.decode()
    assert response.status_code == 200
    assert 'class="utrecht-alert utrecht-alert--error slp-error-summary"' in body
    assert 'href="#id_name"' in body and 'href="#id_email"' in body
    assert "Vul uw naam in." in body
    assert 'aria-describedby="id_email-uitleg id_email-fout"' in body
    assert 'value="geen-adres"' in body  # input is kept
    assert not Aanmelding.objects.exists()


def test_hostile_input_gives_a_form_error_not_a_500(client, upcoming):
    response = register(client, upcoming, name="<script>x</script>" * 20, email="a@b.nl")
    assert response.status_code == 200
    assert b"slp-error-summary" in response.content
    response = register(client, upcoming, name="x" * 10_000, email="a" * 5000 + "@b.nl")
    assert response.status_code == 200
    assert not Aanmelding.objects.exists()


def test_register_sends_confirmation_with_cancel_link_and_ics(client, upcoming):
    response = register(client, upcoming, email="Anna@Example.org")
    assert response.status_code == 200
    assert "Kijk in uw e-mail" in response.content.decode()
    registration = Aanmelding.objects.get()
    assert registration.status == Aanmelding.Status.REGISTERED
    assert registration.email == "anna@example.org"
    assert registration.session_id == upcoming.pk
    page = client.get(registration.manage_path())  # the link in the e-mail
    assert "<dd>Aangemeld</dd>" in page.content.decode()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["anna@example.org"]
    assert "Bevestiging aanmelding" in message.subject
    assert registration.manage_url() in message.body
    name, content, mimetype = message.attachments[0]
    assert mimetype == "text/calendar"
    assert "Als niemand terugbelt" in Calendar.from_ical(content).walk("VEVENT")[0]["SUMMARY"]


def test_registration_on_english_page_counts_for_the_same_session(client, upcoming):
    english = upcoming.get_translation(upcoming.get_translations().first().locale)
    response = register(client, english, prefix="")
    assert response.status_code == 200
    assert "Check your e-mail" in response.content.decode()
    registration = Aanmelding.objects.get()
    assert registration.session_id == upcoming.pk
    assert registration.language == "en"
    body = mail.outbox[0].body
    assert "/en/kennisbank/aanmelding/" in body  # the cancel link in the visitor's language
    assert english.title in body and upcoming.title not in body


def test_registering_twice_creates_one_registration_and_resends_once(client, upcoming):
    first = register(client, upcoming)
    response = register(client, upcoming, name="Anna", email="ANNA@example.org")
    assert response.status_code == 200
    # The same answer as for a new address: nobody learns who is registered.
    strip = lambda r: re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", r.content.decode())  # noqa: E731
    assert strip(response) == strip(first)
    assert b"al aangemeld" not in response.content
    assert Aanmelding.objects.count() == 1
    assert len(mail.outbox) == 2
    for _ in range(3):  # repeats do not send again
        register(client, upcoming, name="Anna", email="anna@example.org")
    assert len(mail.outbox) == 2


def test_waiting_list_when_full_and_promotion_on_cancel(client, small):
    for n in range(4):
        register(client, small, name=f"Deelnemer {n}", email=f"d{n}@example.org")
    statuses = list(
        Aanmelding.objects.order_by("created_at", "id").values_list("status", flat=True)
    )
    assert statuses == ["aangemeld"] * 3 + ["wachtlijst"]
    waiting = Aanmelding.objects.get(email="d3@example.org")
    assert "wachtlijst" in mail.outbox[-1].subject.lower()
    assert not mail.outbox[-1].attachments  # no calendar invite without a place
    assert waiting.waiting_position() == 1
    page = client.get(small.url)
    assert b"De bijeenkomst is vol." in page.content
    mail.outbox.clear()

    first = Aanmelding.objects.get(email="d0@example.org")
    manage = first.manage_path()
    assert client.get(manage).status_code == 200  # looking does not cancel
    assert Aanmelding.objects.filter(pk=first.pk).exists()
    response = client.post(manage)
    assert response.status_code == 200
    assert b"U bent afgemeld" in response.content
    assert not Aanmelding.objects.filter(pk=first.pk).exists()
    waiting.refresh_from_db()
    assert waiting.status == Aanmelding.Status.REGISTERED
    assert [m.to for m in mail.outbox] == [["d3@example.org"]]
    assert "plaats vrij" in mail.outbox[0].subject
    # The link no longer works once used.
    assert client.post(manage).status_code == 404


def test_cancelling_from_the_waiting_list_promotes_nobody(client, small):
    for n in range(5):
        register(client, small, name=f"Deelnemer {n}", email=f"d{n}@example.org")
    mail.outbox.clear()
    client.post(Aanmelding.objects.get(email="d3@example.org").manage_path())
    assert Aanmelding.objects.get(email="d4@example.org").status == "wachtlijst"
    assert Aanmelding.objects.get(email="d4@example.org").waiting_position() == 1
    assert mail.outbox == []


def test_raising_capacity_fills_places_from_the_waiting_list(client, small):
    from kennisbank.services import fill_free_places

    for n in range(4):
        register(client, small, name=f"Deelnemer {n}", email=f"d{n}@example.org")
    assert fill_free_places(small) == []  # still full
    mail.outbox.clear()
    small.capacity = 4
    small.save_revision().publish()  # publishing promotes the first waiting person
    assert Aanmelding.objects.get(email="d3@example.org").status == "aangemeld"
    assert [m.to for m in mail.outbox] == [["d3@example.org"]]


def test_cancel_token_is_unguessable_and_checked(client, upcoming):
    register(client, upcoming)
    registration = Aanmelding.objects.get()
    token = registration.token
    assert len(registration.nonce) >= 32
    nonce, signature = token.rsplit(".", 1)
    assert client.get(f"/kennisbank/aanmelding/{nonce}.{'A' * len(signature)}/").status_code == 404
    assert client.get("/kennisbank/aanmelding/zomaar/").status_code == 404
    assert client.post(f"/kennisbank/aanmelding/{nonce}/").status_code == 404
    assert Aanmelding.objects.filter(pk=registration.pk).exists()


def test_no_registration_after_the_start(client, past):
    response = register(client, past)
    assert response.status_code == 200
    assert b"Aanmelden kan niet meer" in response.content
    assert not Aanmelding.objects.exists()


def test_registrations_are_deleted_30_days_after_the_session(past, upcoming):
    old = Aanmelding.objects.create(session=past, name="Oud", email="oud@example.org",
                                    status="aangemeld")
    keep = Aanmelding.objects.create(session=upcoming, name="Nieuw", email="n@example.org",
                                     status="aangemeld")
    past.start = timezone.now() - timedelta(days=29, hours=2)
    past.end = timezone.now() - timedelta(days=29)
    past.save()
    call_command("verwijder_oude_aanmeldingen", "--direct", verbosity=0)
    assert Aanmelding.objects.filter(pk=old.pk).exists()  # not yet 30 days
    past.start = timezone.now() - timedelta(days=31, hours=2)
    past.end = timezone.now() - timedelta(days=31)
    past.save()
    call_command("verwijder_oude_aanmeldingen", verbosity=0)  # through the task queue
    assert not Aanmelding.objects.filter(pk=old.pk).exists()
    assert Aanmelding.objects.filter(pk=keep.pk).exists()


# --- iCalendar -------------------------------------------------------------------------------


def test_ics_per_session(client, upcoming):
    response = client.get(f"/kennisbank/bijeenkomst-{upcoming.pk}.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    event = Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == upcoming.title
    assert event.decoded("DTSTART") == upcoming.start
    assert event.decoded("DTEND") == upcoming.end
    assert str(event["LOCATION"]) == upcoming.online_url


def test_ical_feed_lists_only_upcoming_sessions(client, upcoming, past):
    response = client.get("/kennisbank/agenda.ics")
    assert response.status_code == 200
    summaries = {str(e["SUMMARY"]) for e in Calendar.from_ical(response.content).walk("VEVENT")}
    assert upcoming.title in summaries
    assert past.title not in summaries
    english = client.get("/en/kennisbank/agenda.ics")
    summaries_en = {str(e["SUMMARY"]) for e in Calendar.from_ical(english.content).walk("VEVENT")}
    assert "When nobody calls back: reachability in the social domain" in summaries_en


def test_unknown_session_ics_is_404(client):
    assert client.get("/kennisbank/bijeenkomst-999999.ics").status_code == 404


# --- Query budget ----------------------------------------------------------------------------


@pytest.mark.parametrize("model", [KennisbankIndexPage, Leerbijeenkomst, Onderzoek, Advies,
                                   WatWeLerenPage])
def test_each_page_type_renders_within_query_budget(client, django_assert_max_num_queries, model):
    pages = list(model.objects.live())
    assert pages
    client.get("/")  # fills the site-wide caches (contact details, restrictions), as in a live site
    for page in pages:
        url = page.url
        with django_assert_max_num_queries(10):
            response = client.get(url)
        assert response.status_code == 200, url
        assert response.get("X-Page-Cache") == "miss"


def test_registration_form_renders_within_query_budget(client, upcoming,
                                                       django_assert_max_num_queries):
    url = upcoming.url + "aanmelden/"
    client.get("/")
    with django_assert_max_num_queries(10):
        assert client.get(url).status_code == 200


def test_staff_see_registrations_in_the_admin(client, upcoming, admin_user):
    register(client, upcoming, name="Zichtbaar Persoon", email="zichtbaar@example.org")
    client.force_login(admin_user)
    response = client.get("/admin/snippets/kennisbank/aanmelding/", {"q": "zichtbaar"})
    assert response.status_code == 200
    assert b"Zichtbaar Persoon" in response.content
    client.logout()
    assert client.get("/admin/snippets/kennisbank/aanmelding/").status_code == 302
