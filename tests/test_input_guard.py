"""Issue 18: never a 500 from input, on PostgreSQL too, and a Dutch answer for junk:
NUL in paths, query values and posts; a junk id on the admin's bulk actions; more files
than Django accepts in one post; and no page-cache entry for made-up query strings."""

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


@pytest.mark.parametrize("path", [
    "/nieuwsbrief/afmelden/ab%00cd/", "/nieuwsbrief/bevestigen/%00/",
    "/kennisbank/aanmelding/x%00y/", "/regelingen/%00/", "/admin/pages/%00/",
])
def test_nul_in_a_path_gets_the_dutch_400(client, path):
    response = client.get(path)
    assert response.status_code == 400
    assert "Dit verzoek kunnen we niet verwerken" in response.content.decode()


def test_nul_in_query_values_and_posts_gets_the_dutch_400(client):
    assert client.get("/zoeken/", {"q": "a\x00b"}).status_code == 400
    assert client.get("/zoeken/", {"a\x00": "1"}).status_code == 400
    assert client.post("/nieuwsbrief/aanmelden/", {"email": "a\x00@example.org"}).status_code \
        == 400


@pytest.mark.parametrize("value", ["None", "1;2", "-1", "\u0661"])
def test_junk_ids_on_admin_bulk_actions_are_refused(client, value):
    admin = User.objects.create_superuser("bulkbeheer", password="x")
    client.force_login(admin)
    response = client.get("/admin/bulk/wagtailcore/page/delete/", {"id": value, "next": "/"})
    assert response.status_code == 400
    ok = client.get("/admin/bulk/wagtailcore/page/delete/", {"id": "999999", "next": "/"})
    assert ok.status_code < 500


def test_more_than_a_hundred_files_get_a_dutch_page(client):
    files = [SimpleUploadedFile(f"b{n}.pdf", b"%PDF-1.4") for n in range(101)]
    response = client.post("/melden/bijlagen/", {"files": files, "actie": "doorgaan"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "te veel bestanden tegelijk" in body and '<html lang="nl"' in body


def test_page_cache_keeps_no_entry_for_unknown_query_strings(client, settings):
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    assert client.get("/privacy/").status_code == 200
    assert client.get("/privacy/")["X-Page-Cache"] == "hit"
    size = len(cache._cache)  # locmem cache in tests
    for number in range(25):
        response = client.get("/privacy/", {f"onzin{number}": "x"})
        assert response.status_code == 200 and "X-Page-Cache" not in response
    assert client.get("/privacy/", {"q": "x" * 500}).get("X-Page-Cache") is None
    assert len(cache._cache) == size
    # Known parameters still share one entry whatever their order.
    client.get("/privacy/", {"domein": "wmo", "jaar": "2025"})
    assert client.get("/privacy/?jaar=2025&domein=wmo")["X-Page-Cache"] == "hit"
