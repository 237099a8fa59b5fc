"""The finder on Elasticsearch 8 (when settings.ELASTICSEARCH_URL is set).

- One index per language behind an alias `<ELASTICSEARCH_INDEX_PREFIX>-finder-<lang>`; a
  rebuild writes a new index and swaps the alias, so searching never sees a half index.
- A Dutch analyzer with ASCII folding, Dutch stop words and the Dutch stemmer; at search
  time a `synonym_graph` filter with the editors' synonyms ("betekent ook").
- The query mirrors the in-memory scorer (`search.finder`): the same question analysis
  (typo corrections, rules, intent) runs in Python; the words are matched by a weighted
  `multi_match` on the same fields with the same weights, and the rule signals (schemes,
  domains, kinds, step) become boosted `term` clauses; the editor's boost multiplies.
  Filters on municipality and domain are hard filters.

Updates on publish/unpublish go through the task queue (`search.tasks`); the command
`manage.py rebuild_finder_index` rebuilds everything.
"""

import time

from django.conf import settings
from elasticsearch_dsl import (
    Float,
    Index,
    Integer,
    Keyword,
    Mapping,
    Q,
    Search,
    Text,
    analyzer,
    token_filter,
)

from .finder import (
    FIELD_WEIGHTS,
    RELATIVE_CUTOFF,
    TYPO_WEIGHT,
    W_DOMAIN,
    W_LIJN,
    W_SOORT,
)
from .text import fold

TEXT_FIELDS = ["title", "zoekwoorden", "samenvatting", "organisatie", "domeinen", "waarvoor",
               "voor_wie"]


def alias_name(language="nl"):
    prefix = getattr(settings, "ELASTICSEARCH_INDEX_PREFIX", "slp") or "slp"
    return f"{prefix}-finder-{language}"


def client():
    from elasticsearch import Elasticsearch

    return Elasticsearch(settings.ELASTICSEARCH_URL, request_timeout=5)


def synonym_lines(rules):
    """Solr-style synonym rules for ES from the editors' synonyms: 'term => term, a, b'."""
    lines = []
    for rule in rules:
        if rule.source != "synoniem" or not rule.expansion_texts:
            continue
        term = " ".join(fold(rule.term).replace(",", " ").replace("=>", " ").split())
        expansions = [
            " ".join(fold(text).replace(",", " ").replace("=>", " ").split())
            for text in rule.expansion_texts
        ]
        expansions = [text for text in expansions if text and text != term]
        if term and expansions:
            lines.append(f"{term} => {', '.join([term, *expansions])}")
    return sorted(set(lines))


def analyzers(rules, language="nl"):
    """Index and search analyzers: Dutch, or English ('en': English stop words and stemmer)."""
    lang = "en" if language == "en" else "nl"
    name = {"nl": "dutch", "en": "english"}[lang]
    stop = token_filter(f"{lang}_stop", "stop", stopwords=f"_{name}_")
    stemmer = token_filter(f"{lang}_stem", "stemmer", language=name)
    synonyms = token_filter(
        f"{lang}_synoniemen", "synonym_graph", synonyms=synonym_lines(rules), lenient=True
    )
    index_analyzer = analyzer(
        f"{lang}_finder", tokenizer="standard", filter=["lowercase", "asciifolding", stop,
                                                        stemmer],
    )
    search_analyzer = analyzer(
        f"{lang}_finder_search", tokenizer="standard",
        filter=["lowercase", "asciifolding", synonyms, stop, stemmer],
    )
    return index_analyzer, search_analyzer


def build_index(name, rules, language="nl"):
    """The `Index` (settings, analysis and mapping) for the finder."""
    index_analyzer, search_analyzer = analyzers(rules, language)
    mapping = Mapping()
    mapping.field("key", Keyword())
    for field_name in TEXT_FIELDS:
        mapping.field(field_name, Text(analyzer=index_analyzer, search_analyzer=search_analyzer))
    mapping.field("domains", Keyword())
    mapping.field("gemeenten", Keyword())
    mapping.field("bereik", Keyword())
    mapping.field("soort", Keyword())
    mapping.field("lijn", Integer())
    mapping.field("boost", Float())
    mapping.field("url", Keyword(index=False))
    mapping.field("title_raw", Keyword(index=False))
    index = Index(name)
    index.settings(number_of_shards=1, number_of_replicas=0)
    index.analyzer(index_analyzer)
    index.analyzer(search_analyzer)
    index.mapping(mapping)
    return index


def document(scheme, texts):
    doc = {name: texts.get(name, "") for name in TEXT_FIELDS}
    doc.update({
        "key": scheme.key,
        "domains": sorted(scheme.domains),
        "gemeenten": sorted(scheme.gemeenten),
        "bereik": scheme.bereik,
        "soort": scheme.soort,
        "lijn": scheme.lijn,
        "boost": scheme.boost,
        "url": scheme.url,
        "title_raw": scheme.title,
    })
    return doc


def build_search(analysis, gemeente=None, domein=None, limit=20, language="nl"):
    """The `Search` for an analysed question: the same signals as the in-memory scorer."""
    fields = [f"{name}^{FIELD_WEIGHTS.get(name, 0.4)}" for name in TEXT_FIELDS]
    should = []
    typed = " ".join(w for w, _s, _wt, kind in analysis.tokens if kind != "tikfout")
    corrected = " ".join(w for w, _s, _wt, kind in analysis.tokens if kind == "tikfout")
    lexical = round(analysis.lexical_factor, 4)  # below 1 for long stories, as in the scorer
    if typed:
        should.append(Q("multi_match", query=typed, fields=fields, type="most_fields",
                        fuzziness="AUTO", prefix_length=1, **(
                            {"boost": lexical} if lexical != 1.0 else {})))
    if corrected:
        should.append(Q("multi_match", query=corrected, fields=fields, type="most_fields",
                        boost=round(TYPO_WEIGHT * lexical, 4)))
    for key, value in sorted(analysis.keys.items()):
        should.append(Q("term", key={"value": key, "boost": round(value, 4)}))
    for domain, value in sorted(analysis.domains.items()):
        should.append(Q("term", domains={"value": domain, "boost": round(W_DOMAIN * value, 4)}))
    for soort, value in sorted(analysis.soorten.items()):
        should.append(Q("term", soort={"value": soort, "boost": round(W_SOORT * value, 4)}))
    for lijn, value in sorted(analysis.lijnen.items()):
        should.append(Q("term", lijn={"value": lijn, "boost": round(W_LIJN * value, 4)}))
    filters = []
    if gemeente:
        # The remit rule of verwijsgids.models.bedient().
        filters.append(Q("bool", should=[
            Q("term", bereik="alle"),
            Q("bool", filter=[Q("term", bereik="lijst"), Q("term", gemeenten=gemeente)]),
            Q("bool", filter=[Q("term", bereik="behalve")],
              must_not=[Q("term", gemeenten=gemeente)]),
        ], minimum_should_match=1))
    if domein:
        filters.append(Q("term", domains=domein))
    query = Q("bool", should=should or [Q("match_none")], filter=filters,
              minimum_should_match=1)
    query = Q("function_score", query=query,
              functions=[{"field_value_factor": {"field": "boost", "missing": 1.0}}],
              boost_mode="multiply")
    return (
        Search(index=alias_name(language)).query(query)
        .source(["key", "title_raw", "url", "soort"])
        .extra(size=limit, track_total_hits=False)
    )


def search(index, query, gemeente=None, domein=None, limit=20, language="nl", correct=True):
    """[(Scheme, score)] from Elasticsearch, best first, with the same cut-off."""
    analysis = index.analyse(query, correct=correct)
    response = build_search(analysis, gemeente, domein, limit, language).using(client()).execute()
    hits = [(hit.key, hit.meta.score) for hit in response]
    if not hits:
        return []
    best = hits[0][1] or 0
    ranked = []
    for key, score in hits:
        scheme = index.by_key.get(key)
        if scheme is not None and score >= best * RELATIVE_CUTOFF:
            ranked.append((scheme, round(float(score), 4)))
    return ranked


# --- keeping the index up to date ---------------------------------------------------------

def rebuild(language="nl", es=None):
    """Write every live scheme into a new index and point the alias at it. Returns the name."""
    from .loader import build_index as build_memory_index

    es = es or client()
    memory = build_memory_index(language)
    alias = alias_name(language)
    name = f"{alias}-{int(time.time() * 1000)}"
    build_index(name, memory.rules, language).create(using=es)
    from elasticsearch.helpers import bulk

    bulk(es, (
        {"_index": name, "_id": scheme.key, "_source": document(scheme, memory.texts[scheme.idx])}
        for scheme in memory.schemes
    ), refresh=True)
    old = list(es.indices.get_alias(name=alias).keys()) if es.indices.exists_alias(
        name=alias) else []
    actions = [{"remove": {"index": item, "alias": alias}} for item in old]
    actions.append({"add": {"index": name, "alias": alias}})
    es.indices.update_aliases(actions=actions)
    for item in old:
        es.indices.delete(index=item, ignore_unavailable=True)
    return name


def update_scheme(key, language="nl", es=None):
    """Write one scheme again (published) or remove it (unpublished or deleted)."""
    from .loader import build_index as build_memory_index

    es = es or client()
    alias = alias_name(language)
    if not es.indices.exists_alias(name=alias):
        return rebuild(language, es)
    memory = build_memory_index(language)
    scheme = memory.by_key.get(key)
    if scheme is None:
        es.delete(index=alias, id=key, ignore=[404], refresh=True)
        return "deleted"
    es.index(index=alias, id=key, document=document(scheme, memory.texts[scheme.idx]),
             refresh=True)
    return "indexed"
