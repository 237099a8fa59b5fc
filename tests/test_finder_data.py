"""Editors steer the finder with data: synonyms, boosts, publishing; queries are logged."""

import datetime

import pytest
from django.utils import timezone

from search.models import Synoniem, Zoekgewicht, Zoekvraag
from search.querylog import anonymise
from search.text import normalise_query, stem

pytestmark = pytest.mark.django_db


def keys_for(client, **params):
    return [r["key"] for r in client.get("/api/finder/", params).json()["results"]]


def test_a_new_synonym_works_at_once_and_stops_when_deleted(client):
    assert "participatieraad" not in keys_for(client, q="klankbordgroep")[:1]
    item = Synoniem.objects.create(term="klankbordgroep", regelingen=["participatieraad"],
                                   soorten=["inspraak"], gewicht=2)
    assert keys_for(client, q="klankbordgroepen")[0] == "participatieraad"
    item.delete()
    assert "participatieraad" not in keys_for(client, q="klankbordgroep")[:1]


def test_synonym_expansions_find_the_words_of_a_scheme(client):
    assert keys_for(client, q="flurp") == []
    Synoniem.objects.create(term="flurp", uitbreidingen="griffierecht, rechtbank")
    assert keys_for(client, q="flurp")[0] == "beroep-rechtbank"


def test_synonym_domains_and_intent(client):
    from verwijsgids.models import Domein

    item = Synoniem.objects.create(term="zwippel", soorten=["vertrouwenspersoon"])
    item.domeinen.set([Domein.objects.get(key="jeugd")])
    assert keys_for(client, q="zwippel")[0] == "vertrouwenspersoon-jeugd"


def test_inactive_synonyms_are_ignored(client):
    Synoniem.objects.create(term="flurp", uitbreidingen="griffierecht", actief=False)
    assert keys_for(client, q="flurp") == []


def test_editor_boost_changes_the_ranking(client):
    before = keys_for(client, q="vertrouwenspersoon")
    assert set(before[:2]) == {"vertrouwenspersoon-jeugd", "vertrouwenspersoon-wmo"}
    lower, higher = before[1], before[0]
    Zoekgewicht.objects.create(regeling=lower, factor=2.0)
    assert keys_for(client, q="vertrouwenspersoon")[0] == lower
    Zoekgewicht.objects.filter(regeling=lower).update(factor=0.5)
    Zoekgewicht.objects.get(regeling=lower).save()  # an editor's save clears the index
    assert keys_for(client, q="vertrouwenspersoon")[0] == higher


def test_unpublished_scheme_disappears_from_the_finder(client):
    from verwijsgids.models import Regeling

    assert "participatieraad" in keys_for(client, q="participatieraad")
    page = Regeling.objects.get(key="participatieraad", locale__language_code="nl")
    page.unpublish()
    assert "participatieraad" not in keys_for(client, q="participatieraad")
    page.save_revision().publish()
    assert "participatieraad" in keys_for(client, q="participatieraad")


def test_typos_are_corrected_against_the_vocabulary(client):
    assert keys_for(client, q="huisats")[0] == "klacht-zorgaanbieder"
    assert keys_for(client, q="schuldhulpverlning")[0] == "schuldhulpverlening"
    assert keys_for(client, q="bezwaarr")[0] == "bezwaar"


def test_dutch_stemming_and_compounds():
    assert stem("klachten") == stem("klacht")
    assert stem("besluiten") == stem("besluit")
    assert stem("gemeenten") == stem("gemeente") == "gemeente"
    assert stem("schulden") == stem("schuld")


def test_finder_queries_are_logged_with_their_result_count(client):
    client.get("/api/finder/", {"q": "Klacht  over mijn HUISARTS"})
    client.get("/api/finder/", {"q": "klacht over mijn huisarts"})
    client.get("/api/finder/", {"q": "qqqzzzxxx"})
    client.get("/api/finder/", {"q": ""})  # not a question: not logged
    row = Zoekvraag.objects.get(vraag="klacht over mijn huisarts", bron="api")
    assert row.aantal == 2 and row.resultaten > 0
    assert row.datum == timezone.localdate()
    assert Zoekvraag.objects.get(vraag="qqqzzzxxx").resultaten == 0
    assert Zoekvraag.objects.count() == 2


def test_the_log_holds_no_personal_details(client):
    client.get("/api/finder/", {
        "q": "klacht over dokter Jansen bsn 123456789 bel 06-12345678 jan@example.org"
    })
    stored = Zoekvraag.objects.get().vraag
    assert "jansen" not in stored and "123456789" not in stored and "example" not in stored
    assert "12345678" not in stored
    assert "[naam]" in stored and "[nummer]" in stored and "[e-mail]" in stored
    assert "klacht" in stored and "dokter" in stored
    for field in Zoekvraag._meta.get_fields():
        assert "ip" not in field.name and "user" not in field.name


def test_anonymise_keeps_known_words_and_municipalities():
    assert anonymise("Klacht over Veilig Thuis", {"veilig", "thuis"}) == "klacht over veilig thuis"
    assert anonymise("ik woon in Haarlem", {"haarlem"}) == "ik woon in haarlem"
    assert anonymise("mijn buurman Pietersen", set()) == "mijn buurman [naam]"
    assert normalise_query("postcode 2011 AB") == "postcode [postcode]"
    assert len(normalise_query("x" * 500)) == 200


def test_admin_report_shows_frequent_and_empty_queries(admin_client):
    today = timezone.localdate()
    Zoekvraag.objects.create(vraag="thuiszorg", bron="api", datum=today, aantal=7, resultaten=4)
    Zoekvraag.objects.create(vraag="thuiszorg", bron="zoeken", datum=today - datetime.timedelta(
        days=1), aantal=3, resultaten=4)
    Zoekvraag.objects.create(vraag="blorp", bron="api", datum=today, aantal=2, resultaten=0)
    response = admin_client.get("/admin/reports/zoekvragen/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "thuiszorg" in body and "10" in body
    assert "blorp" in body
    empty_section = body.split('id="zonder-resultaat"')[1]
    assert "blorp" in empty_section and "thuiszorg" not in empty_section


def test_admin_report_needs_a_login(client):
    response = client.get("/admin/reports/zoekvragen/")
    assert response.status_code == 302


def test_real_words_are_not_corrected():
    from search.loader import get_index

    index = get_index("nl")
    for query in ("mijn moeder krijgt", "mijn ex slaat mij", "they don't listen"):
        assert index.analyse(query).corrections == {}, query
    assert index.analyse("mijn huisats").corrections == {"huisats": "huisarts"}
