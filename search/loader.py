"""Builds the finder's in-memory index from the database and keeps it fresh.

The index of a language is kept per process. A generation number in the shared cache
(Redis or the file cache, so every worker sees it) is bumped whenever something the finder
reads changes; the next query then rebuilds the index. Nothing is read at import time.
"""

import threading

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save

from .finder import FinderIndex, Rule, Scheme, rule_stems
from .text import stem, words

GENERATION_KEY = "finder:generation"
_indexes = {}
_lock = threading.Lock()


def generation():
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        value = cache.get(GENERATION_KEY, 1)
    return value


def invalidate(**kwargs):
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, timeout=None)
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


def _phrase_stems(text):
    return tuple(stem(word) for word in words(text))


def load_rules():
    from .models import Synoniem

    rules = []
    for item in Synoniem.objects.filter(actief=True).prefetch_related("domeinen"):
        stems_ = rule_stems(item.term)
        if not stems_:
            continue
        rules.append(
            Rule(
                term=item.term,
                stems=stems_,
                expansions=tuple(
                    rule_stems(text) for text in item.uitbreidingen_lijst if rule_stems(text)
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


def _texts(page):
    return {
        "title": page.title,
        "zoekwoorden": page.zoekwoorden or "",
        "samenvatting": page.samenvatting or "",
        "organisatie": page.organisatie.name if page.organisatie_id and page.organisatie else "",
        "domeinen": " ".join(d.name for d in page.domeinen.all()),
        "waarvoor": page.waarvoor or "",
        "voor_wie": page.voor_wie or "",
    }


def build_index(language="nl", current_generation=None):
    from wagtail.models import Locale

    from verwijsgids.models import Domein, Gemeente, regelingen_voor

    from .models import Zoekgewicht

    boosts = dict(Zoekgewicht.objects.values_list("regeling", "factor"))
    locale = Locale.objects.filter(language_code=language).first() or Locale.get_default()
    pages = (
        regelingen_voor(locale=locale, fallback=True)
        .select_related("organisatie")
        .prefetch_related("domeinen", "gemeenten")
        .order_by("path")
    )
    extra_texts = {}
    if locale.pk != Locale.get_default().pk:
        # Dutch questions also work on the English site: index the Dutch texts as well.
        for page in (
            regelingen_voor(locale=Locale.get_default())
            .select_related("organisatie").prefetch_related("domeinen")
        ):
            extra_texts[page.key] = _texts(page)
    schemes, texts, rules = [], [], []
    seen = set()
    for page in pages:
        if page.key in seen:
            continue
        seen.add(page.key)
        scheme = Scheme(
            idx=len(schemes),
            key=page.key,
            title=page.title,
            url=page.get_url() or "",
            soort=page.soort,
            lijn=page.lijn,
            domains=frozenset(d.key for d in page.domeinen.all()),
            gemeenten=frozenset(g.key for g in page.gemeenten.all()),
            landelijk=page.landelijk,
            boost=float(boosts.get(page.key, 1.0)),
            samenvatting=page.samenvatting or "",
            page_id=page.pk,
        )
        schemes.append(scheme)
        fields = _texts(page)
        if page.key in extra_texts:
            for name, value in extra_texts[page.key].items():
                fields[name] = f"{fields.get(name, '')} {value}"
        texts.append(fields)
        for phrase in page.zoekwoorden_lijst:
            stems_ = rule_stems(phrase)
            if len(stems_) >= 2:
                rules.append(Rule(term=phrase, stems=stems_, keys=(page.key,), source="zoekwoord"))
    rules.extend(load_rules())
    return FinderIndex(
        schemes,
        texts,
        rules,
        gemeenten=Gemeente.objects.values_list("key", flat=True),
        domeinen=Domein.objects.values_list("key", flat=True),
        generation=current_generation,
        place_names=Gemeente.objects.values_list("name", flat=True),
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
