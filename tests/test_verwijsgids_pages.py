"""Verwijsgids pages: the directory with its filters, the scheme pages, metadata, budget."""

import json
import re

import pytest
from django.core.cache import cache

from verwijsgids.models import Regeling

pytestmark = pytest.mark.django_db


def card_links(response):
    """Scheme URLs listed as cards on the directory."""
    body = response.content.decode()
    return re.findall(r'<h3 class="utrecht-heading-3"><a class="utrecht-link" href="([^"]+)"',
                      body)


def status_text(response):
    match = re.search(r'role="status"[^>]*>([^<]+)<', response.content.decode())
    return match.group(1).strip()


def test_directory_lists_every_scheme_with_a_count(client):
    response = client.get("/verwijsgids/")
    assert response.status_code == 200
    links = card_links(response)
    assert len(links) == 18
    assert "/verwijsgids/ombudsman-metropool-amsterdam/" in links
    assert status_text(response) == "18 regelingen gevonden"


def test_directory_is_in_the_main_menu(client):
    body = client.get("/").content.decode()
    assert 'href="/verwijsgids/"' in body


def test_a_nul_in_a_filter_is_refused_in_dutch(client):
    response = client.get("/verwijsgids/", {"gemeente": "haar\x00lem"})
    assert response.status_code == 400
    assert "klopt niet" in response.content.decode()


def test_filter_form_works_without_javascript(client):
    body = client.get("/verwijsgids/").content.decode()
    assert '<form class="slp-filters" method="get" action="/verwijsgids/"' in body
    for name in ("domein", "soort", "gemeente"):
        assert f'<label class="utrecht-form-label" for="filter-{name}">' in body
        assert f'id="filter-{name}" name="{name}"' in body
    assert 'type="submit"' in body
    # The only script is the optional "Snel weg" shortcut; the filters need none.
    assert re.findall(r"<script[^>]*>", body.split("</head>")[1]) == [
        '<script src="/static/js/snel-weg.js" defer>']


def test_haarlem_never_lists_the_amsterdam_ombudsman(client):
    response = client.get("/verwijsgids/", {"gemeente": "haarlem"})
    links = card_links(response)
    assert "/verwijsgids/ombudsman-metropool-amsterdam/" not in links
    assert "/verwijsgids/nationale-ombudsman/" in links
    assert len(links) == 17
    assert '<option value="haarlem" selected>' in response.content.decode()


def test_filters_combine(client):
    response = client.get("/verwijsgids/", {"gemeente": "amsterdam", "soort": "ombudsman"})
    # Amsterdam has its own ombudsman, so the Nationale ombudsman is not for its residents.
    assert card_links(response) == ["/verwijsgids/ombudsman-metropool-amsterdam/"]
    assert status_text(response) == "1 regeling gevonden"
    response = client.get("/verwijsgids/", {"domein": "zorg", "gemeente": "heemstede"})
    assert sorted(card_links(response)) == [
        "/verwijsgids/clientondersteuning/", "/verwijsgids/geschilleninstantie-zorg/",
        "/verwijsgids/klacht-zorgaanbieder/", "/verwijsgids/participatieraad/",
        "/verwijsgids/signaleerpunt/"]
    response = client.get("/verwijsgids/", {"domein": "zorg", "soort": "beroep"})
    assert card_links(response) == []
    assert status_text(response) == "0 regelingen gevonden"
    assert "Wij vonden geen regeling" in response.content.decode()


@pytest.mark.parametrize("params", [
    {"gemeente": "atlantis"}, {"soort": "rechtszaak"}, {"domein": "<script>"},
    {"domein": "x" * 5000},
])
def test_invalid_filter_values_give_a_clear_dutch_message(client, params):
    response = client.get("/verwijsgids/", params)
    assert response.status_code == 400
    body = response.content.decode()
    name = next(iter(params))
    assert 'role="alert"' in body and f'href="#filter-{name}"' in body
    assert "kennen wij niet" in body
    assert f'aria-describedby="filter-{name}-fout"' in body
    assert "<script>" not in body.split("<main")[1]
    assert "Fout:" in body.split("</title>")[0]


def test_invalid_value_keeps_the_valid_filters(client):
    response = client.get("/verwijsgids/", {"gemeente": "atlantis", "soort": "geschil"})
    assert card_links(response) == ["/verwijsgids/geschilleninstantie-zorg/"]


def test_english_directory_lists_translations_and_dutch_fallbacks(client):
    response = client.get("/en/verwijsgids/")
    assert response.status_code == 200
    links = card_links(response)
    assert len(links) == 18
    assert all(link.startswith("/en/verwijsgids/") for link in links)  # every scheme in English
    assert 'lang="nl"' not in response.content.decode().split("<main", 1)[1]
    from verwijsgids.models import Regeling

    Regeling.objects.get(key="sociaal-raadslieden", locale__language_code="en").unpublish()
    response = client.get("/en/verwijsgids/")
    links = card_links(response)
    assert len(links) == 18
    assert "/verwijsgids/sociaal-raadslieden/" in links  # a missing translation: Dutch page
    assert '<li class="slp-card" lang="nl">' in response.content.decode()


def test_scheme_page_shows_all_parts(client):
    response = client.get("/verwijsgids/bezwaar/")
    assert response.status_code == 200
    body = response.content.decode()
    for text in ("Bezwaar maken tegen een besluit", "Waarvoor kunt u hier terecht?",
                 "Wat doet deze plek niet?", "Zo begint u", "Dit heeft u nodig",
                 "binnen 6 weken", "Algemene wet bestuursrecht", "Gratis."):
        assert text in body, text
    assert body.count("<h1") == 1
    assert 'href="/melden/?regeling=bezwaar"' in body


def test_scheme_page_shows_the_ladder_both_ways(client):
    body = client.get("/verwijsgids/bezwaar/").content.decode()
    ladder = body.split('class="slp-ladder"')[1].split("</section>")[0]
    assert "Kwam u er niet uit? Dan:" in ladder
    assert 'href="/verwijsgids/beroep-rechtbank/"' in ladder
    assert 'href="/verwijsgids/sociaal-wijkteam/"' in ladder  # sends people to bezwaar first
    first, then = ladder.index("Eerst:"), ladder.index("beroep-rechtbank")
    assert first < then
    body = client.get("/verwijsgids/nationale-ombudsman/").content.decode()
    assert 'href="/verwijsgids/klacht-gemeente/"' in body.split('class="slp-ladder"')[1]


def test_ladder_leaves_out_unpublished_schemes(client):
    Regeling.objects.get(key="beroep-rechtbank", locale__language_code="nl").unpublish()
    body = client.get("/verwijsgids/bezwaar/").content.decode()
    assert "/verwijsgids/beroep-rechtbank/" not in body


def test_check_warnings(client):
    never = client.get("/verwijsgids/vertrouwenspersoon-wmo/").content.decode()
    assert "Gegevens nog niet gecontroleerd." in never
    old = client.get("/verwijsgids/klacht-veilig-thuis/").content.decode()
    assert "misschien verouderd" in old and "meer dan een jaar geleden" in old
    fresh = client.get("/verwijsgids/bezwaar/").content.decode()
    assert "misschien verouderd" not in fresh and "nog niet gecontroleerd" not in fresh
    assert "Gegevens laatst gecontroleerd op" in fresh


def test_contact_details_only_when_known(client):
    body = client.get("/verwijsgids/nationale-ombudsman/").content.decode()
    assert 'href="tel:08003355555"' in body
    assert 'href="https://nationaleombudsman.nl"' in body
    body = client.get("/verwijsgids/vertrouwenspersoon-wmo/").content.decode()
    assert "nog geen gecontroleerde contactgegevens" in body
    assert "Nog niet bekend" in body


def jsonld(body):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S)
    return json.loads(match.group(1))


def test_scheme_page_metadata(client):
    body = client.get("/verwijsgids/nationale-ombudsman/").content.decode()
    data = jsonld(body)
    assert data["@type"] == "GovernmentService"
    assert data["identifier"] == "nationale-ombudsman"
    assert data["provider"]["telephone"] == "0800-335 55 55"
    assert data["areaServed"] == {"@type": "Country", "name": "Nederland"}
    assert data["url"].endswith("/verwijsgids/nationale-ombudsman/")
    assert '<link rel="canonical" href="http://' in body
    assert '<meta property="og:title" content="Nationale ombudsman">' in body
    assert '<meta property="og:description" content="Heeft de gemeente' in body
    assert '<meta property="og:locale" content="nl_NL">' in body
    amsterdam = jsonld(client.get("/verwijsgids/ombudsman-metropool-amsterdam/").content.decode())
    assert {area["name"] for area in amsterdam["areaServed"]} == {
        "Almere", "Amsterdam", "Diemen", "Landsmeer", "Waterland", "Zaanstad"}


def test_jsonld_cannot_break_out_of_its_script(client):
    page = Regeling.objects.get(key="bezwaar", locale__language_code="nl")
    page.samenvatting = "Test </script><script>alert(1)</script> & meer"
    page.save_revision().publish()
    body = client.get("/verwijsgids/bezwaar/").content.decode()
    head = body.split("</head>")[0]
    assert "<script>alert(1)" not in head
    assert jsonld(body)["description"] == page.samenvatting


def test_index_metadata_and_canonical_without_filters(client):
    body = client.get("/verwijsgids/", {"gemeente": "haarlem"}).content.decode()
    assert re.search(r'<link rel="canonical" href="http://[^"]+/verwijsgids/">', body)
    assert '<meta property="og:title"' in body


def test_english_scheme_page(client):
    response = client.get("/en/verwijsgids/klacht-gemeente/")
    assert response.status_code == 200
    body = response.content.decode()
    assert '<html lang="en"' in body
    assert "Complaint about the municipality" in body
    assert 'href="/en/verwijsgids/nationale-ombudsman/"' in body
    assert 'href="/en/melden/?regeling=klacht-gemeente"' in body
    assert jsonld(body)["identifier"] == "klacht-gemeente"
    assert 'href="/verwijsgids/klacht-gemeente/"' in body  # language switch


def test_unknown_scheme_is_a_404(client):
    assert client.get("/verwijsgids/bestaat-niet/").status_code == 404


PAGES = ["/verwijsgids/", "/verwijsgids/?gemeente=haarlem&domein=jeugd&soort=klacht",
         "/verwijsgids/?gemeente=atlantis", "/verwijsgids/bezwaar/",
         "/verwijsgids/nationale-ombudsman/", "/verwijsgids/ombudsman-metropool-amsterdam/",
         "/en/verwijsgids/", "/en/verwijsgids/nationale-ombudsman/",
         "/en/verwijsgids/klacht-gemeente/"]


@pytest.mark.parametrize("path", PAGES)
def test_query_budget(client, django_assert_max_num_queries, path):
    """An uncached render (page-cache miss; the site's small low-level caches, such as the
    site root paths, are warmed by visiting the home page first) uses at most 10 queries."""
    cache.clear()
    client.get("/")
    client.get("/en/")
    with django_assert_max_num_queries(10):
        response = client.get(path)
    assert response.status_code in (200, 400)
    assert "X-Page-Cache" not in response or response["X-Page-Cache"] == "miss"


def test_every_scheme_page_renders(client):
    for page in Regeling.objects.live():
        response = client.get(page.url)
        assert response.status_code == 200, page.url
