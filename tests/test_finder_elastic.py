"""The Elasticsearch backend of the finder.

Elasticsearch cannot run on the project's machines: the generated mapping and queries are
tested as dictionaries (`to_dict()`), the task wiring with a recording stand-in, and the
integration tests run only when ELASTICSEARCH_URL is set (skipped, with a reason, otherwise).
"""

import os
import uuid

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from search import elastic
from search.loader import get_index
from tests.finder_cases import EXTRA_FILE, read_cases

pytestmark = pytest.mark.django_db


def test_index_has_dutch_analysis_with_folding_and_the_editors_synonyms():
    index = get_index("nl")
    body = elastic.build_index("slp-finder-nl-1", index.rules).to_dict()
    analysis = body["settings"]["analysis"]
    search_analyzer = analysis["analyzer"]["nl_finder_search"]
    assert search_analyzer["tokenizer"] == "standard"
    assert search_analyzer["filter"][:3] == ["lowercase", "asciifolding", "nl_synoniemen"]
    assert analysis["filter"]["nl_stem"] == {"type": "stemmer", "language": "dutch"}
    assert analysis["filter"]["nl_stop"]["stopwords"] == "_dutch_"
    synonyms = analysis["filter"]["nl_synoniemen"]
    assert synonyms["type"] == "synonym_graph"
    assert any(line.startswith("thuiszorg => thuiszorg, huishoudelijke hulp")
               for line in synonyms["synonyms"])
    assert "nl_synoniemen" not in analysis["analyzer"]["nl_finder"]["filter"]
    properties = body["mappings"]["properties"]
    assert properties["title"] == {"type": "text", "analyzer": "nl_finder",
                                   "search_analyzer": "nl_finder_search"}
    assert properties["key"]["type"] == "keyword"
    assert properties["gemeenten"]["type"] == "keyword"
    assert properties["bereik"]["type"] == "keyword"


def test_synonym_lines_are_folded_and_safe():
    from search.finder import Rule

    rules = [Rule(term="Cliënt, raad", stems=("client",),
                  expansion_texts=("Cliëntenraad", "a => b")),
             Rule(term="zoekwoord", stems=("zoekwoord",), source="zoekwoord",
                  expansion_texts=("x",))]
    assert elastic.synonym_lines(rules) == ["client raad => client raad, clientenraad, a b"]


@override_settings(ELASTICSEARCH_INDEX_PREFIX="gemeente-x")
def test_index_names_are_prefixed():
    assert elastic.alias_name("nl") == "gemeente-x-finder-nl"
    assert elastic.alias_name("en") == "gemeente-x-finder-en"


def test_query_mirrors_the_scorer_signals_and_filters():
    index = get_index("nl")
    analysis = index.analyse("klacht over mijn huisats")
    body = elastic.build_search(analysis, gemeente="haarlem", domein="zorg", limit=5).to_dict()
    assert body["size"] == 5
    function_score = body["query"]["function_score"]
    assert function_score["functions"] == [
        {"field_value_factor": {"field": "boost", "missing": 1.0}}]
    query = function_score["query"]["bool"]
    assert {"term": {"domains": "zorg"}} in query["filter"]
    gemeente_filter = next(f for f in query["filter"] if "bool" in f)["bool"]
    # The remit rule: every municipality, the listed ones, or all except the listed ones.
    assert gemeente_filter["should"] == [
        {"term": {"bereik": "alle"}},
        {"bool": {"filter": [{"term": {"bereik": "lijst"}}, {"term": {"gemeenten": "haarlem"}}]}},
        {"bool": {"filter": [{"term": {"bereik": "behalve"}}],
                  "must_not": [{"term": {"gemeenten": "haarlem"}}]}},
    ]
    matches = [clause["multi_match"] for clause in query["should"] if "multi_match" in clause]
    assert matches[0]["query"] == "klacht"
    assert "title^3.0" in matches[0]["fields"] and "zoekwoorden^3.0" in matches[0]["fields"]
    assert matches[1]["query"] == "huisarts"  # the typo corrected, as in the Python scorer
    terms = [clause["term"] for clause in query["should"] if "term" in clause]
    keys = {t["key"]["value"]: t["key"]["boost"] for t in terms if "key" in t}
    assert keys["klacht-zorgaanbieder"] == pytest.approx(analysis.keys["klacht-zorgaanbieder"],
                                                          abs=1e-3)
    assert any("domains" in t and t["domains"]["value"] == "zorg" for t in terms)


def test_query_without_words_matches_nothing_rather_than_everything():
    analysis = get_index("nl").analyse("")
    query = elastic.build_search(analysis).to_dict()["query"]["function_score"]["query"]
    assert query["bool"]["should"] == [{"match_none": {}}]


def test_publish_and_synonyms_enqueue_index_updates(
    monkeypatch, django_capture_on_commit_callbacks
):
    from search.models import Synoniem
    from verwijsgids.models import Regeling

    calls = []
    monkeypatch.setattr(elastic, "update_scheme", lambda key, language: calls.append(
        ("update", key, language)))
    monkeypatch.setattr(elastic, "rebuild", lambda language: calls.append(("rebuild", language)))
    with override_settings(ELASTICSEARCH_URL="http://elasticsearch.invalid:9200"):
        page = Regeling.objects.get(key="bezwaar", locale__language_code="nl")
        with django_capture_on_commit_callbacks(execute=True):
            page.save_revision().publish()
        with django_capture_on_commit_callbacks(execute=True):
            page.unpublish()
        with django_capture_on_commit_callbacks(execute=True):
            Synoniem.objects.create(term="blub", uitbreidingen="bezwaar")
            Synoniem.objects.create(term="blob", uitbreidingen="bezwaar")
    assert calls.count(("update", "bezwaar", "nl")) == 2
    assert ("update", "bezwaar", "en") in calls
    assert calls.count(("rebuild", "nl")) == 1  # one rebuild for the whole transaction


def test_without_elasticsearch_nothing_is_enqueued(monkeypatch, django_capture_on_commit_callbacks):
    from verwijsgids.models import Regeling

    calls = []
    monkeypatch.setattr(elastic, "update_scheme", lambda *a: calls.append(a))
    page = Regeling.objects.get(key="bezwaar", locale__language_code="nl")
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert calls == []


def test_rebuild_command_needs_elasticsearch_url():
    with pytest.raises(CommandError, match="ELASTICSEARCH_URL"):
        call_command("rebuild_finder_index")


# --- integration: only with a real Elasticsearch -------------------------------------------

needs_elasticsearch = pytest.mark.skipif(
    not os.environ.get("ELASTICSEARCH_URL"),
    reason="ELASTICSEARCH_URL is not set: no Elasticsearch to test against",
)


@pytest.fixture
def live_elasticsearch(settings):
    settings.ELASTICSEARCH_URL = os.environ["ELASTICSEARCH_URL"]
    settings.ELASTICSEARCH_INDEX_PREFIX = f"slp-test-{uuid.uuid4().hex[:8]}"
    es = elastic.client()
    for language in ("nl", "en"):
        elastic.rebuild(language, es)
    yield es
    es.indices.delete(index=f"{settings.ELASTICSEARCH_INDEX_PREFIX}-*", ignore_unavailable=True)


@pytest.mark.elasticsearch
@needs_elasticsearch
def test_elasticsearch_answers_our_questions_like_the_python_scorer(client, live_elasticsearch):
    for query, gemeente, good, bad in read_cases(EXTRA_FILE):
        params = {"q": query, **({"gemeente": gemeente} if gemeente else {})}
        keys = [r["key"] for r in client.get("/api/finder/", params).json()["results"]]
        assert any(key in good for key in keys[:3]), (query, keys)
        assert not set(keys) & set(bad), (query, keys)


@pytest.mark.elasticsearch
@needs_elasticsearch
def test_elasticsearch_follows_unpublish(client, live_elasticsearch):
    from verwijsgids.models import Regeling

    page = Regeling.objects.get(key="participatieraad", locale__language_code="nl")
    page.unpublish()
    elastic.update_scheme("participatieraad", "nl")
    keys = [r["key"] for r in client.get("/api/finder/", {"q": "participatieraad"}).json()[
        "results"]]
    assert "participatieraad" not in keys
