"""Verwijsgids API: contract, filters, errors, CORS, and schemathesis against /api/schema/."""

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from drf_spectacular.validation import validate_schema
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

from verwijsgids.models import Regeling

from .test_verwijsgids import FACTS, TRANSLATED

pytestmark = pytest.mark.django_db


def get_schema(client):
    response = client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    return response.json()


def results(client, **params):
    params.setdefault("page_size", 100)
    response = client.get("/api/regelingen/", params)
    assert response.status_code == 200, response.content
    return response.json()


def keys(data):
    return sorted(item["key"] for item in data["results"])


def test_schema_is_valid_and_describes_both_endpoints(client):
    schema = get_schema(client)
    validate_schema(schema)
    assert "/api/regelingen/" in schema["paths"]
    assert "/api/regelingen/{key}/" in schema["paths"]
    listing = schema["paths"]["/api/regelingen/"]["get"]
    params = {p["name"]: p for p in listing["parameters"]}
    assert set(params) >= {"gemeente", "domein", "soort", "lang", "page", "page_size"}
    assert "haarlem" in params["gemeente"]["schema"]["enum"]
    assert set(listing["responses"]) == {"200", "400", "404"}
    assert list(schema["paths"]["/api/regelingen/"]) == ["get"]


def test_every_fact_key_has_an_api_entry(client):
    data = results(client)
    assert keys(data) == sorted(FACTS)
    assert data["count"] == 18
    for key in FACTS:
        response = client.get(f"/api/regelingen/{key}/")
        assert response.status_code == 200
        item = response.json()
        assert item["key"] == key and item["taal"] == "nl"
        assert item["url"].endswith(f"/verwijsgids/{key}/")


def test_entry_content(client):
    item = client.get("/api/regelingen/klacht-gemeente/").json()
    assert item["soort"] == "klacht" and item["lijn"] == 1
    assert [s["key"] for s in item["volgende_stappen"]] == [
        "nationale-ombudsman", "ombudsman-metropool-amsterdam"]
    assert item["bereik"] == "alle" and item["landelijk"] is True  # every municipality
    assert item["gemeenten"] == []
    assert item["melden_url"].endswith("/melden/?regeling=klacht-gemeente")
    assert item["controle_status"] == "ok"
    assert "onvriendelijk" in item["zoekwoorden"]
    ombudsman = client.get("/api/regelingen/nationale-ombudsman/").json()
    assert ombudsman["organisatie"]["telefoon"] == "0800-335 55 55"
    assert ombudsman["bereik"] == "behalve" and ombudsman["landelijk"] is False
    assert "zaanstad" in {g["key"] for g in ombudsman["gemeenten"]}
    assert client.get("/api/regelingen/vertrouwenspersoon-wmo/").json()["organisatie"] is None


def test_haarlem_never_lists_the_amsterdam_ombudsman(client):
    assert "ombudsman-metropool-amsterdam" not in keys(results(client, gemeente="haarlem"))
    assert "ombudsman-metropool-amsterdam" in keys(results(client, gemeente="zaanstad"))


def test_filters_combine(client):
    assert keys(results(client, gemeente="bloemendaal", domein="jeugd", soort="klacht")) == [
        "klacht-gemeente", "klacht-jeugdhulpaanbieder", "klacht-veilig-thuis"]
    assert keys(results(client, soort="ombudsman", gemeente="diemen")) == [
        "ombudsman-metropool-amsterdam"]  # Diemen has its own ombudsman
    assert keys(results(client, soort="ombudsman", gemeente="haarlem")) == [
        "nationale-ombudsman"]
    assert keys(results(client, domein="zorg", soort="beroep")) == []


def test_english(client):
    data = results(client, lang="en")
    assert keys(data) == sorted(FACTS)
    english = {item["key"] for item in data["results"] if item["taal"] == "en"}
    assert english == set(TRANSLATED)
    item = client.get("/api/regelingen/bezwaar/", {"lang": "en"}).json()
    assert item["titel"] == "Objecting to a decision"
    assert item["url"].endswith("/en/verwijsgids/bezwaar/")
    assert item["melden_url"].endswith("/en/melden/?regeling=bezwaar")
    assert client.get("/api/regelingen/participatieraad/", {"lang": "en"}).json()["taal"] == "en"
    from verwijsgids.models import Regeling

    Regeling.objects.get(key="participatieraad", locale__language_code="en").unpublish()
    fallback = client.get("/api/regelingen/participatieraad/", {"lang": "en"}).json()
    assert fallback["taal"] == "nl"  # no live translation: the Dutch page


def test_pagination(client):
    first = client.get("/api/regelingen/", {"page_size": 5}).json()
    assert first["count"] == 18 and first["pages"] == 4 and len(first["results"]) == 5
    assert first["previous"] is None and "page=2" in first["next"]
    last = client.get("/api/regelingen/", {"page_size": 5, "page": 4}).json()
    assert len(last["results"]) == 3 and last["next"] is None
    seen = []
    for page in range(1, 5):
        seen += keys(client.get("/api/regelingen/", {"page_size": 5, "page": page}).json())
    assert sorted(seen) == sorted(FACTS)
    response = client.get("/api/regelingen/", {"page": 5, "page_size": 5})
    assert response.status_code == 404 and "error" in response.json()


@pytest.mark.parametrize("params", [
    {"gemeente": "atlantis"}, {"domein": "sport"}, {"soort": "rechtszaak"}, {"lang": "de"},
    {"page": "0"}, {"page": "een"}, {"page": " 1"}, {"page_size": "1000"},
    {"gemeente": "haar\x00lem"}, {"gemeente": "x" * 3000},
])
def test_bad_parameters_give_a_dutch_400(client, params):
    response = client.get("/api/regelingen/", params)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    message = response.json()["error"]
    assert any(word in message for word in ("Onbekende", "geheel getal", "klopt niet"))


@pytest.mark.parametrize("key", ["bestaat-niet", "BEZWAAR", "a/b", "%00", "a%0Ab", "x" * 500])
def test_unknown_key_is_a_json_404(client, key):
    response = client.get(f"/api/regelingen/{key}/")
    # A NUL is refused before any view (portal/inputguard.py), as JSON too.
    assert response.status_code == (400 if key == "%00" else 404)
    assert "error" in response.json()


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_read_only(client, method):
    for path in ("/api/regelingen/", "/api/regelingen/bezwaar/"):
        response = getattr(client, method)(path)
        assert response.status_code == 405
        assert "GET" in response["Allow"]
        assert "error" in response.json()


def test_cors_open_for_get(client):
    response = client.get("/api/regelingen/", HTTP_ORIGIN="https://partner.example")
    assert response["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(
        "/api/regelingen/", HTTP_ORIGIN="https://partner.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert preflight.status_code == 200
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    assert "POST" not in preflight["Access-Control-Allow-Methods"]


def test_draft_changes_are_not_published_in_the_api(client):
    page = Regeling.objects.get(key="bezwaar", locale__language_code="nl")
    page.title = "Geheime concepttitel"
    page.save_revision()  # a draft, not published
    item = client.get("/api/regelingen/bezwaar/").json()
    assert item["titel"] == "Bezwaar maken tegen een besluit"


# --- schemathesis -------------------------------------------------------------------------------

WSGI_APP = WSGIHandler()


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_schemathesis_finds_no_errors(client, mode):
    """Generated requests (valid and invalid) against our own OpenAPI description: no 500s,
    responses match the schema (status codes, content types, bodies)."""
    schema = schemathesis.openapi.from_dict(get_schema(client)).include(
        path_regex=r"^/api/regelingen/"
    )
    strategy = schema.as_strategy(generation_mode=mode)
    calls = []

    @given(case=strategy)
    @settings(max_examples=100, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    def run(case):
        response = case.call_and_validate(app=WSGI_APP, headers={"Host": "testserver"})
        calls.append(response.status_code)

    # Like Django's test client: keep the test's database connection (and its transaction)
    # open between requests.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        run()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    assert calls, "schemathesis generated no requests"
    assert all(code < 500 for code in calls)
    if mode == GenerationMode.POSITIVE:
        assert 200 in calls
    else:
        assert 400 in calls or 404 in calls
