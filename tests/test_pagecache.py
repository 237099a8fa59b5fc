import pytest

from home.models import ContentPage

pytestmark = pytest.mark.django_db


def test_anonymous_page_is_served_from_cache(client, django_assert_num_queries):
    first = client.get("/privacy/")
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get("/privacy/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content


def test_publishing_invalidates_the_cache(client):
    client.get("/privacy/")
    page = ContentPage.objects.get(slug="privacy", locale__language_code="nl")
    page.title = "Privacyverklaring"
    page.save_revision().publish()
    response = client.get("/privacy/")
    assert response["X-Page-Cache"] == "miss"
    assert b"Privacyverklaring" in response.content


def test_unpublishing_invalidates_the_cache(client):
    client.get("/contact/")
    ContentPage.objects.get(slug="contact", locale__language_code="nl").unpublish()
    assert client.get("/contact/").status_code == 404


def test_logged_in_users_bypass_the_cache(admin_client):
    response = admin_client.get("/privacy/")
    assert "X-Page-Cache" not in response


def test_non_page_views_are_not_cached(client):
    response = client.get("/zoeken/", {"q": "privacy"})
    assert "X-Page-Cache" not in response
