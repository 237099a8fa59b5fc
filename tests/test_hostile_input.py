"""Hostile and odd input on every public address: a 4xx or the page with a message, never a 500.

Every page in the sitemap and every other public view gets the same set of bad query values
for every parameter the site reads, and a POST without a CSRF token.
"""

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

# Parameters the public views read (filters, search, paging, prefill, partners).
PARAMETERS = [
    "q", "gemeente", "domein", "soort", "thema", "jaar", "uitkomst", "organisatie",
    "pagina", "page", "regeling", "stap", "antwoord", "taal", "next", "format", "kwartaal",
]
HOSTILE_VALUES = [
    "", " ", "x" * 5000, "<script>alert(1)</script>", "\x00", "%00", "\x1b[31m",
    "' OR 1=1 --", "-1", "0", "99999999999999999999", "1e309", "NaN", "../../etc/passwd",
    "https://evil.example/", "javascript:alert(1)", '"', 'a "b', "NEAR(", "*",
]
OTHER_PATHS = [
    "/zoeken/", "/en/zoeken/", "/vinden/", "/api/finder/", "/api/regelingen/", "/melden/",
    "/melden/controleren/", "/melden/bevestiging/", "/melden/onbekende-stap/",
    "/nieuwsbrief/aanmelden/", "/nieuwsbrief/bevestigen/onzin/", "/nieuwsbrief/afmelden/onzin/",
    "/casussen/rss/", "/casussen/atom/", "/nieuwsbrief/rss/", "/kennisbank/agenda.ics",
    "/kennisbank/aanmelding/onzin/", "/regelingen/bestaat-niet/", "/embed/vinden/",
    "/embed/vinden.js", "/klacht/", "/zorg/", "/linken-naar-ons/", "/ontwikkelaars/",
    "/opensearch.xml", "/sporen-wissen/", "/en/sporen-wissen/",
]


def public_paths(client):
    sitemap = client.get("/sitemap.xml").content.decode()
    pages = sorted({re.sub(r"^https?://[^/]+", "", loc) for loc in
                    re.findall(r"<loc>([^<]+)</loc>", sitemap)})
    assert len(pages) > 20, pages
    return pages + OTHER_PATHS


def test_hostile_query_values_never_cause_a_server_error():
    client = Client(raise_request_exception=False)
    failures = []
    for path in public_paths(client):
        for value in HOSTILE_VALUES:
            query = {name: value for name in PARAMETERS}
            status = client.get(path, query).status_code
            if status >= 500:
                failures.append((path, value[:20], status))
        # Repeated parameters and a parameter without a value.
        status = client.get(path + "?q=a&q=b&gemeente&domein=zorg&domein=jeugd").status_code
        if status >= 500:
            failures.append((path, "repeated", status))
    assert not failures, failures


def test_posts_without_csrf_token_are_refused_not_crashed():
    strict = Client(enforce_csrf_checks=True, raise_request_exception=False)
    failures = []
    for path in public_paths(strict):
        response = strict.post(path, {"q": "<script>", "email": "x" * 400})
        if response.status_code >= 500 or response.status_code == 200 and path.startswith(
            ("/melden/", "/nieuwsbrief/aanmelden/")
        ):
            failures.append((path, response.status_code))
    assert not failures, failures


def test_search_syntax_in_a_question_is_read_as_words(client):
    response = client.get("/zoeken/", {"q": 'klacht "wijkteam\x00'})
    assert response.status_code == 200
    assert response.context["query"] == 'klacht "wijkteam'
    assert response.context["count"] > 0
