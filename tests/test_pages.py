"""Every public page of the frame answers, in both languages, within the query budget."""

import pytest
from wagtail.models import Page

pytestmark = pytest.mark.django_db


PUBLIC_PATHS = ["/", "/en/", "/toegankelijkheid/", "/privacy/", "/contact/",
                "/en/toegankelijkheid/", "/en/privacy/", "/en/contact/"]


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_public_page_answers_200(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert b'<main id="inhoud"' in response.content


def test_every_live_page_renders_within_query_budget(client, django_assert_max_num_queries):
    pages = Page.objects.live().filter(depth__gt=1).specific()
    assert pages.count() >= 8
    for page in pages:
        with django_assert_max_num_queries(10):
            response = client.get(page.url)
        assert response.status_code == 200, page.url


def test_dutch_is_default_and_english_lives_under_en(client):
    nl = client.get("/")
    en = client.get("/en/")
    assert b'<html lang="nl"' in nl.content
    assert b'<html lang="en"' in en.content
    assert b"Luisteren" in nl.content or b"luisteren" in nl.content


def test_language_switcher_keeps_the_page(client):
    response = client.get("/privacy/")
    assert b'href="/en/privacy/"' in response.content
    response = client.get("/en/privacy/")
    assert b'href="/privacy/"' in response.content


def test_unknown_path_is_a_dutch_404(client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert b"Pagina niet gevonden" in response.content


def test_sitemap_lists_both_languages(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    body = response.content.decode()
    assert "/toegankelijkheid/" in body
    assert "/en/privacy/" in body


def test_robots_txt_points_to_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()


def test_search_finds_pages_in_active_language(client):
    response = client.get("/zoeken/", {"q": "toegankelijkheid"})
    assert response.status_code == 200
    assert b'noindex' in response.content
    assert b'href="/toegankelijkheid/"' in response.content
    assert b"/en/toegankelijkheid/" not in response.content


def test_overlong_search_is_a_clear_error_not_a_crash(client):
    response = client.get("/zoeken/", {"q": "zorg " * 100})
    assert response.status_code == 400
    assert b"te lang" in response.content


def test_security_headers_on_public_pages(client):
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_postgresql_search_uses_dutch_stemming(settings):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("Dutch text-search configuration applies to PostgreSQL only")
    assert settings.WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] == "dutch"
    from wagtail.models import Locale

    from home.models import HomePage

    # The Dutch home page says "verzamelen"; only a Dutch stemmer matches the stem "verzamel".
    dutch_homes = HomePage.objects.live().filter(locale=Locale.objects.get(language_code="nl"))
    assert [page.slug for page in dutch_homes.search("verzamel")] == ["home"]
    assert list(dutch_homes.search("xyzklachtloos")) == []
