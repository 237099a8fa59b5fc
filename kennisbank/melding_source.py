"""Quarterly counts from the meldformulier's `Melding` model (no personal data is read).

Live meldingen of the quarter plus `MeldingTelling`: the anonymous counts kept for meldingen
deleted after their retention period (kind, domain, outcome, theme and paarse krokodil;
organisations and referrals of deleted meldingen are not kept, so they count as "overig").
"""

import re

from django.apps import apps

from .figures import add_counts, count_records, quarter_bounds

OPEN = "_open"
_SPLIT = re.compile(r"[,;/\n]+")


def _normalise(text):
    return " ".join(text.split()).casefold()


def organisation_parts(text):
    """Free-text organisations, split on commas, normalised (case and spaces)."""
    return [_normalise(part) for part in _SPLIT.split(text or "") if _normalise(part)]


def _regeling_labels():
    """Names of the verwijsgids schemes by key, when that model exists."""
    try:
        model = apps.get_model("verwijsgids", "Regeling")
    except LookupError:
        return {}
    fields = {f.name for f in model._meta.get_fields()}
    name_field = "title" if "title" in fields else "name" if "name" in fields else None
    if name_field is None or "key" not in fields:
        return {}
    return {key: (name, name) for key, name in model.objects.values_list("key", name_field)}


# Names of the schemes in the verwijsgids facts sheet, for when that model is not there.
KNOWN_REGELINGEN = {
    "signaleerpunt": "SignaLeerpunt sociaal domein",
    "klacht-gemeente": "Klacht over de gemeente",
    "nationale-ombudsman": "Nationale ombudsman",
    "bezwaar": "Bezwaar maken tegen een besluit",
    "beroep-rechtbank": "Beroep bij de rechtbank",
    "vertrouwenspersoon-jeugd": "Vertrouwenspersoon jeugdhulp",
    "klacht-jeugdhulpaanbieder": "Klacht bij de jeugdhulpaanbieder",
    "klacht-veilig-thuis": "Klacht over Veilig Thuis",
    "klacht-wmo-aanbieder": "Klacht bij de Wmo-aanbieder",
    "vertrouwenspersoon-wmo": "Vertrouwenspersoon Wmo",
    "klacht-zorgaanbieder": "Klacht bij de zorgaanbieder",
    "geschilleninstantie-zorg": "Geschilleninstantie zorg",
    "clientondersteuning": "Onafhankelijke cliëntondersteuning",
    "sociaal-raadslieden": "Sociaal raadslieden",
    "sociaal-wijkteam": "Sociaal wijkteam",
    "schuldhulpverlening": "Toegang tot schuldhulpverlening",
    "participatieraad": "Participatieraad",
    "ombudsman-metropool-amsterdam": "Gezamenlijke Ombudsman Metropool Amsterdam",
}


def _key_label(key):
    return KNOWN_REGELINGEN.get(key) or key.replace("-", " ").replace("_", " ").capitalize()


class MeldingSource:
    def __init__(self):
        from meldformulier.models import Melding, MeldingTelling

        self.Melding = Melding
        self.MeldingTelling = MeldingTelling
        self._free_text_labels = {}

    def records(self, year, quarter):
        start, end = quarter_bounds(year, quarter)
        meldingen = self.Melding.objects.filter(created_at__gte=start, created_at__lt=end)
        themes = {}
        through = self.Melding.themes.through
        for melding_id, key in through.objects.filter(melding__in=meldingen).values_list(
            "melding_id", "thema__key"
        ):
            themes.setdefault(melding_id, []).append(key)
        records = []
        for row in meldingen.values(
            "id", "kind", "domain__key", "organisations", "regeling_keys", "doorverwezen_naar",
            "uitkomst", "paarse_krokodil",
        ):
            organisations = set()
            for key in row["regeling_keys"] or []:
                if isinstance(key, str) and key:
                    organisations.add(key)
            for original in _SPLIT.split(row["organisations"] or ""):
                key = _normalise(original)
                if key:
                    organisations.add(key)
                    self._free_text_labels.setdefault(key, " ".join(original.split()))
            records.append({
                "soort": row["kind"] or None,
                "domein": row["domain__key"],
                "organisatie": sorted(organisations),
                "verwijzing": row["doorverwezen_naar"] or None,
                "uitkomst": row["uitkomst"] or OPEN,
                "thema": themes.get(row["id"], []),
                "paarse_krokodil": row["paarse_krokodil"],
            })
        return records

    def kept_counts(self, year, quarter):
        counts = {"total": 0, "paarse_krokodil": 0,
                  "dims": {"soort": {}, "domein": {}, "uitkomst": {}, "thema": {}}}
        dims = counts["dims"]
        for t in self.MeldingTelling.objects.filter(year=year, quarter=quarter):
            if t.theme_key:
                dims["thema"][t.theme_key] = dims["thema"].get(t.theme_key, 0) + t.count
                continue
            counts["total"] += t.count
            if t.paarse_krokodil:
                counts["paarse_krokodil"] += t.count
            dims["soort"][t.kind] = dims["soort"].get(t.kind, 0) + t.count
            if t.domain_key:
                dims["domein"][t.domain_key] = dims["domein"].get(t.domain_key, 0) + t.count
            outcome = t.uitkomst or OPEN
            dims["uitkomst"][outcome] = dims["uitkomst"].get(outcome, 0) + t.count
        return counts

    def counts(self, year, quarter):
        return add_counts(count_records(self.records(year, quarter)),
                          self.kept_counts(year, quarter))

    def labels(self, dimension):
        from django.utils import translation

        from kennisbank.models import Thema
        from meldformulier.models import Soort, Uitkomst
        from verwijsgids.models import Domein

        def choices(enum):
            result = {}
            for value, label in enum.choices:
                with translation.override("nl"):
                    nl = str(label)
                with translation.override("en"):
                    en = str(label)
                result[value] = (nl, en)
            return result

        if dimension == "soort":
            return choices(Soort)
        if dimension == "uitkomst":
            labels = choices(Uitkomst)
            labels[OPEN] = ("Nog niet afgesloten", "Not closed yet")
            return labels
        if dimension == "domein":
            return {d.key: (d.name, d.name_en) for d in Domein.objects.all()}
        if dimension == "thema":
            return {t.key: (t.name, t.name_en) for t in Thema.objects.all()}
        regelingen = _regeling_labels()
        if dimension == "verwijzing":
            return _KeyLabels(regelingen)
        if dimension == "organisatie":
            return _KeyLabels(regelingen, self._free_text_labels)
        return {}

    def categories(self, dimension):
        from kennisbank.models import Thema
        from meldformulier.models import Soort, Uitkomst
        from verwijsgids.models import Domein

        if dimension == "soort":
            return list(Soort.values)
        if dimension == "uitkomst":
            return list(Uitkomst.values) + [OPEN]
        if dimension == "domein":
            return list(Domein.objects.values_list("key", flat=True))
        if dimension == "thema":
            return list(Thema.objects.order_by("name").values_list("key", flat=True))
        return None  # open sets: only categories with at least 5 meldingen get a row


class _KeyLabels(dict):
    """Labels for keys of schemes or free text, with a readable fallback."""

    def __init__(self, *sources):
        super().__init__()
        for source in sources:
            self.update({k: (v, v) if isinstance(v, str) else v for k, v in source.items()})

    def get(self, key, default=None):
        if key in self:
            return self[key]
        return (_key_label(key), _key_label(key))
