"""Domains and themes for filters and labels: one query, cached until an editor changes one."""

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import IntegerField, Value
from django.db.models.signals import post_delete, post_save

from portal.taxonomy import localized_name

KEY = "casussen:vocab"


@dataclass(frozen=True)
class Term:
    key: str
    name: str
    name_en: str

    @property
    def label(self):
        return localized_name(self.name, self.name_en)

    def __str__(self):
        return self.label


def vocab():
    data = cache.get(KEY)
    if data is None:
        from kennisbank.models import Thema
        from verwijsgids.models import Domein

        domains = Domein.objects.order_by().values_list(
            "key", "name", "name_en", "sort_order", Value(0, output_field=IntegerField())
        )
        themes = Thema.objects.order_by().values_list(
            "key", "name", "name_en", Value(0, output_field=IntegerField()),
            Value(1, output_field=IntegerField()),
        )
        rows = sorted(domains.union(themes, all=True), key=lambda r: (r[4], r[3], r[1]))
        data = {
            "domains": [Term(k, n, e) for k, n, e, _order, kind in rows if kind == 0],
            "themes": [Term(k, n, e) for k, n, e, _order, kind in rows if kind == 1],
        }
        cache.set(KEY, data, None)
    return data


def forget(**kwargs):
    cache.delete(KEY)


def connect_signals():
    from kennisbank.models import Thema
    from verwijsgids.models import Domein

    for model in (Domein, Thema):
        uid = f"casussen-vocab-{model.__name__}"
        post_save.connect(forget, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(forget, sender=model, dispatch_uid=f"{uid}-delete")
