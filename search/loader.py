"""Builds the finder's in-memory index from the database and keeps it fresh.

The index of a language is kept per process. A generation number in the shared cache
(Redis or the file cache, so every worker sees it) is bumped whenever something the finder
reads changes; the next query then rebuilds the index. Nothing is read at import time.
"""

import threading

from django.db.models.signals import m2m_changed, post_delete, post_save

from portal import generations

from .finder import FinderIndex, Rule, Scheme, rule_stems
from .models import split_terms

GENERATION_KEY = "finder:generation"
_indexes = {}
_lock = threading.Lock()


def generation():
    return generations.current(GENERATION_KEY)


def invalidate(**kwargs):
    generations.bump(GENERATION_KEY)
    _indexes.clear()


def get_index(language="nl"):
    """The index of `language` ('nl' or 'en'), rebuilt when the generation changed."""
    language = "en" if language == "en" else "nl"
    current = generation()
    index = _indexes.get(language)
    if index is not None and index.generation == current:
        return index
    with _lock:
        index = _indexes.get(language)
        if index is None or index.generation != current:
            index = build_index(language, current)
            _indexes[language] = index
    return index


def load_rules(language="nl"):
    """The editors' active synonyms: Dutch ones everywhere, English ones on the English site;
    stemmed with the analyser of `language` (the index's)."""
    from .models import Synoniem

    languages = ["nl", "en"] if language == "en" else ["nl"]
    rules = []
    items = Synoniem.objects.filter(actief=True, taal__in=languages).prefetch_related(
        "domeinen"
    )
    for item in items:
        stems_ = rule_stems(item.term, language)
        if not stems_:
            continue
        rules.append(
            Rule(
                term=item.term,
                stems=stems_,
                expansions=tuple(
                    rule_stems(text, language) for text in item.uitbreidingen_lijst
                    if rule_stems(text, language)
                ),
                keys=tuple(item.regelingen or ()),
                domains=tuple(domain.key for domain in item.domeinen.all()),
                soorten=tuple(item.soorten or ()),
                lijn=item.lijn,
                weight=item.gewicht,
                expansion_texts=tuple(item.uitbreidingen_lijst),
            )
        )
    return rules


FIELDS = ("id", "key", "title", "soort", "lijn", "bereik", "samenvatting", "waarvoor",
          "voor_wie", "zoekwoorden", "url_path", "organisatie__name",
          "organisatie__name_en")


def _rows(queryset):
    """Plain rows (no model instances: 10,000 schemes load in well under a second)."""
    from verwijsgids.models import Regeling

    rows = list(queryset.order_by("path").values(*FIELDS))
    ids = [row["id"] for row in rows]
    domains, gemeenten = {}, {}
    through_d, through_g = Regeling.domeinen.through, Regeling.gemeenten.through
    for chunk in range(0, len(ids), 5000):
        part = ids[chunk : chunk + 5000]
        for rid, key, name in through_d.objects.filter(regeling_id__in=part).values_list(
            "regeling_id", "domein__key", "domein__name"
        ):
            domains.setdefault(rid, []).append((key, name))
        for rid, key in through_g.objects.filter(regeling_id__in=part).values_list(
            "regeling_id", "gemeente__key"
        ):
            gemeenten.setdefault(rid, []).append(key)
    for row in rows:
        row["domains"] = domains.get(row["id"], [])
        row["gemeenten"] = gemeenten.get(row["id"], [])
    return rows


def _texts(row, language="nl"):
    return {
        "title": row["title"],
        "zoekwoorden": row["zoekwoorden"] or "",
        "samenvatting": row["samenvatting"] or "",
        "organisatie": (row["organisatie__name_en"] if language == "en" else None)
        or row["organisatie__name"] or "",
        "domeinen": " ".join(name for _key, name in row["domains"]),
        "waarvoor": row["waarvoor"] or "",
        "voor_wie": row["voor_wie"] or "",
    }


class _Urls:
    """Page URLs from url_path: one `get_url()` per parent page, not one per scheme."""

    def __init__(self):
        self.parents = {}

    def __call__(self, url_path):
        from wagtail.models import Page

        parent_path, _, slug = url_path.rstrip("/").rpartition("/")
        parent_path += "/"
        if parent_path not in self.parents:
            parent = Page.objects.filter(url_path=parent_path).first()
            self.parents[parent_path] = (parent.get_url() if parent else None) or ""
        base = self.parents[parent_path]
        return f"{base}{slug}/" if base else ""


def build_index(language="nl", current_generation=None):
    from wagtail.models import Locale

    from verwijsgids.models import Domein, Gemeente, regelingen_voor

    from .models import Zoekgewicht

    boosts = dict(Zoekgewicht.objects.values_list("regeling", "factor"))
    default = Locale.get_default()
    locale = Locale.objects.filter(language_code=language).first() or default
    rows = _rows(regelingen_voor(locale=locale, fallback=True))
    extra_texts = {}
    if locale.pk != default.pk:
        # Dutch questions also work on the English site: index the Dutch texts as well.
        for row in _rows(regelingen_voor(locale=default)):
            extra_texts[row["key"]] = _texts(row, "nl")
    urls = _Urls()
    schemes, texts, rules = [], [], []
    seen = set()
    for row in rows:
        if row["key"] in seen:
            continue
        seen.add(row["key"])
        scheme = Scheme(
            idx=len(schemes),
            key=row["key"],
            title=row["title"],
            url=urls(row["url_path"]),
            soort=row["soort"],
            lijn=row["lijn"],
            domains=frozenset(key for key, _name in row["domains"]),
            gemeenten=frozenset(row["gemeenten"]),
            bereik=row["bereik"],
            boost=float(boosts.get(row["key"], 1.0)),
            samenvatting=row["samenvatting"] or "",
            page_id=row["id"],
        )
        schemes.append(scheme)
        fields = _texts(row, language)
        if row["key"] in extra_texts:
            for name, value in extra_texts[row["key"]].items():
                fields[name] = f"{fields.get(name, '')} {value}"
        texts.append(fields)
        for phrase in split_terms(row["zoekwoorden"]):
            stems_ = rule_stems(phrase, language)
            if len(stems_) >= 2:
                rules.append(Rule(term=phrase, stems=stems_, keys=(row["key"],),
                                  source="zoekwoord"))
    rules.extend(load_rules(language))
    return FinderIndex(
        schemes,
        texts,
        rules,
        gemeenten=Gemeente.objects.values_list("key", flat=True),
        domeinen=Domein.objects.values_list("key", flat=True),
        generation=current_generation,
        place_names=Gemeente.objects.values_list("name", flat=True),
        language=language,
    )


def _page_signal(sender, **kwargs):
    invalidate()


def _elastic_enabled():
    from django.conf import settings

    return bool(getattr(settings, "ELASTICSEARCH_URL", ""))


def _regeling_changed(sender, instance=None, **kwargs):
    """Publish/unpublish of a scheme: update its Elasticsearch document after the commit."""
    invalidate()
    key = getattr(instance, "key", None)
    if key and _elastic_enabled() and hasattr(instance, "soort"):
        from django.db import transaction

        from .tasks import update_finder_document

        transaction.on_commit(lambda: update_finder_document.enqueue(key))


_pending = threading.local()


def _synonyms_changed(sender, **kwargs):
    """Synonyms live in the Elasticsearch analyzer: one rebuild per transaction."""
    invalidate()
    if _elastic_enabled() and not getattr(_pending, "rebuild", False):
        from django.db import transaction

        from .tasks import rebuild_finder_index

        def enqueue():
            _pending.rebuild = False
            rebuild_finder_index.enqueue()

        _pending.rebuild = True
        transaction.on_commit(enqueue)


def connect_signals():
    from wagtail.models import Page
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from verwijsgids.models import Domein, Gemeente, Organisatie

    from .models import Synoniem, Zoekgewicht

    page_published.connect(_regeling_changed, dispatch_uid="finder-published")
    page_unpublished.connect(_regeling_changed, dispatch_uid="finder-unpublished")
    post_page_move.connect(_page_signal, dispatch_uid="finder-moved")
    post_delete.connect(_page_signal, sender=Page, dispatch_uid="finder-page-deleted")
    for model in (Zoekgewicht, Gemeente, Domein, Organisatie):
        uid = f"finder-{model.__name__}"
        post_save.connect(_page_signal, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_page_signal, sender=model, dispatch_uid=f"{uid}-delete")
    post_save.connect(_synonyms_changed, sender=Synoniem, dispatch_uid="finder-synoniem-save")
    post_delete.connect(_synonyms_changed, sender=Synoniem, dispatch_uid="finder-synoniem-del")
    m2m_changed.connect(
        _page_signal, sender=Synoniem.domeinen.through, dispatch_uid="finder-synoniem-m2m"
    )
