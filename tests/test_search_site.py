"""Site search at /zoeken/: all public content of the active language, schemes first."""

import re

import pytest
from django.utils import timezone

from search.models import Zoekvraag

pytestmark = pytest.mark.django_db


def result_titles(response):
    return re.findall(r'<h2 class="utrecht-heading-3"><a class="utrecht-link" href="([^"]+)">',
                      response.content.decode())


@pytest.mark.parametrize("word", ["klacht", "zorg"])
def test_klacht_and_zorg_show_the_signaleerpunt_first(client, word):
    response = client.get("/zoeken/", {"q": word})
    assert response.status_code == 200
    assert result_titles(response)[0] == "/verwijsgids/signaleerpunt/"


def test_results_are_labelled_by_type_and_not_indexed(client):
    response = client.get("/zoeken/", {"q": "zorg"})
    body = response.content.decode()
    assert '<meta name="robots" content="noindex">' in body
    assert "Regeling" in body
    assert "Homepage" in body or "Inhoudspagina" in body or "Verwijsgids" in body
    assert 'role="status"' in body


def test_search_stays_in_the_active_language(client):
    body = client.get("/en/zoeken/", {"q": "klacht"}).content.decode()
    links = re.findall(r'class="utrecht-link" href="(/[^"]*)"', body.split("<main")[1])
    assert links and all(link.startswith("/en/") for link in links if "zoeken" not in link)
    dutch = client.get("/zoeken/", {"q": "privacy"}).content.decode()
    assert 'href="/privacy/"' in dutch and 'href="/en/privacy/"' not in dutch.split("<main")[1]


def test_schemes_are_not_listed_twice(client):
    links = result_titles(client.get("/zoeken/", {"q": "klacht"}))
    assert len(links) == len(set(links))


def test_typo_is_offered_as_did_you_mean_and_the_typed_question_is_kept(client):
    body = client.get("/zoeken/", {"q": "klacht over mijn huisats"}).content.decode()
    assert 'value="klacht over mijn huisats"' in body
    assert "Bedoelde u:" in body and "<strong>klacht over mijn huisarts</strong>" in body
    assert "?q=klacht%20over%20mijn%20huisats&amp;letterlijk=1" in body
    assert "Zoek toch op “klacht over mijn huisats”" in body
    assert "/verwijsgids/klacht-zorgaanbieder/" in body
    literal = client.get("/zoeken/", {"q": "klacht over mijn huisats", "letterlijk": "1"})
    assert "Bedoelde u" not in literal.content.decode()


@pytest.mark.parametrize("query", [
    "mijn moeder krijgt te weinig uren hulp", "mijn ex slaat mij", "they don't listen",
    "Mijn Moeder krijgt geen zorg",
])
def test_real_words_are_never_rewritten(client, query):
    for path in ("/zoeken/", "/en/zoeken/"):
        body = client.get(path, {"q": query}).content.decode()
        assert "Bedoelde u" not in body and "Did you mean" not in body
        assert f'value="{query}"'.replace("'", "&#x27;") in body


def test_english_did_you_mean(client):
    body = client.get("/en/zoeken/", {"q": "complaint about my huisats"}).content.decode()
    assert "Did you mean:" in body and "Search for “complaint about my huisats” instead" in body


def test_site_search_is_logged(client):
    # Browser tests (live server, committed data) may have logged the same question today.
    logged = Zoekvraag.objects.filter(bron="zoeken", vraag="privacy")
    before = sum(logged.values_list("aantal", flat=True))
    client.get("/zoeken/", {"q": "privacy"})
    row = logged.get(datum=timezone.localdate())
    assert sum(logged.values_list("aantal", flat=True)) == before + 1
    assert row.resultaten >= 1


def test_editors_search_promotion_comes_first(client):
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion
    from wagtail.models import Page

    privacy = Page.objects.get(slug="privacy", locale__language_code="nl")
    SearchPromotion.objects.create(query=Query.get("klacht"), page=privacy,
                                   description="Uitgelicht")
    links = result_titles(client.get("/zoeken/", {"q": "klacht"}))
    assert links[0] == "/privacy/"
    assert links[1] == "/verwijsgids/signaleerpunt/"


def test_nothing_found_offers_the_guided_finder(client):
    body = client.get("/zoeken/", {"q": "qqqxxzz"}).content.decode()
    assert "Niets gevonden" in body and 'href="/vinden/"' in body


def test_search_pages_stay_within_the_query_budget(client, django_assert_max_num_queries):
    client.get("/zoeken/", {"q": "opwarmen"})  # builds the finder's in-memory index once
    for query in ["klacht", "zorg", "privacy", "huisarts komt niet", ""]:
        with django_assert_max_num_queries(10):
            response = client.get("/zoeken/", {"q": query})
        assert response.status_code == 200


@pytest.mark.parametrize(("path", "query", "link", "heading"), [
    ("/zoeken/", "huisarts komt niet", 'href="/melden/"', "Staat uw antwoord er niet bij?"),
    ("/zoeken/", "qqqxxzz", 'href="/melden/"', "Staat uw antwoord er niet bij?"),
    ("/en/zoeken/", "complaint", 'href="/en/melden/"', "Is your answer not here?"),
])
def test_every_search_falls_back_to_the_intake_form(client, path, query, link, heading):
    body = client.get(path, {"q": query}).content.decode()
    assert heading in body and link in body
