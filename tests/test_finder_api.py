"""The finder API (GET /api/finder/) against the evaluation contract and the demo content."""

import pytest

from tests.finder_cases import EXTRA_FILE, read_cases

pytestmark = pytest.mark.django_db

EXTRA_CASES = read_cases(EXTRA_FILE)


def keys_for(client, **params):
    response = client.get("/api/finder/", params)
    assert response.status_code == 200, response.content
    return [result["key"] for result in response.json()["results"]]


def test_own_question_file_is_read():
    assert len(EXTRA_CASES) >= 100
    assert ("klacht", "zandvoort", ["signaleerpunt"], ["ombudsman-metropool-amsterdam"]) in (
        EXTRA_CASES)


@pytest.mark.parametrize(
    ("query", "gemeente", "good", "bad"), EXTRA_CASES, ids=[c[0] for c in EXTRA_CASES]
)
def test_extra_questions(client, query, gemeente, good, bad):
    params = {"q": query}
    if gemeente:
        params["gemeente"] = gemeente
    keys = keys_for(client, **params)
    assert any(key in good for key in keys[:3]), f"{query!r}: {keys[:5]} has none of {good}"
    assert not [key for key in keys if key in bad]


def test_response_shape(client):
    response = client.get("/api/finder/", {"q": "klacht over mijn huisarts"})
    assert response["Content-Type"].startswith("application/json")
    data = response.json()
    assert data["query"] == "klacht over mijn huisarts"
    first = data["results"][0]
    assert set(first) == {"key", "title", "url", "soort", "score"}
    assert first["url"].startswith("/verwijsgids/")
    scores = [result["score"] for result in data["results"]]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.parametrize("word", ["klacht", "zorg", "Klacht", "ZORG", "klachten", "zorgen"])
def test_klacht_and_zorg_find_the_signaleerpunt_first(client, word):
    assert keys_for(client, q=word)[0] == "signaleerpunt"


def test_municipality_filter_never_shows_a_scheme_that_does_not_serve_it(client):
    from verwijsgids.models import Regeling

    not_haarlem = {
        r.key for r in Regeling.objects.filter(locale__language_code="nl")
        if not r.bedient("haarlem")
    }
    assert "ombudsman-metropool-amsterdam" in not_haarlem
    for query in ["ombudsman", "klacht gemeente al geklaagd", "ombudsman amsterdam", "",
                  "metropool", "klacht"]:
        keys = keys_for(client, q=query, gemeente="haarlem")
        assert not set(keys) & not_haarlem, (query, keys)
    assert keys_for(client, q="ombudsman", gemeente="amsterdam")[0] == (
        "ombudsman-metropool-amsterdam"
    )


def test_empty_query_lists_the_schemes_for_the_filters(client):
    all_keys = keys_for(client)
    assert len(all_keys) == 18
    assert all_keys[0] == "signaleerpunt"
    zorg = keys_for(client, domein="zorg")
    assert "klacht-zorgaanbieder" in zorg and "bezwaar" not in zorg
    amsterdam = keys_for(client, gemeente="amsterdam", q="")
    assert "ombudsman-metropool-amsterdam" in amsterdam
    assert "klacht-gemeente" in amsterdam  # every municipality has its own procedure
    assert "nationale-ombudsman" not in amsterdam  # Amsterdam has its own ombudsman


def test_domain_filter_applies_to_queries(client):
    keys = keys_for(client, q="klacht", domein="jeugd")
    assert keys and "klacht-zorgaanbieder" not in keys
    assert "signaleerpunt" in keys  # serves every domain


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"q": "x" * 201}, "q"),
        ({"gemeente": "atlantis"}, "gemeente"),
        ({"gemeente": "Haarlem!"}, "gemeente"),
        ({"domein": "ruimtevaart"}, "domein"),
        ({"q": "zorg", "domein": "../../etc"}, "domein"),
        ({"limit": "veel"}, "limit"),
        ({"limit": "0"}, "limit"),
        ({"limit": "1000"}, "limit"),
    ],
)
def test_bad_parameters_are_a_400_with_a_dutch_json_error(client, params, field):
    response = client.get("/api/finder/", params)
    assert response.status_code == 400
    data = response.json()
    assert data["field"] == field
    assert data["error"] and ("Onbekend" in data["error"] or "maximaal" in data["error"]
                              or "aantal" in data["error"])


def test_query_of_exactly_200_characters_is_fine(client):
    assert client.get("/api/finder/", {"q": "zorg " * 40}).status_code == 200


@pytest.mark.parametrize(
    "query", ["%", "' OR 1=1 --", "<script>", "🙂🙂", "\u0000", "ééé", "12345678", "a" * 200,
              "  ", "de het een", "klacht" * 30]
)
def test_odd_questions_never_crash(client, query):
    response = client.get("/api/finder/", {"q": query})
    assert response.status_code in (200, 400)
    assert "results" in response.json() or "error" in response.json()


def test_english_titles_with_lang_en(client):
    data = client.get("/api/finder/", {"q": "klacht", "lang": "en"}).json()
    assert data["results"][0]["key"] == "signaleerpunt"
    assert data["results"][0]["url"].startswith("/en/")


def test_openapi_schema_describes_the_finder(client):
    response = client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    operation = schema["paths"]["/api/finder/"]["get"]
    names = {parameter["name"] for parameter in operation["parameters"]}
    assert {"q", "gemeente", "domein"} <= names
    assert "400" in operation["responses"]


def test_api_makes_few_queries(client, django_assert_max_num_queries):
    client.get("/api/finder/", {"q": "warm"})  # builds the index
    with django_assert_max_num_queries(5):  # the query log: update, or savepoint + insert
        client.get("/api/finder/", {"q": "klacht over de thuiszorg", "gemeente": "haarlem"})


def test_suggestion_field_never_rewrites_real_words(client):
    for query in ("mijn moeder krijgt te weinig uren", "mijn ex slaat mij", "they don't listen"):
        data = client.get("/api/finder/", {"q": query}).json()
        assert data["query"] == query and data["suggestion"] is None
    data = client.get("/api/finder/", {"q": "Klacht over mijn huisats"}).json()
    assert data["query"] == "Klacht over mijn huisats"
    assert data["suggestion"] == "Klacht over mijn huisarts"
    assert data["results"][0]["key"] == "klacht-zorgaanbieder"
    literal = client.get("/api/finder/", {"q": "huisats", "letterlijk": "1"}).json()
    assert literal["suggestion"] is None and literal["results"] == []
