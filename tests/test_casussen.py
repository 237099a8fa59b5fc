"""Case stories: public pages, filters, feeds, search, demo content that passes the guard."""

import pytest
from wagtail.models import Page

from casussen.demo import CASES, EDITIONS
from casussen.models import Casus, CasusIndexPage, NieuwsbriefArchief, NieuwsbriefEditie
from casussen.pii import scan

pytestmark = pytest.mark.django_db


def test_overview_lives_at_casussen_in_the_menu_in_both_languages(client):
    index = CasusIndexPage.objects.get(locale__language_code="nl")
    assert index.slug == "casussen" and index.show_in_menus
    english = [page for page in index.get_translations() if page.locale.language_code == "en"]
    assert english and english[0].live
    response = client.get("/casussen/")
    assert response.status_code == 200
    assert b'href="/casussen/"' in response.content  # main menu
    assert client.get("/en/casussen/").status_code == 200


def test_overview_lists_the_demo_cases_with_count_in_status_region(client):
    response = client.get("/casussen/")
    body = response.content.decode()
    assert Casus.objects.live().count() >= 8
    assert 'role="status">8 casussen gevonden' in body
    for spec in CASES:
        assert spec["title"] in body


@pytest.mark.parametrize(("params", "expected"), [
    ({"domein": "schulden"}, {"Lang wachten op schuldhulp"}),
    ({"thema": "paarse-krokodil"}, {"Achttien jaar en ineens geen hulp meer",
                                   "Een regel die een logische oplossing blokkeert"}),
    ({"jaar": "2024"}, {"Twee brieven met twee verschillende bedragen",
                        "De taxi naar de dagbesteding kwam steeds te laat",
                        "Niemand neemt de telefoon op"}),
    ({"uitkomst": "loopt"}, {"Een bezwaar zonder antwoord"}),
    ({"domein": "wmo", "jaar": "2025"}, {"Vijf maanden wachten op een traplift",
                                         "Achttien jaar en ineens geen hulp meer",
                                         "Een bezwaar zonder antwoord"}),
])
def test_filters_are_plain_get_parameters(client, params, expected):
    response = client.get("/casussen/", params)
    assert response.status_code == 200
    titles = {case.title for case in response.context["cases"]}
    assert titles == expected
    assert f'role="status">{len(expected)} casus'.encode() in response.content


@pytest.mark.parametrize("params", [
    {"domein": "bestaat-niet"}, {"thema": "<script>"}, {"jaar": "twintig"},
    {"jaar": "99999999999999999999"}, {"uitkomst": "x"},
])
def test_bad_filter_values_give_a_clear_message_not_a_500(client, params):
    response = client.get("/casussen/", params)
    assert response.status_code == 400
    body = response.content.decode()
    assert 'role="alert"' in body
    assert "<script>" not in body
    assert 'role="status">0 casussen gevonden' in body


def test_case_page_has_the_fixed_structure(client):
    case = Casus.objects.live().get(slug="achttien-en-geen-hulp-meer")
    response = client.get(case.url)
    body = response.content.decode()
    for heading in ["Waar ging het over?", "De situatie", "Wat ging er mis?",
                    "Wat hebben we gedaan?", "Hoe is het afgelopen?", "Wat leren we?"]:
        assert heading in body
    assert "2e kwartaal 2025" in body
    assert "Paarse krokodil" in body
    assert "Sociaal wijkteam" in body


def test_public_pages_within_query_budget(client, django_assert_max_num_queries):
    paths = ["/casussen/", "/casussen/?domein=wmo&jaar=2025", "/en/casussen/",
             "/nieuwsbrief/", "/en/nieuwsbrief/"]
    paths += [page.url for page in Casus.objects.live()]
    paths += [page.url for page in NieuwsbriefEditie.objects.live()]
    client.get("/")  # the frame's own caches (menu restrictions, contact details) are warm
    for path in paths:
        with django_assert_max_num_queries(10):
            response = client.get(path)
        assert response.status_code == 200, path


def test_public_pages_do_not_load_deduce(client, monkeypatch):
    from casussen.pii import engine

    def refuse():
        raise AssertionError("deduce loaded on a public request")

    monkeypatch.setattr(engine, "get_deduce", refuse)
    for path in ["/casussen/", Casus.objects.live().first().url, "/nieuwsbrief/",
                 "/casussen/rss/", "/nieuwsbrief/aanmelden/"]:
        assert client.get(path).status_code == 200


def test_cases_appear_in_site_search(client):
    response = client.get("/zoeken/", {"q": "traplift"})
    assert response.status_code == 200
    case = Casus.objects.get(slug="traplift-na-vijf-maanden")
    assert f'href="{case.url}"'.encode() in response.content


def test_feeds(client):
    rss = client.get("/casussen/rss/")
    assert rss.status_code == 200 and rss["Content-Type"].startswith("application/rss+xml")
    assert "Lang wachten op schuldhulp" in rss.content.decode()
    atom = client.get("/casussen/atom/")
    assert atom["Content-Type"].startswith("application/atom+xml")
    editions = client.get("/nieuwsbrief/rss/").content.decode()
    for spec in EDITIONS:
        assert spec["title"] in editions
    assert client.get("/nieuwsbrief/atom/").status_code == 200


def test_archive_lists_editions_and_edition_shows_chosen_cases(client):
    archive = NieuwsbriefArchief.objects.get(locale__language_code="nl")
    body = client.get(archive.url).content.decode()
    for spec in EDITIONS:
        assert spec["title"] in body
    edition = NieuwsbriefEditie.objects.get(slug="nieuwsbrief-najaar-2025")
    body = client.get(edition.url).content.decode()
    assert "Achttien jaar en ineens geen hulp meer" in body
    assert "Mededelingen" in body


def test_demo_content_passes_the_guard():
    texts = []
    for page in Casus.objects.all():
        texts.extend(page.privacy_texts().values())
    for page in NieuwsbriefEditie.objects.all():
        texts.extend([page.title, page.intro, page.announcements])
    assert len(texts) >= 8 * 6
    flagged = {text: scan(text) for text in texts if text and scan(text)}
    assert flagged == {}


def test_period_is_quarter_and_year_never_a_date():
    fields = {f.name for f in Casus._meta.get_fields()}
    assert {"quarter", "year"} <= fields
    assert not any(f.get_internal_type() in ("DateField", "DateTimeField")
                   for f in Casus._meta.get_fields()
                   if f.concrete and f.model is Casus)


def test_case_pages_only_under_the_overview():
    assert Casus.parent_page_types == ["casussen.CasusIndexPage"]
    index = CasusIndexPage.objects.get(locale__language_code="nl")
    assert Page.objects.child_of(index).type(Casus).count() == 8


def test_english_overview_lists_the_english_cases_and_filters_work(client):
    from casussen.demo import CASES_EN

    response = client.get("/en/casussen/")
    body = response.content.decode()
    assert response.status_code == 200
    assert 'role="status">8 case stories found' in body
    for spec in CASES_EN.values():
        assert spec["title"] in body
    assert "Vijf maanden wachten" not in body  # no Dutch case on the English overview
    response = client.get("/en/casussen/", {"domein": "schulden"})
    assert [case.title for case in response.context["cases"]] == ["A long wait for debt help"]
    response = client.get("/en/casussen/", {"jaar": "2024", "uitkomst": "deels"})
    assert [c.title for c in response.context["cases"]] == [
        "The taxi to day care was always late"]
    assert client.get("/en/casussen/", {"domein": "bestaat-niet"}).status_code == 400


def test_english_case_page_and_editions(client):
    case = Casus.objects.live().get(slug="eighteen-and-suddenly-no-more-help")
    assert case.url == "/en/casussen/eighteen-and-suddenly-no-more-help/"
    body = client.get(case.url).content.decode()
    assert '<html lang="en"' in body
    for heading in ["What was it about?", "What went wrong?", "What do we learn?"]:
        assert heading in body
    assert case.summary in body
    dutch = case.get_translation(case.locale.get_default())
    assert set(case.domains.all()) == set(dutch.domains.all())
    edition = NieuwsbriefEditie.objects.live().get(slug="newsletter-autumn-2025")
    body = client.get(edition.url).content.decode()
    assert "Eighteen and suddenly no more help" in body
    assert 'href="/en/casussen/eighteen-and-suddenly-no-more-help/"' in body
    archive = client.get("/en/nieuwsbrief/").content.decode()
    assert "Newsletter spring 2025" in archive and "Newsletter autumn 2025" in archive
