"""English as good as Dutch: every scheme, its links and the finder in English."""

import re

import pytest

from verwijsgids.models import Regeling

pytestmark = pytest.mark.django_db


def test_scheme_api_lists_every_scheme_in_english_with_english_urls(client):
    data = client.get("/api/regelingen/", {"lang": "en", "page_size": 100}).json()
    dutch_titles = set(
        Regeling.objects.filter(locale__language_code="nl").values_list("title", flat=True)
    )
    assert data["count"] == 18
    for item in data["results"]:
        assert item["taal"] == "en", item["key"]
        assert "/en/verwijsgids/" in item["url"], item["key"]
        assert item["titel"] not in dutch_titles, item["key"]
        assert item["melden_url"].split("//", 1)[1].split("/", 1)[1].startswith("en/melden/")
        for step in item["volgende_stappen"]:
            assert "/en/verwijsgids/" in step["url"], (item["key"], step)
    by_key = {item["key"]: item for item in data["results"]}
    assert by_key["bezwaar"]["organisatie"]["naam"] == "Municipality (objections committee)"
    assert by_key["sociaal-wijkteam"]["titel"].startswith("Social district team")
    assert by_key["klacht-zorgaanbieder"]["domeinen"] == [{"key": "zorg", "naam": "Health care"}]


def test_english_scheme_pages_link_only_to_english_pages(client):
    for regeling in Regeling.objects.live().filter(locale__language_code="en"):
        body = client.get(regeling.url).content.decode()
        main = body.split("<main", 1)[1].split("</main>", 1)[0]
        for href in re.findall(r'href="(/[^"]*)"', main):
            assert href.startswith("/en/"), (regeling.key, href)


def test_complaint_about_my_gp_in_english(client):
    data = client.get("/api/finder/", {"q": "I want to complain about my GP", "lang": "en"})
    keys = [result["key"] for result in data.json()["results"]]
    assert keys[0] == "klacht-zorgaanbieder", keys
    assert "/en/verwijsgids/" in data.json()["results"][0]["url"]


def test_english_home_page_has_the_danger_callout(client):
    body = client.get("/en/").content.decode()
    assert "Are you in immediate danger?" in body and "112" in body


@pytest.mark.parametrize("lang", ["xx", "EN", "nl,en", "<script>", "e" * 300])
def test_bad_lang_is_a_clear_400(client, lang):
    for url in ("/api/regelingen/", "/api/regelingen/bezwaar/", "/api/finder/"):
        response = client.get(url, {"lang": lang, "q": "klacht"})
        assert response.status_code == 400, (url, lang, response.status_code)
        assert response["Content-Type"].startswith("application/json")
