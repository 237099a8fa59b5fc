"""Honest outcomes and deadlines: the finder's heading matches its places, a municipality
without its own data still gets the first step, and a decision brings the 6-week term."""

import re

import pytest

from search.loader import get_index

pytestmark = pytest.mark.django_db

TERM = "binnen 6 weken na de datum van het besluit"
TERM_EN = "within 6 weeks of the date of the decision"


def h1(response):
    return re.search(r"<h1[^>]*>([^<]+)</h1>", response.content.decode()).group(1).strip()


def places(response):
    return re.findall(r'<li class="slp-card[^"]*">', response.content.decode().split(
        'class="slp-card-list slp-advice"', 1)[-1].split("</ol>", 1)[0])


ANSWER_SETS = [
    {"over": "gemeente", "wil": "klagen", "eerder": "nee"},
    {"over": "wmo", "wil": "melden", "wie": "aanbieder"},
    {"over": "zorg", "wil": "klagen", "wie": "aanbieder", "eerder": "antwoord"},
    {"over": "jeugd", "wil": "hulp", "wie": "weet-niet"},
    {"over": "weet-niet", "wil": "weet-niet", "wie": "weet-niet", "eerder": "weet-niet"},
]


def test_heading_matches_the_number_of_places_for_every_municipality(client):
    gemeenten = sorted(get_index("nl").gemeenten) + ["anders", "weet-niet"]
    for gemeente in gemeenten:
        for answers in ANSWER_SETS:
            response = client.get("/vinden/", {"gemeente": gemeente, **answers})
            body = response.content.decode()
            count = len(places(response))
            assert "0 plekken" not in body and "0 plek " not in body
            if count:
                assert h1(response) == "Hier kunt u terecht", (gemeente, answers)
                assert f"{count} plek" in body
            else:
                assert h1(response) == "Wij vonden geen plek die precies past"
                assert 'id="eerste-stap"' in body


def test_municipality_without_own_data_gets_the_first_step_and_the_signaleerpunt(client):
    body = client.get("/vinden/", {"gemeente": "anders", **ANSWER_SETS[0]}).content.decode()
    step = body.split('id="eerste-stap"', 1)[1].split("</section>", 1)[0]
    assert "Over uw gemeente hebben wij nog geen eigen gegevens" in step
    assert "Algemene wet bestuursrecht, hoofdstuk 9" in step
    assert 'href="tel:14023"' in step
    english = client.get("/en/vinden/", {"gemeente": "anders", **ANSWER_SETS[0]})
    assert "General Administrative Law Act, chapter 9" in english.content.decode()
    haarlem = client.get("/vinden/", {"gemeente": "haarlem", **ANSWER_SETS[0]})
    assert 'id="eerste-stap"' not in haarlem.content.decode()


@pytest.mark.parametrize("answers", [
    {"over": "wmo", "wil": "weet-niet", "wie": "gemeente", "eerder": "weet-niet"},
    {"over": "wmo", "wil": "bezwaar", "wie": "gemeente", "eerder": "nee"},
    {"over": "weet-niet", "wil": "klagen", "wie": "weet-niet", "eerder": "nee"},
])
def test_outcome_says_the_objection_term_when_a_decision_may_be_involved(client, answers):
    body = client.get("/vinden/", {"gemeente": "haarlem", **answers}).content.decode()
    assert 'id="bezwaartermijn"' in body and TERM in body
    assert "houdt die termijn niet tegen" in body
    english = client.get("/en/vinden/", {"gemeente": "haarlem", **answers}).content.decode()
    assert TERM_EN in english and "does not stop" in english


def test_no_term_where_no_decision_is_involved(client):
    body = client.get("/vinden/", {"gemeente": "haarlem", "over": "zorg", "wil": "klagen",
                                   "wie": "aanbieder", "eerder": "nee"}).content.decode()
    assert 'id="bezwaartermijn"' not in body


def test_search_and_form_say_the_term(client):
    body = client.get("/zoeken/", {"q": "bezwaar maken tegen een besluit"}).content.decode()
    assert 'id="bezwaartermijn"' in body
    assert 'id="bezwaartermijn"' not in client.get("/zoeken/", {"q": "privacy"}).content.decode()
    form = client.get("/melden/eerder/", follow=True)
    from tests.meldformulier_helpers import ANSWERS

    for step, data in ANSWERS.items():
        if step == "eerder":
            break
        client.post("/melden/" if step == "soort" else f"/melden/{step}/", data)
    form = client.get("/melden/eerder/")
    assert form.status_code == 200 and 'id="bezwaartermijn"' in form.content.decode()


def test_honeypot_is_hidden_from_screen_readers(client):
    from tests.meldformulier_helpers import fill_in

    body = fill_in(client).content.decode()
    honeypot = body.split('class="slp-honeypot"', 1)[1].split("</div>", 1)[0]
    assert honeypot.startswith(' aria-hidden="true"') and 'tabindex="-1"' in honeypot
