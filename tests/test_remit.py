"""Remit as data: which schemes serve which municipality, the same on every path.

A scheme is for every municipality ('alle'), for a list ('lijst') or for every municipality
except a list ('behalve'). The finder API, the directory, the guided finder, the intake
form's choices and the scheme API all use `verwijsgids.models.regelingen_voor` / `bedient`.
"""

import re

import pytest
from django.utils import translation

from search.loader import get_index
from verwijsgids.models import (
    Gemeente,
    Regeling,
    regelingen_voor,
    stappen_per_gemeente,
    vocabulaires,
)
from verwijsgids.reports import gemeenten_zonder_eerste_stap

pytestmark = pytest.mark.django_db

OMA = ["amsterdam", "almere", "diemen", "landsmeer", "waterland", "zaanstad"]


def gemeente_keys():
    return [g.key for g in vocabulaires()["gemeenten"]]


def api_keys(client, gemeente, lang="nl"):
    data = client.get("/api/regelingen/", {"gemeente": gemeente, "page_size": 100,
                                           "lang": lang}).json()
    return {item["key"] for item in data["results"]}


def finder_keys(client, gemeente, q="", lang="nl"):
    data = client.get("/api/finder/", {"q": q, "gemeente": gemeente, "limit": 100,
                                       "lang": lang}).json()
    return {item["key"] for item in data["results"]}


def directory_keys(client, gemeente, prefix=""):
    body = client.get(f"{prefix}/verwijsgids/", {"gemeente": gemeente}).content.decode()
    return set(re.findall(r'href="[^"]*/verwijsgids/([a-z0-9-]+)/"', body)) - {"verwijsgids"}


def guided_links(client, gemeente):
    response = client.get("/vinden/", {"gemeente": gemeente, "over": "gemeente",
                                       "wil": "klagen", "eerder": "nee"})
    return re.findall(r'href="/verwijsgids/([a-z0-9-]+)/"', response.content.decode())


def test_zaanstad_never_gets_the_nationale_ombudsman(client):
    assert "nationale-ombudsman" not in {r.key for r in regelingen_voor(gemeente="zaanstad")}
    assert "nationale-ombudsman" not in api_keys(client, "zaanstad")
    assert "nationale-ombudsman" not in directory_keys(client, "zaanstad")
    for q in ["", "nationale ombudsman", "ombudsman", "klacht over de gemeente al geklaagd"]:
        assert "nationale-ombudsman" not in finder_keys(client, "zaanstad", q), q
    links = guided_links(client, "zaanstad")
    assert "ombudsman-metropool-amsterdam" in links and "nationale-ombudsman" not in links


def test_haarlem_never_gets_the_amsterdam_ombudsman(client):
    assert "ombudsman-metropool-amsterdam" not in api_keys(client, "haarlem")
    assert "ombudsman-metropool-amsterdam" not in directory_keys(client, "haarlem")
    for q in ["", "ombudsman amsterdam", "metropool"]:
        assert "ombudsman-metropool-amsterdam" not in finder_keys(client, "haarlem", q), q
    links = guided_links(client, "haarlem")
    assert "nationale-ombudsman" in links and "ombudsman-metropool-amsterdam" not in links


def test_every_municipality_gets_its_own_complaint_procedure_first(client):
    for key in gemeente_keys():
        assert "klacht-gemeente" in {r.key for r in regelingen_voor(gemeente=key)}, key
        assert guided_links(client, key)[0] == "klacht-gemeente", key
    for gemeente, eerste, tweede in stappen_per_gemeente():
        assert [r.key for r in eerste] == ["klacht-gemeente"], gemeente.key
        expected = "ombudsman-metropool-amsterdam" if gemeente.key in OMA else (
            "nationale-ombudsman")
        assert [r.key for r in tweede] == [expected], gemeente.key
    assert gemeenten_zonder_eerste_stap() == []


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_finder_api_directory_and_scheme_api_agree_for_every_municipality(client, lang):
    prefix = "" if lang == "nl" else "/en"
    index = get_index(lang)
    for key in gemeente_keys():
        expected = {r.key for r in regelingen_voor(gemeente=key, locale=lang, fallback=True)}
        assert api_keys(client, key, lang) == expected, key
        assert finder_keys(client, key, lang=lang) == expected, key
        assert directory_keys(client, key, prefix) == expected, key
        assert {index.schemes[i].key for i in index.allowed(key)} == expected, key


def test_intake_form_choices_are_the_schemes_of_the_published_function():
    from meldformulier import services

    with translation.override("nl"):
        offered = {keuze.key for keuze in services.regeling_keuzes(None)}
    assert offered == {r.key for r in regelingen_voor(locale="nl", fallback=True)}


def test_a_new_municipality_is_data_and_gets_the_generic_steps(client):
    Gemeente.objects.create(key="purmerend", name="Purmerend")
    steps = {g.key: (e, t) for g, e, t in stappen_per_gemeente()}
    eerste, tweede = steps["purmerend"]
    assert [r.key for r in eerste] == ["klacht-gemeente"]
    assert [r.key for r in tweede] == ["nationale-ombudsman"]
    keys = finder_keys(client, "purmerend", "ik wil klagen over de gemeente")
    assert "klacht-gemeente" in keys and "ombudsman-metropool-amsterdam" not in keys


def test_excluding_a_municipality_takes_effect_everywhere(client):
    page = Regeling.objects.get(key="nationale-ombudsman", locale__language_code="nl")
    page.gemeenten.add(Gemeente.objects.get(key="heemstede"))
    page.save_revision().publish()
    english = Regeling.objects.get(key="nationale-ombudsman", locale__language_code="en")
    assert english.bereik == "behalve"
    assert "heemstede" in {g.key for g in english.gemeenten.all()}  # translations follow
    assert "nationale-ombudsman" not in api_keys(client, "heemstede")
    assert "nationale-ombudsman" not in finder_keys(client, "heemstede", "ombudsman")
    assert "nationale-ombudsman" not in api_keys(client, "heemstede", "en")
    assert "nationale-ombudsman" in api_keys(client, "haarlem")
    flagged = {g.key for g, _e, tweede in stappen_per_gemeente() if not tweede}
    assert flagged == {"heemstede"}


def test_report_and_admin_show_each_municipalitys_steps(admin_client):
    listing = admin_client.get("/admin/snippets/verwijsgids/gemeente/").content.decode()
    assert "Eerste stap" in listing and "Tweede stap" in listing
    assert "Ombudsman Metropool Amsterdam" in listing and "Nationale ombudsman" in listing
    report = admin_client.get("/admin/reports/verwijsgids-controle/").content.decode()
    assert "Gemeenten zonder eerste stap" not in report
    Regeling.objects.get(key="klacht-gemeente", locale__language_code="nl").unpublish()
    assert {g.key for g in gemeenten_zonder_eerste_stap()} == set(gemeente_keys())
    report = admin_client.get("/admin/reports/verwijsgids-controle/").content.decode()
    assert "Gemeenten zonder eerste stap" in report and "Zaanstad" in report
