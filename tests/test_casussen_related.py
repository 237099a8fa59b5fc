""""Verhalen van anderen": case stories next to the finder's answer (site search, guided
finder outcome, scheme pages), in the language of the page, from the domains shown."""

import re

import pytest

from casussen.models import Casus, CasusIndexPage
from verwijsgids.models import Domein

pytestmark = pytest.mark.django_db


def related_links(response):
    """The case links in the block, in order; None when the block is not there."""
    body = response.content.decode()
    match = re.search(r'<section class="slp-related-cases".*?</section>', body, re.S)
    if match is None:
        return None
    return re.findall(r'<h3 class="utrecht-heading-3"><a class="utrecht-link" href="([^"]+)"',
                      match.group())


def cases_by_url(language="nl"):
    return {case.url: case for case in Casus.objects.live().filter(
        locale__language_code=language)}


def _new_case(slug, domain, year=2026, quarter=4, publish=True, language="nl"):
    index = CasusIndexPage.objects.get(locale__language_code=language)
    case = Casus(
        title=f"Nieuw verhaal {slug}", slug=slug, summary=f"Samenvatting {slug}.",
        situation="Een inwoner wachtte lang.", what_went_wrong="Niemand belde terug.",
        what_was_done="Wij belden.", result="Het is opgelost.", lessons="Bel terug.",
        outcome="opgelost", quarter=quarter, year=year,
    )
    case.domains = [Domein.objects.get(key=domain)]
    case.live = publish  # a draft made in the admin is not live
    index.add_child(instance=case)
    case.save_revision()
    if publish:
        from casussen import workflow

        workflow.approve_as(case, *workflow.demo_reviewers(), scan=False)
    return Casus.objects.get(pk=case.pk)


def test_scheme_page_shows_up_to_three_newest_cases_of_its_domains(client):
    response = client.get("/verwijsgids/klacht-wmo-aanbieder/")  # domain: wmo
    body = response.content.decode()
    assert "Verhalen van anderen" in body
    links = related_links(response)
    known = cases_by_url()
    assert links == [url for url in links if url in known]  # only live Dutch cases
    assert len(links) == 3
    shown = [known[url] for url in links]
    assert all(case.has_key("domain_keys", "wmo") for case in shown)
    wmo = sorted((c for c in known.values() if c.has_key("domain_keys", "wmo")),
                 key=lambda c: (c.year, c.quarter), reverse=True)
    assert [(c.year, c.quarter) for c in shown] == [(c.year, c.quarter) for c in wmo[:3]]
    for case in shown:
        assert case.summary in body  # the one line "Waar ging het over?"
    assert 'href="/casussen/?domein=wmo"' in body


def test_scheme_page_of_one_domain_shows_no_case_of_another(client):
    links = related_links(client.get("/verwijsgids/schuldhulpverlening/"))  # schulden
    assert links == [Casus.objects.live().get(slug="schuldhulp-wachtlijst").url]


def test_english_scheme_page_shows_english_cases_only(client):
    response = client.get("/en/verwijsgids/klacht-gemeente/")
    links = related_links(response)
    english = cases_by_url("en")
    assert links and all(url in english and url.startswith("/en/") for url in links)
    assert "Stories from others" in response.content.decode()


def test_drafts_are_not_shown_and_publishing_empties_the_cached_scheme_page(client):
    path = "/verwijsgids/klacht-zorgaanbieder/"  # domain: zorg (one demo case)
    first = client.get(path)
    assert first["X-Page-Cache"] == "miss"
    before = related_links(first)
    assert before == [Casus.objects.live().get(slug="niemand-neemt-op").url]
    draft = _new_case("zorg-concept", "zorg", publish=False)
    other = _new_case("jeugd-nieuw", "jeugd")  # publishing anything empties the page cache
    response = client.get(path)
    assert related_links(response) == before
    assert draft.url not in response.content.decode() and draft.title not in \
        response.content.decode()
    assert other.title not in response.content.decode()
    cached = client.get(path)
    assert cached["X-Page-Cache"] == "hit"
    from casussen import workflow

    workflow.approve_as(draft, *workflow.demo_reviewers(), scan=False)
    draft.refresh_from_db()
    fresh = client.get(path)
    assert fresh["X-Page-Cache"] == "miss"
    assert related_links(fresh)[0] == draft.url  # newest first
    draft.unpublish()
    assert draft.title not in client.get(path).content.decode()


def test_site_search_shows_cases_of_the_domains_of_the_schemes_found(client):
    response = client.get("/zoeken/", {"q": "bezwaar"})
    assert response.context["matches"]
    links = related_links(response)
    assert links and len(links) <= 3
    from search.loader import get_index

    by_key = get_index("nl").by_key
    domains = set().union(*(by_key[m.key].domains for m in response.context["matches"]))
    known = cases_by_url()
    for url in links:
        assert any(known[url].has_key("domain_keys", key) for key in domains)
    results = {item.url for item in response.context["items"]}
    assert not results & set(links)


def test_site_search_does_not_show_a_case_twice(client):
    # "schulden": the scheme Schuldhulpverlening (domain schulden) and, among the page
    # results, the only schulden case; the block does not repeat it.
    response = client.get("/zoeken/", {"q": "schulden"})
    case = Casus.objects.live().get(slug="schuldhulp-wachtlijst")
    assert [m.key for m in response.context["matches"]] == ["schuldhulpverlening"]
    assert case.url in {item.url for item in response.context["items"]}
    assert related_links(response) is None


def test_site_search_without_schemes_shows_no_block(client):
    response = client.get("/zoeken/", {"q": "qqqxxzz"})
    assert related_links(response) is None


def test_guided_outcome_shows_cases_of_the_chosen_domain(client):
    response = client.get("/vinden/", {"gemeente": "haarlem", "over": "zorg", "wil": "klagen",
                                       "wie": "aanbieder", "eerder": "nee"})
    assert response.status_code == 200
    assert related_links(response) == [Casus.objects.live().get(slug="niemand-neemt-op").url]


def test_english_guided_outcome_shows_the_english_case(client):
    response = client.get("/en/vinden/", {"gemeente": "haarlem", "over": "schulden",
                                          "wil": "klagen", "wie": "gemeente", "eerder": "nee"})
    english = Casus.objects.live().get(slug="a-long-wait-for-debt-help")
    assert related_links(response) == [english.url]


def test_scheme_page_with_related_cases_stays_within_the_query_budget(
        client, django_assert_max_num_queries):
    client.get("/")
    client.get("/en/")
    for path in ["/verwijsgids/klacht-wmo-aanbieder/", "/en/verwijsgids/bezwaar/"]:
        with django_assert_max_num_queries(10):
            response = client.get(path)
        assert related_links(response)
