"""The public API for partners: documented examples work, caching, CORS and rate limits."""

import re

import pytest

pytestmark = pytest.mark.django_db


def documented_examples(client):
    body = client.get("/ontwikkelaars/").content.decode()
    return re.findall(r'data-kind="([a-z]+)" href="([^"]+)"', body)


def test_developer_page_documents_both_apis_and_the_openapi_description(client):
    response = client.get("/ontwikkelaars/")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'href="/api/schema/"' in body
    assert "/api/finder/" in body
    assert "429" in body and "Retry-After" in body
    kinds = {kind for kind, _path in documented_examples(client)}
    assert {"finder", "schema"} <= kinds
    for _kind, path in documented_examples(client):
        assert f"curl 'http://testserver{path}'" in body


def test_every_documented_example_works_as_written(client):
    examples = documented_examples(client)
    assert len(examples) >= 3
    for kind, href in examples:
        path = href.replace("&amp;", "&")
        response = client.get(path, HTTP_ORIGIN="https://partner.example")
        assert response.status_code == 200, path
        assert response["Access-Control-Allow-Origin"] == "*", path
        if kind == "schema":
            assert b"openapi:" in response.content
            assert b"/api/finder/" in response.content
            continue
        data = response.json()
        if kind == "finder":
            assert data["results"], path
            assert {"key", "title", "url", "soort", "score"} <= set(data["results"][0])
        elif kind == "list":
            items = data.get("results", data if isinstance(data, list) else None)
            assert items, path
            assert {"key", "url"} <= set(items[0])
        elif kind == "detail":
            assert data["key"] == path.rstrip("/").split("/")[-1]


def test_finder_example_gives_the_right_scheme(client):
    [path] = [path.replace("&amp;", "&") for kind, path in documented_examples(client)
              if kind == "finder" and "thuiszorg" in path]
    data = client.get(path).json()
    assert data["results"][0]["key"] == "klacht-wmo-aanbieder"


def test_api_answers_are_cacheable_with_etag(client):
    response = client.get("/api/finder/?q=schulden")
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=300"
    etag = response["ETag"]
    again = client.get("/api/finder/?q=schulden", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again["ETag"] == etag
    other = client.get("/api/finder/?q=jeugdhulp", HTTP_IF_NONE_MATCH=etag)
    assert other.status_code == 200


def test_api_errors_are_not_cached(client):
    response = client.get("/api/finder/?gemeente=atlantis")
    assert response.status_code == 400
    assert response["Cache-Control"] == "no-store"
    assert "gemeente" in response.json()["error"].lower()


def test_cors_preflight_for_get(client):
    response = client.options(
        "/api/finder/", HTTP_ORIGIN="https://partner.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "GET" in response["Access-Control-Allow-Methods"]
    assert "POST" not in response["Access-Control-Allow-Methods"]


@pytest.fixture
def low_limit(settings):
    settings.API_RATE_LIMIT = 3
    settings.API_RATE_LIMIT_WINDOW = 60
    settings.API_RATE_LIMIT_EXEMPT = []
    return settings


def test_rate_limit_answers_429_with_a_clear_message(client, low_limit):
    for number in range(3):
        response = client.get("/api/finder/?q=zorg", REMOTE_ADDR="203.0.113.7")
        assert response.status_code == 200
        assert response["RateLimit-Remaining"] == str(2 - number)
    blocked = client.get("/api/finder/?q=zorg", REMOTE_ADDR="203.0.113.7",
                         HTTP_ORIGIN="https://partner.example")
    assert blocked.status_code == 429
    assert blocked["Content-Type"] == "application/json"
    retry_after = int(blocked["Retry-After"])
    assert 1 <= retry_after <= 60
    data = blocked.json()
    assert data["error"].startswith("Te veel verzoeken.")
    assert f"over {retry_after} seconden" in data["error"]
    assert data["retry_after"] == retry_after
    assert blocked["Access-Control-Allow-Origin"] == "*"  # the partner's script can read it
    # Another client is not affected; pages are not limited.
    assert client.get("/api/finder/?q=zorg", REMOTE_ADDR="203.0.113.8").status_code == 200
    assert client.get("/ontwikkelaars/", REMOTE_ADDR="203.0.113.7").status_code == 200


def test_rate_limit_window_resets(low_limit, rf):
    from portal.apilimits import hit

    request = rf.get("/api/finder/", REMOTE_ADDR="198.51.100.1")
    assert [hit(request, now=1200.0)[0] for _ in range(4)] == [True, True, True, False]
    assert hit(request, now=1260.5)[0] is True  # the next window


def test_rate_limit_does_not_store_the_address(low_limit, rf):
    from portal.apilimits import client_id

    request = rf.get("/api/finder/", REMOTE_ADDR="198.51.100.1")
    assert "198.51.100.1" not in client_id(request)
    assert client_id(request) == client_id(rf.get("/api/", REMOTE_ADDR="198.51.100.1"))
    assert client_id(request) != client_id(rf.get("/api/", REMOTE_ADDR="198.51.100.2"))


def test_exempt_addresses_and_zero_limit_are_not_limited(client, low_limit):
    low_limit.API_RATE_LIMIT_EXEMPT = ["127.0.0.1"]
    for _ in range(5):
        assert client.get("/api/finder/?q=zorg").status_code == 200
    low_limit.API_RATE_LIMIT_EXEMPT = []
    low_limit.API_RATE_LIMIT = 0
    for _ in range(5):
        assert client.get("/api/finder/?q=zorg", REMOTE_ADDR="203.0.113.9").status_code == 200
