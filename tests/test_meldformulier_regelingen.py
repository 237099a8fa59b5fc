"""Choosing directory schemes inside the intake form: the step "organisaties" after the topic.

Form-level (OrganisatiesForm, services.regeling_keuzes) and view-level tests: choose, none,
forged key, prefill, a changed domain, the check page; and the staff admin: detail, list
filter on organisation, CSV export.
"""

import csv
import io
import re
import uuid

import pytest
from django.contrib.auth.models import Group, User
from django.utils import translation

from meldformulier import services
from meldformulier.forms import OrganisatiesForm
from meldformulier.models import STAFF_GROUP, Melding, ReferenceCounter
from tests.meldformulier_helpers import ANSWERS, fill_in, step_path, submit
from verwijsgids.models import Domein, Regeling, regelingen_voor

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def keys_of(keuzes):
    return [keuze.key for keuze in keuzes]


def answer_until_organisaties(client, domain="wmo"):
    client.post("/melden/", ANSWERS["soort"])
    response = client.post("/melden/onderwerp/", {"domain": domain})
    assert response.status_code == 302 and response["Location"] == "/melden/organisaties/"


def checked_keys(body):
    return set(re.findall(r'name="regelingen"[^>]*value="([a-z0-9-]+)"\s+checked', body))


def offered_keys(body):
    return re.findall(r'name="regelingen"[^>]*value="([a-z0-9-]+)"', body)


# --- the choices ----------------------------------------------------------------------


def test_choices_are_the_live_schemes_of_the_domain_in_reading_order():
    jeugd = services.regeling_keuzes("jeugd")
    keys = keys_of(jeugd)
    assert "vertrouwenspersoon-jeugd" in keys and "klacht-jeugdhulpaanbieder" in keys
    assert "klacht-zorgaanbieder" not in keys and "klacht-wmo-aanbieder" not in keys
    expected = set(regelingen_voor(domein="jeugd", locale="nl").values_list("key", flat=True))
    assert set(keys) == expected
    assert len(keys) == len(set(keys))
    labels = [str(keuze).casefold() for keuze in jeugd]
    assert labels == sorted(labels)
    by_key = {keuze.key: keuze for keuze in jeugd}
    assert by_key["vertrouwenspersoon-jeugd"].organisation == "AKJ"
    assert str(by_key["vertrouwenspersoon-jeugd"]) == "AKJ: Vertrouwenspersoon jeugdhulp"
    # When the title already names the organisation it is not said twice.
    assert str(by_key["nationale-ombudsman"]) == "Nationale ombudsman"


def test_weet_ik_niet_offers_every_live_scheme_and_never_a_draft():
    everything = keys_of(services.regeling_keuzes(None))
    assert set(everything) == set(
        Regeling.objects.live().filter(locale__language_code="nl").values_list("key", flat=True)
    )
    page = Regeling.objects.get(key="participatieraad", locale__language_code="nl")
    page.unpublish()
    assert "participatieraad" not in keys_of(services.regeling_keuzes(None))
    assert "participatieraad" not in keys_of(services.regeling_keuzes("wmo"))


@pytest.mark.parametrize("domain", ["bestaat-niet", "<script>", "", "x" * 200])
def test_unknown_or_malformed_domain_gives_all_or_nothing_but_no_error(domain):
    keuzes = services.regeling_keuzes(domain)
    assert keuzes == [] or len(keuzes) == len(services.regeling_keuzes(None))


def test_english_choices_use_the_english_page_and_the_dutch_one_without_translation():
    with translation.override("en"):
        by_key = {keuze.key: keuze for keuze in services.regeling_keuzes("wmo")}
    assert by_key["klacht-gemeente"].title == "Complaint about the municipality"
    assert by_key["klacht-gemeente"].organisation == "Municipality (complaints handling)"
    assert by_key["klacht-wmo-aanbieder"].title == "Complaint to the provider of your support (Wmo)"
    assert set(by_key) == set(keys_of(services.regeling_keuzes("wmo")))
    from verwijsgids.models import Regeling

    Regeling.objects.get(key="klacht-wmo-aanbieder", locale__language_code="en").unpublish()
    with translation.override("en"):
        by_key = {keuze.key: keuze for keuze in services.regeling_keuzes("wmo")}
    assert by_key["klacht-wmo-aanbieder"].title == "Klacht bij de Wmo-aanbieder"  # fallback


# --- the form -------------------------------------------------------------------------


def test_form_accepts_offered_keys_and_keeps_their_order():
    keuzes = services.regeling_keuzes("wmo")
    form = OrganisatiesForm(
        {"regelingen": ["sociaal-wijkteam", "klacht-wmo-aanbieder"], "organisations": " De Linde "},
        keuzes=keuzes,
    )
    assert form.is_valid(), form.errors
    data = form.stored_data()
    assert data == {"regelingen": ["sociaal-wijkteam", "klacht-wmo-aanbieder"],
                    "organisations": "De Linde"}


def test_form_with_nothing_chosen_is_valid_and_empty():
    form = OrganisatiesForm({}, keuzes=services.regeling_keuzes("wmo"))
    assert form.is_valid()
    assert form.stored_data() == {"regelingen": [], "organisations": ""}


@pytest.mark.parametrize("forged", ["bestaat-niet", "klacht-zorgaanbieder", "<script>", ""])
def test_form_refuses_a_key_that_is_not_offered_in_dutch(forged):
    keuzes = services.regeling_keuzes("wmo")
    form = OrganisatiesForm({"regelingen": ["sociaal-wijkteam", forged]}, keuzes=keuzes)
    assert not form.is_valid()
    assert form.errors["regelingen"] == ["Kies alleen organisaties uit de lijst."]
    rows = {row["key"]: row["checked"] for row in form.keuze_rows()}
    assert rows["sociaal-wijkteam"] is True  # what was ticked stays ticked


def test_form_without_schemes_asks_only_the_free_text():
    form = OrganisatiesForm({"regelingen": ["klacht-gemeente"], "organisations": "Buurthuis"})
    assert "regelingen" not in form.fields
    assert form.fields["organisations"].label == "Over welke organisatie of organisaties gaat het?"
    assert form.is_valid()
    assert form.stored_data() == {"regelingen": [], "organisations": "Buurthuis"}


# --- the step in the flow -------------------------------------------------------------


def test_step_shows_checkboxes_with_organisation_and_title(client):
    answer_until_organisaties(client, "jeugd")
    response = client.get("/melden/organisaties/")
    assert response.status_code == 200
    body = response.content.decode()
    assert set(offered_keys(body)) == set(keys_of(services.regeling_keuzes("jeugd")))
    assert "klacht-zorgaanbieder" not in offered_keys(body)
    assert "Vertrouwenspersoon jeugdhulp" in body and "AKJ" in body
    assert '<fieldset class="utrecht-form-fieldset"' in body and "<legend" in body
    # Every checkbox has its own label.
    for index in range(len(offered_keys(body))):
        assert f'for="id_regelingen_{index}"' in body and f'id="id_regelingen_{index}"' in body
    assert "Stap 3 van 9" in body
    assert 'href="/melden/onderwerp/"' in body  # back link to the topic


def test_chosen_schemes_are_shown_for_checking_and_stored(
    client, django_capture_on_commit_callbacks
):
    check = fill_in(client, {"organisaties": {
        "regelingen": ["klacht-wmo-aanbieder", "sociaal-wijkteam"], "organisations": "De Linde",
    }})
    body = check.content.decode()
    assert "Klacht bij de Wmo-aanbieder" in body
    assert "Gemeente: Sociaal wijkteam" in body
    assert "De Linde" in body
    assert re.search(r'href="/melden/organisaties/">Wijzig<span class="slp-visually-hidden">'
                     r" gekozen organisaties", body)
    assert "Stap 9 van 9" in body
    with django_capture_on_commit_callbacks(execute=True):
        assert submit(client, check).status_code == 303
    melding = Melding.objects.get()
    assert melding.regeling_keys == ["klacht-wmo-aanbieder", "sociaal-wijkteam"]
    assert melding.organisations == "De Linde"


def test_choosing_nothing_stores_no_scheme(client, django_capture_on_commit_callbacks):
    check = fill_in(client, {"organisaties": {}})
    body = check.content.decode()
    assert "Geen gekozen" in body and "Niet ingevuld" in body
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, check)
    melding = Melding.objects.get()
    assert melding.regeling_keys == [] and melding.organisations == ""


@pytest.mark.parametrize("forged", [
    ["bestaat-niet"], ["klacht-zorgaanbieder"], ["<script>alert(1)</script>"], ["x" * 5000],
    ["sociaal-wijkteam", "../../etc/passwd"],
])
def test_forged_key_gives_the_form_back_with_a_dutch_error(client, forged):
    answer_until_organisaties(client, "wmo")
    response = client.post("/melden/organisaties/", {
        "regelingen": ["klacht-wmo-aanbieder", *forged], "organisations": "Mijn tekst",
    })
    assert response.status_code == 400
    body = response.content.decode()
    assert "Er is een probleem" in body
    assert "Kies alleen organisaties uit de lijst." in body
    assert 'href="#id_regelingen_0"' in body and 'id="id_regelingen_0"' in body
    assert "<script>alert(1)" not in body
    # Input kept: the valid ticks and the free text.
    assert "klacht-wmo-aanbieder" in checked_keys(body)
    assert 'value="Mijn tekst"' in body
    # Nothing was stored: the check page is not reachable yet.
    assert client.get("/melden/verhaal/")["Location"] == "/melden/organisaties/"


def test_prefill_ticks_the_scheme_and_chooses_its_only_domain(
    client, django_capture_on_commit_callbacks
):
    client.get("/melden/?regeling=klacht-wmo-aanbieder")
    client.post("/melden/", ANSWERS["soort"])
    topic = client.get("/melden/onderwerp/").content.decode()
    assert re.search(r'value="wmo"\s+checked', topic)  # the scheme's only domain
    assert "regelingen" not in topic  # not asked twice
    client.post("/melden/onderwerp/", {"domain": "wmo"})
    body = client.get("/melden/organisaties/").content.decode()
    assert checked_keys(body) == {"klacht-wmo-aanbieder"}
    assert "slp-notice" not in body
    # The resident only presses "Volgende stap": the form posts what is ticked.
    check = fill_in(client, {"soort": ANSWERS["soort"], "onderwerp": {"domain": "wmo"},
                             "organisaties": {"regelingen": ["klacht-wmo-aanbieder"]}})
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, check)
    assert Melding.objects.get().regeling_keys == ["klacht-wmo-aanbieder"]


def test_prefill_of_a_scheme_in_several_domains_leaves_the_domain_open(client):
    client.get("/melden/?regeling=klacht-gemeente")
    client.post("/melden/", ANSWERS["soort"])
    topic = client.get("/melden/onderwerp/").content.decode()
    assert not re.search(r'name="domain" [^>]*checked', topic)
    client.post("/melden/onderwerp/", {"domain": "jeugd"})
    assert checked_keys(client.get("/melden/organisaties/").content.decode()) == {
        "klacht-gemeente"
    }


def test_prefilled_scheme_of_another_domain_is_not_ticked_and_the_resident_is_told(client):
    client.get("/melden/?regeling=klacht-zorgaanbieder")  # domain "zorg" only
    client.post("/melden/", ANSWERS["soort"])
    response = client.post("/melden/onderwerp/", {"domain": "jeugd"})
    assert response["Location"] == "/melden/organisaties/"
    body = client.get("/melden/organisaties/").content.decode()
    assert checked_keys(body) == set()
    notice = re.search(r'<div class="utrecht-alert[^"]*slp-notice".*?</div>', body, re.S).group(0)
    assert "Klacht bij de zorgaanbieder" in notice
    # Said once: not again on the next visit.
    assert "slp-notice" not in client.get("/melden/organisaties/").content.decode()


def test_changed_domain_takes_off_the_schemes_that_no_longer_fit(
    client, django_capture_on_commit_callbacks
):
    fill_in(client, {"organisaties": {
        "regelingen": ["klacht-wmo-aanbieder", "sociaal-wijkteam"], "organisations": "De Linde",
    }})
    # From the check page back to the topic; jeugd has the wijkteam but not the Wmo provider.
    response = client.post("/melden/onderwerp/", {"domain": "jeugd"})
    assert response.status_code == 302
    assert response["Location"] == "/melden/organisaties/"  # not straight to checking
    body = client.get("/melden/organisaties/").content.decode()
    assert checked_keys(body) == {"sociaal-wijkteam"}
    assert "Klacht bij de Wmo-aanbieder" in re.search(
        r'<div class="utrecht-alert[^"]*slp-notice".*?</div>', body, re.S).group(0)
    assert 'value="De Linde"' in body
    # Even without posting this step again, the old choice is gone from the check page.
    check = client.get("/melden/controleren/")
    text = check.content.decode()
    assert "Klacht bij de Wmo-aanbieder" not in text and "Sociaal wijkteam" in text
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, check)
    melding = Melding.objects.get()
    assert melding.domain.key == "jeugd"
    assert melding.regeling_keys == ["sociaal-wijkteam"]


def test_another_domain_asks_the_schemes_again_and_keeps_those_that_fit(client):
    fill_in(client, {"organisaties": {"regelingen": ["klacht-wmo-aanbieder"]}})
    response = client.post("/melden/onderwerp/", {"domain": "onbekend"})  # "Weet ik niet"
    assert response["Location"] == "/melden/organisaties/"  # other schemes on offer now
    body = client.get("/melden/organisaties/").content.decode()
    assert checked_keys(body) == {"klacht-wmo-aanbieder"}
    assert "slp-notice" not in body  # nothing was taken off
    assert len(offered_keys(body)) == len(services.regeling_keuzes(None))
    response = client.post("/melden/organisaties/", {"regelingen": ["klacht-wmo-aanbieder"]})
    assert response["Location"] == "/melden/controleren/"
    # The same domain again: straight back to checking.
    response = client.post("/melden/onderwerp/", {"domain": "onbekend"})
    assert response["Location"] == "/melden/controleren/"
    assert "Klacht bij de Wmo-aanbieder" in client.get("/melden/controleren/").content.decode()


def test_session_from_before_the_step_keeps_the_free_text(client):
    from meldformulier import views

    client.post("/melden/", ANSWERS["soort"])
    client.post("/melden/onderwerp/", {"domain": "wmo"})
    session = client.session
    flow = views.load_flow(type("R", (), {"session": session})())
    flow["steps"]["onderwerp"]["organisations"] = "Oude tekst"
    session[views.SESSION_KEY] = views.crypto.encrypt_text(views.json.dumps(flow))
    session.save()
    assert 'value="Oude tekst"' in client.get("/melden/organisaties/").content.decode()


def test_domain_without_schemes_asks_only_for_the_organisation_name(
    client, django_capture_on_commit_callbacks
):
    Domein.objects.create(key="test-leeg", name="Leeg domein", sort_order=99)
    answer_until_organisaties(client, "test-leeg")
    body = client.get("/melden/organisaties/").content.decode()
    assert 'name="regelingen"' not in body
    assert "Over welke organisatie of organisaties gaat het?" in body
    response = client.post("/melden/organisaties/", {
        "regelingen": ["klacht-gemeente"], "organisations": "Buurthuis",
    })
    assert response.status_code == 302
    check = fill_in(client, {"onderwerp": {"domain": "test-leeg"},
                             "organisaties": {"organisations": "Buurthuis"}})
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, check)
    melding = Melding.objects.get()
    assert melding.regeling_keys == [] and melding.organisations == "Buurthuis"


def test_english_step_and_check_page(client):
    client.post("/en/melden/", ANSWERS["soort"])
    client.post("/en/melden/onderwerp/", {"domain": "wmo"})
    body = client.get("/en/melden/organisaties/").content.decode()
    assert "Complaint about the municipality" in body
    assert "(optional)" in body
    check = fill_in(client, {"organisaties": {"regelingen": ["klacht-gemeente"]}}, prefix="/en")
    assert "Complaint about the municipality" in check.content.decode()


def test_step_and_check_page_stay_within_the_query_budget(client, django_assert_max_num_queries):
    answer_until_organisaties(client, "onbekend")
    with django_assert_max_num_queries(10):
        response = client.get("/melden/organisaties/")
    assert len(offered_keys(response.content.decode())) >= 15
    with django_assert_max_num_queries(10):
        assert client.post("/melden/organisaties/", {"regelingen": ["x-y"]}).status_code == 400
    fill_in(client, {"onderwerp": {"domain": "onbekend"},
                     "organisaties": {"regelingen": keys_of(services.regeling_keuzes(None))}})
    with django_assert_max_num_queries(10):
        assert client.get("/melden/controleren/").status_code == 200


def test_fuzzed_step_name_list_never_errors(client):
    for step in ("soort", "onderwerp"):
        client.post(step_path(step), ANSWERS[step])
    for data in ({"regelingen": ""}, {"regelingen": ["", ""]}, {"regelingen": "\x00"},
                 {"organisations": "x" * 400}, {"regelingen": ["a"] * 500}):
        assert client.post("/melden/organisaties/", data).status_code in (302, 400)


# --- staff admin ----------------------------------------------------------------------


def make_melding(**kwargs):
    defaults = {
        "reference": ReferenceCounter.next_reference(), "idempotency_token": uuid.uuid4(),
        "kind": "klacht", "domain": Domein.objects.get(key="wmo"), "organisations": "",
        "description": "Beschrijving", "earlier_complaint": "nee", "on_behalf": "zelf",
        "contact": "anoniem",
    }
    defaults.update(kwargs)
    return Melding.objects.create(**defaults)


@pytest.fixture
def staff(client):
    user = User.objects.create_user("medewerker-regelingen", password="x")
    user.groups.add(Group.objects.get(name=STAFF_GROUP))
    client.force_login(user)
    return user


def test_admin_detail_shows_chosen_schemes_with_title_and_key(client, staff):
    melding = make_melding(regeling_keys=["vertrouwenspersoon-jeugd", "verdwenen-regeling"],
                           organisations="Buurthuis")
    body = client.get(f"/admin/meldingen/{melding.pk}/").content.decode()
    assert "AKJ: Vertrouwenspersoon jeugdhulp" in body
    assert "<code>vertrouwenspersoon-jeugd</code>" in body
    assert "<code>verdwenen-regeling</code> (niet meer in de verwijsgids)" in body
    assert "Buurthuis" in body


def test_admin_list_filter_finds_meldingen_by_chosen_scheme_or_organisation(client, staff):
    akj = make_melding(regeling_keys=["vertrouwenspersoon-jeugd"])
    wmo = make_melding(regeling_keys=["klacht-wmo-aanbieder", "sociaal-wijkteam"])
    bezwaar_like = make_melding(regeling_keys=["bezwaar-extra"])  # a key containing "bezwaar"
    bezwaar = make_melding(regeling_keys=["bezwaar"])
    free_text = make_melding(organisations="Thuiszorg AKJ-achtig")
    referred = make_melding(doorverwezen_naar="klacht-wmo-aanbieder", status="doorverwezen")
    everything = (akj, wmo, bezwaar_like, bezwaar, free_text, referred)

    def refs(term):
        body = client.get("/admin/meldingen/", {"organisation": term}).content.decode()
        return {m.reference for m in everything if m.reference in body}

    # The organisation's name, the scheme's title (Dutch or English) or its key.
    assert refs("AKJ") == {akj.reference, free_text.reference}
    assert refs("vertrouwenspersoon jeugdhulp") == {akj.reference}
    assert refs("Wmo-aanbieder") == {wmo.reference, referred.reference}
    assert refs("Complaint about the municipality") == set()
    assert refs("sociaal-wijkteam") == {wmo.reference}
    # A title that leads to key "bezwaar" does not find the key "bezwaar-extra".
    assert refs("Bezwaar maken tegen") == {bezwaar.reference}
    assert refs("Geen enkele organisatie") == set()
    # The list shows the chosen schemes by name.
    body = client.get("/admin/meldingen/", {"organisation": "AKJ"}).content.decode()
    assert "AKJ: Vertrouwenspersoon jeugdhulp" in body


def test_admin_list_filter_by_english_title(client, staff):
    melding = make_melding(regeling_keys=["klacht-gemeente"])
    body = client.get("/admin/meldingen/", {"organisation": "about the municipality"})
    assert melding.reference in body.content.decode()


def test_csv_export_lists_the_scheme_keys(client, staff):
    make_melding(regeling_keys=["klacht-wmo-aanbieder", "sociaal-wijkteam"])
    response = client.get("/admin/meldingen/export/")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    column = rows[0].index("regelingen")
    assert rows[1][column] == "klacht-wmo-aanbieder sociaal-wijkteam"


def test_quarterly_figures_count_every_chosen_scheme():
    from kennisbank.melding_source import MeldingSource

    melding = make_melding(regeling_keys=["klacht-wmo-aanbieder", "sociaal-wijkteam"],
                           organisations="De Linde")
    year, quarter = melding.quarter
    records = MeldingSource().records(year, quarter)
    assert any(
        {"klacht-wmo-aanbieder", "sociaal-wijkteam"} <= set(r["organisatie"]) for r in records
    )
