"""The guided finder at /vinden/: one question per page, answers in the URL."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest

pytestmark = pytest.mark.django_db


def h1(response):
    return re.search(r"<h1[^>]*>(.*?)</h1>", response.content.decode(), re.S).group(1).strip()


def scheme_links(response):
    body = response.content.decode()
    return re.findall(r'<h2 class="utrecht-heading-2"><a class="utrecht-link" href="([^"]+)"', body)


def test_first_question_is_the_municipality(client):
    response = client.get("/vinden/")
    assert response.status_code == 200
    assert h1(response) == "In welke gemeente woont u?"
    body = response.content.decode()
    assert 'value="haarlem"' in body and 'value="weet-niet"' in body
    assert '<meta name="robots" content="noindex">' in body
    assert body.count("<h1") == 1


def test_walk_through_with_get_forms(client):
    response = client.get("/vinden/", {"gemeente": "haarlem", "stap": "gemeente", "verder": "1"})
    assert h1(response) == "Waar gaat het over?"
    body = response.content.decode()
    assert '<input type="hidden" name="gemeente" value="haarlem">' in body
    assert 'href="?gemeente=haarlem&amp;stap=gemeente"' in body  # back link keeps the answer
    response = client.get("/vinden/", {"gemeente": "haarlem", "over": "gemeente", "stap": "over",
                                       "verder": "1"})
    assert h1(response) == "Wat wilt u?"
    response = client.get("/vinden/", {"gemeente": "haarlem", "over": "gemeente",
                                       "wil": "klagen"})
    assert h1(response) == "Heeft u hier al over geklaagd of bezwaar gemaakt?"
    response = client.get("/vinden/", {"gemeente": "haarlem", "over": "gemeente",
                                       "wil": "klagen", "eerder": "nee"})
    assert h1(response) == "Hier kunt u terecht"
    links = scheme_links(response)
    assert links[0] == "/verwijsgids/klacht-gemeente/"
    assert "/verwijsgids/nationale-ombudsman/" in links
    assert "/verwijsgids/ombudsman-metropool-amsterdam/" not in links
    assert 'href="/melden/?regeling=klacht-gemeente"' in response.content.decode()


def test_every_question_accepts_weet_ik_niet(client):
    params = {}
    for _ in range(6):
        response = client.get("/vinden/", params)
        if h1(response) == "Hier kunt u terecht":
            break
        name = re.search(r'name="stap" value="([^"]+)"', response.content.decode()).group(1)
        assert 'value="weet-niet"' in response.content.decode()
        params[name] = "weet-niet"
    assert h1(response) == "Hier kunt u terecht"
    assert scheme_links(response)[0] == "/verwijsgids/signaleerpunt/"
    assert "/melden/?regeling=signaleerpunt" in response.content.decode()


def test_no_answer_gives_an_error_summary_linked_to_the_field(client):
    response = client.get("/vinden/", {"stap": "gemeente", "verder": "1"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Er is een probleem" in body and 'href="#antwoord-0"' in body
    assert 'aria-describedby="vraag-uitleg vraag-fout"' in body
    assert "Fout:" in body.split("</title>")[0]


def test_tampered_answers_are_asked_again_not_a_crash(client):
    response = client.get("/vinden/", {"gemeente": "atlantis", "over": "<script>"})
    assert response.status_code == 200
    assert h1(response) == "In welke gemeente woont u?"
    assert "<script>" not in response.content.decode()


def test_changing_an_answer_keeps_the_others_and_changes_the_result(client):
    base = {"gemeente": "haarlem", "over": "zorg", "wil": "klagen", "wie": "aanbieder",
            "eerder": "nee"}
    result = client.get("/vinden/", base)
    assert scheme_links(result)[0] == "/verwijsgids/klacht-zorgaanbieder/"
    change = re.search(r'href="(\?[^"]*stap=eerder)"', result.content.decode()).group(1)
    query = {k: v[0] for k, v in parse_qs(urlsplit(change.replace("&amp;", "&")).query).items()}
    assert query["over"] == "zorg" and query["stap"] == "eerder"
    page = client.get("/vinden/", query)
    assert h1(page) == "Heeft u hier al over geklaagd of bezwaar gemaakt?"
    assert 'value="nee" checked' in page.content.decode()
    query.update({"eerder": "antwoord", "verder": "1"})
    changed = client.get("/vinden/", query)
    assert scheme_links(changed)[0] == "/verwijsgids/geschilleninstantie-zorg/"


@pytest.mark.parametrize(
    ("answers", "first"),
    [
        ({"over": "werk-inkomen", "wil": "bezwaar", "wie": "gemeente", "eerder": "nee"},
         "bezwaar"),
        ({"over": "werk-inkomen", "wil": "bezwaar", "wie": "gemeente", "eerder": "antwoord"},
         "beroep-rechtbank"),
        ({"over": "jeugd", "wil": "hulp", "wie": "aanbieder"}, "vertrouwenspersoon-jeugd"),
        ({"over": "wmo", "wil": "klagen", "wie": "aanbieder", "eerder": "nee"},
         "klacht-wmo-aanbieder"),
        ({"over": "jeugd", "wil": "klagen", "wie": "veilig-thuis", "eerder": "nee"},
         "klacht-veilig-thuis"),
        ({"over": "wmo", "wil": "klagen", "wie": "meerdere", "eerder": "nee"}, "signaleerpunt"),
        ({"over": "schulden", "wil": "klagen", "wie": "gemeente", "eerder": "nee"},
         "klacht-gemeente"),
        ({"over": "schulden", "wil": "klagen", "wie": "aanbieder", "eerder": "nee"},
         "schuldhulpverlening"),
        ({"over": "wmo", "wil": "meedenken"}, "participatieraad"),
        ({"over": "zorg", "wil": "melden", "wie": "aanbieder"}, "signaleerpunt"),
    ],
)
def test_result_for_answers(client, answers, first):
    response = client.get("/vinden/", {"gemeente": "haarlem", **answers})
    assert h1(response) == "Hier kunt u terecht"
    assert scheme_links(response)[0] == f"/verwijsgids/{first}/"
    assert "/melden/?regeling=" in response.content.decode()


def test_municipality_decides_the_ombudsman(client):
    answers = {"over": "gemeente", "wil": "klagen", "eerder": "antwoord"}
    haarlem = scheme_links(client.get("/vinden/", {"gemeente": "haarlem", **answers}))
    assert haarlem[0] == "/verwijsgids/nationale-ombudsman/"
    assert "/verwijsgids/ombudsman-metropool-amsterdam/" not in haarlem
    amsterdam = scheme_links(client.get("/vinden/", {"gemeente": "amsterdam", **answers}))
    assert amsterdam[0] == "/verwijsgids/ombudsman-metropool-amsterdam/"


def test_english_guided_finder(client):
    response = client.get("/en/vinden/")
    assert response.status_code == 200
    assert '<html lang="en"' in response.content.decode()
    result = client.get("/en/vinden/", {"gemeente": "weet-niet", "over": "weet-niet",
                                        "wil": "weet-niet", "wie": "weet-niet",
                                        "eerder": "weet-niet"})
    assert "/en/melden/?regeling=signaleerpunt" in result.content.decode()


def test_guided_pages_stay_within_the_query_budget(client, django_assert_max_num_queries):
    client.get("/vinden/")  # builds the finder's in-memory index once
    for params in [{}, {"gemeente": "haarlem"}, {"gemeente": "haarlem", "over": "zorg",
                   "wil": "klagen", "wie": "aanbieder", "eerder": "antwoord"}]:
        with django_assert_max_num_queries(10):
            response = client.get("/vinden/", params)
        assert response.status_code == 200
