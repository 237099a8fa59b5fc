"""Verwijsgids: demo content against the facts sheet, the model rules, the helper for other
apps, search, and the editors' report."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Locale

from verwijsgids.models import (
    Domein,
    Gemeente,
    Organisatie,
    Regeling,
    RegelingVolgendeStap,
    VerwijsgidsIndexPage,
    regelingen_voor,
)
from verwijsgids.reports import overdue_regelingen

pytestmark = pytest.mark.django_db

# The schemes' stable keys (the domain facts), with kind, line and remit (bereik).
FACTS = {
    "signaleerpunt": ("meldpunt", 0, "lijst"),
    "klacht-gemeente": ("klacht", 1, "alle"),
    "nationale-ombudsman": ("ombudsman", 2, "behalve"),
    "bezwaar": ("bezwaar", 1, "alle"),
    "beroep-rechtbank": ("beroep", 2, "alle"),
    "vertrouwenspersoon-jeugd": ("vertrouwenspersoon", 0, "lijst"),
    "klacht-jeugdhulpaanbieder": ("klacht", 1, "lijst"),
    "klacht-veilig-thuis": ("klacht", 1, "lijst"),
    "klacht-wmo-aanbieder": ("klacht", 1, "lijst"),
    "vertrouwenspersoon-wmo": ("vertrouwenspersoon", 0, "lijst"),
    "klacht-zorgaanbieder": ("klacht", 1, "lijst"),
    "geschilleninstantie-zorg": ("geschil", 2, "alle"),
    "clientondersteuning": ("clientondersteuning", 0, "lijst"),
    "sociaal-raadslieden": ("clientondersteuning", 0, "lijst"),
    "sociaal-wijkteam": ("clientondersteuning", 0, "lijst"),
    "schuldhulpverlening": ("klacht", 1, "lijst"),
    "participatieraad": ("inspraak", 0, "lijst"),
    "ombudsman-metropool-amsterdam": ("ombudsman", 2, "lijst"),
}
TRANSLATED = list(FACTS)  # every scheme has an English page
AMSTERDAM = {"amsterdam", "almere", "diemen", "landsmeer", "waterland", "zaanstad"}


def nl():
    return Locale.objects.get(language_code="nl")


def en():
    return Locale.objects.get(language_code="en")


def scheme(key, locale=None):
    return Regeling.objects.get(key=key, locale=locale or nl())


# --- demo content ----------------------------------------------------------------------------

def test_every_fact_key_is_a_live_dutch_page_with_its_kind_line_and_scope():
    live = {r.key: r for r in Regeling.objects.live().filter(locale=nl())}
    assert set(live) == set(FACTS)
    for key, (soort, lijn, bereik) in FACTS.items():
        page = live[key]
        assert (page.soort, page.lijn, page.bereik) == (soort, lijn, bereik), key
        assert page.slug == key
        assert page.domeinen.exists(), key
        assert (bereik == "alle") != page.gemeenten.exists(), key
        assert page.samenvatting and page.zoekwoorden, key


def test_amsterdam_ombudsman_serves_exactly_its_six_municipalities():
    page = scheme("ombudsman-metropool-amsterdam")
    assert set(page.gemeenten.values_list("key", flat=True)) == AMSTERDAM
    assert page.bereik == "lijst"


def test_contact_details_only_where_the_facts_give_them():
    with_contact = {
        org.name for org in Organisatie.objects.all()
        if org.phone or org.email or org.address or org.opening_hours or org.website
    }
    assert with_contact == {"SignaLeerpunt sociaal domein", "De Nationale ombudsman", "AKJ"}
    ombudsman = Organisatie.objects.get(name="De Nationale ombudsman")
    assert ombudsman.phone == "0800-335 55 55"
    assert scheme("vertrouwenspersoon-wmo").organisatie is None


def test_check_dates_include_never_and_overdue():
    statuses = {r.key: r.controle_status for r in Regeling.objects.filter(locale=nl())}
    assert statuses["klacht-veilig-thuis"] == "verlopen"
    assert statuses["vertrouwenspersoon-wmo"] == "nooit"
    assert list(statuses.values()).count("ok") >= 12


def test_escalation_ladders_of_the_facts():
    def targets(key):
        return [s.doel.key for s in scheme(key).volgende_stappen.all()]

    assert targets("klacht-gemeente") == ["nationale-ombudsman", "ombudsman-metropool-amsterdam"]
    assert targets("bezwaar") == ["beroep-rechtbank"]
    assert targets("klacht-zorgaanbieder") == ["geschilleninstantie-zorg"]
    assert targets("klacht-jeugdhulpaanbieder") == ["nationale-ombudsman"]


def test_english_translations_keep_key_and_scope_and_link_within_english():
    index_en = VerwijsgidsIndexPage.objects.get(locale=en())
    assert index_en.live and index_en.url_path.endswith("/verwijsgids/")
    for key in TRANSLATED:
        page = scheme(key, en())
        source = scheme(key)
        assert page.live and page.translation_key == source.translation_key
        assert page.title != source.title
        assert set(page.domeinen.all()) == set(source.domeinen.all())
        assert set(page.gemeenten.all()) == set(source.gemeenten.all())
        assert page.vocab_ids == source.vocab_ids
    step = scheme("klacht-gemeente", en()).volgende_stappen.first()
    assert step.doel == scheme("nationale-ombudsman", en())


def test_loading_the_demo_twice_changes_nothing():
    before = (Regeling.objects.count(), Organisatie.objects.count(), Gemeente.objects.count(),
              RegelingVolgendeStap.objects.count())
    call_command("load_demo", verbosity=0)
    after = (Regeling.objects.count(), Organisatie.objects.count(), Gemeente.objects.count(),
             RegelingVolgendeStap.objects.count())
    assert before == after


# --- rules for editors -------------------------------------------------------------------------

def new_scheme(key="nieuwe-regeling", **kwargs):
    page = Regeling(
        title="Nieuwe regeling", slug=key, key=key, soort="klacht", lijn=1,
        samenvatting="Een korte uitleg.", landelijk=True, **kwargs,
    )
    page.domeinen = [Domein.objects.get(key="wmo")]
    return page


def index():
    return VerwijsgidsIndexPage.objects.get(locale=nl())


def errors_of(page):
    with pytest.raises(ValidationError) as info:
        if page.pk:
            page.full_clean()
        else:
            parent = VerwijsgidsIndexPage.objects.get(locale_id=page.locale_id or nl().pk)
            parent.add_child(instance=page)
    return info.value.message_dict


def test_a_valid_new_scheme_passes():
    page = new_scheme()
    index().add_child(instance=page)
    assert page.pk and page.vocab_ids["d"][0][1] == "wmo"


def test_duplicate_key_in_the_same_language_is_refused():
    page = new_scheme(key="bezwaar")
    page.slug = "bezwaar-2"
    assert "al een regeling" in errors_of(page)["key"][0]


def test_key_of_another_scheme_in_another_language_is_refused():
    page = new_scheme(key="bezwaar")
    page.locale = en()
    page.slug = "bezwaar-en-2"
    assert "key" in errors_of(page)


def test_published_key_cannot_change():
    page = scheme("bezwaar")
    page.key = "bezwaar-nieuw"
    assert "kan niet meer veranderen" in errors_of(page)["key"][0]


def test_key_must_be_a_slug():
    assert "key" in errors_of(new_scheme(key="Met Spaties"))


def test_scheme_without_domain_is_refused():
    page = new_scheme()
    page.domeinen = []
    assert errors_of(page)["domeinen"] == ["Kies minstens één domein."]


def test_ladder_pointing_to_itself_is_refused():
    page = scheme("bezwaar")
    page.volgende_stappen = [RegelingVolgendeStap(doel=page)]
    assert "naar zichzelf" in errors_of(page)["volgende_stappen"][0]
    english = scheme("bezwaar", en())
    english.volgende_stappen = [RegelingVolgendeStap(doel=page)]
    assert "volgende_stappen" in errors_of(english)


def test_admin_form_errors_for_domain_scope_and_self_reference(admin_client):
    page = scheme("klacht-veilig-thuis")
    url = f"/admin/pages/{page.pk}/edit/"
    response = admin_client.get(url)
    assert response.status_code == 200
    form = response.context["form"]
    data = {
        "title": page.title, "slug": page.slug, "key": page.key, "soort": page.soort,
        "lijn": str(page.lijn), "samenvatting": page.samenvatting,
        "volgende_stappen-TOTAL_FORMS": "1", "volgende_stappen-INITIAL_FORMS": "0",
        "volgende_stappen-MIN_NUM_FORMS": "0", "volgende_stappen-MAX_NUM_FORMS": "1000",
        "bereik": "lijst",
        "volgende_stappen-0-doel": str(page.pk), "volgende_stappen-0-toelichting": "",
        "volgende_stappen-0-ORDER": "1", "volgende_stappen-0-id": "",
        "comments-TOTAL_FORMS": "0", "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0", "comments-MAX_NUM_FORMS": "1000",
    }
    assert "domeinen" in form.fields
    response = admin_client.post(url, data)
    assert response.status_code == 200  # the form is shown again with errors
    form = response.context["form"]
    assert form.errors["domeinen"] == ["Kies minstens één domein."]
    assert "alle gemeenten" in form.errors["gemeenten"][0]
    step_errors = form.formsets["volgende_stappen"].forms[0].errors
    assert "naar zichzelf" in step_errors["doel"][0]
    page.refresh_from_db()
    assert page.domeinen.exists()


# --- the helper other apps use -------------------------------------------------------------

def keys(qs):
    return sorted(r.key for r in qs)


def test_regelingen_voor_haarlem_never_lists_the_amsterdam_ombudsman():
    haarlem = keys(regelingen_voor(gemeente="haarlem", locale="nl"))
    assert "ombudsman-metropool-amsterdam" not in haarlem
    assert "nationale-ombudsman" in haarlem  # national
    assert len(haarlem) == 17


def test_regelingen_voor_amsterdam_lists_national_schemes_and_its_ombudsman():
    amsterdam = keys(regelingen_voor(gemeente="amsterdam", locale="nl"))
    assert amsterdam == ["beroep-rechtbank", "bezwaar", "geschilleninstantie-zorg",
                         "klacht-gemeente", "ombudsman-metropool-amsterdam"]


def test_regelingen_voor_combines_filters():
    result = keys(regelingen_voor(gemeente="zandvoort", domein="jeugd", soort="klacht",
                                  locale="nl"))
    assert result == ["klacht-gemeente", "klacht-jeugdhulpaanbieder", "klacht-veilig-thuis"]
    assert keys(regelingen_voor(domein="zorg", soort="geschil", locale="nl")) == [
        "geschilleninstantie-zorg"]


def test_regelingen_voor_english_with_fallback_gives_every_scheme_once():
    results = list(regelingen_voor(locale="en", fallback=True))
    assert sorted(r.key for r in results) == sorted(FACTS)
    by_key = {r.key: r.locale.language_code for r in results}
    assert {k for k, lang in by_key.items() if lang == "en"} == set(TRANSLATED)
    assert keys(regelingen_voor(locale="en")) == sorted(TRANSLATED)


def test_regelingen_voor_rejects_unknown_values():
    with pytest.raises(Gemeente.DoesNotExist):
        regelingen_voor(gemeente="atlantis")
    with pytest.raises(ValueError):
        regelingen_voor(soort="rechtszaak")


def test_regelingen_voor_can_be_searched():
    results = regelingen_voor(gemeente="haarlem", locale="nl").search("huishoudelijke hulp")
    assert "klacht-wmo-aanbieder" in [r.key for r in results]
    results = regelingen_voor(gemeente="haarlem", locale="nl").search("ombudsman")
    found = [r.key for r in results]
    assert "nationale-ombudsman" in found
    assert "ombudsman-metropool-amsterdam" not in found


def test_search_words_are_searchable_for_the_finder():
    results = [r.key for r in Regeling.objects.live().filter(locale=nl()).search("voogd")]
    assert "vertrouwenspersoon-jeugd" in results


# --- drafts and unpublished schemes never show -----------------------------------------------

def test_unpublished_and_draft_schemes_are_left_out(client):
    page = scheme("participatieraad")
    page.unpublish()
    draft = new_scheme(key="concept-regeling")
    draft.title = "Conceptregeling geheimwoord"
    draft.zoekwoorden = "geheimwoord"
    draft.live = False
    index().add_child(instance=draft)
    draft.save_revision()
    live_keys = keys(regelingen_voor(locale="nl"))
    assert "participatieraad" not in live_keys and "concept-regeling" not in live_keys
    assert client.get("/verwijsgids/participatieraad/").status_code == 404
    assert client.get("/verwijsgids/concept-regeling/").status_code == 404
    listing = client.get("/verwijsgids/").content.decode()
    assert "/verwijsgids/participatieraad/" not in listing
    assert "Conceptregeling" not in listing
    assert client.get("/api/regelingen/participatieraad/").status_code == 404
    assert client.get("/api/regelingen/concept-regeling/").status_code == 404
    api_keys = [r["key"] for r in client.get("/api/regelingen/?page_size=100").json()["results"]]
    assert "participatieraad" not in api_keys and "concept-regeling" not in api_keys
    search = client.get("/zoeken/", {"q": "geheimwoord"}).content.decode()
    assert "Conceptregeling" not in search
    search = client.get("/zoeken/", {"q": "Participatieraad"}).content.decode()
    assert "/verwijsgids/participatieraad/" not in search


# --- report ----------------------------------------------------------------------------------

def test_report_lists_missing_and_overdue_checks_only():
    nl_keys = {r.key for r in overdue_regelingen() if r.locale_id == nl().pk}
    assert nl_keys == {"klacht-veilig-thuis", "vertrouwenspersoon-wmo", "participatieraad",
                       "ombudsman-metropool-amsterdam"}
    page = scheme("bezwaar")
    Regeling.objects.filter(pk=page.pk).update(
        laatst_gecontroleerd=timezone.localdate() - datetime.timedelta(days=366))
    assert "bezwaar" in {r.key for r in overdue_regelingen()}


def test_report_in_the_admin(admin_client):
    response = admin_client.get("/admin/reports/verwijsgids-controle/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Klacht over Veilig Thuis" in body
    assert "Vertrouwenspersoon Wmo" in body
    assert "Klacht over de gemeente" not in body
    export = admin_client.get("/admin/reports/verwijsgids-controle/?export=csv")
    csv = b"".join(export.streaming_content).decode()
    assert "klacht-veilig-thuis" in csv and "bezwaar," not in csv
    menu = admin_client.get("/admin/").content.decode()
    assert "/admin/reports/verwijsgids-controle/" in menu


def test_report_is_for_editors_only(client):
    response = client.get("/admin/reports/verwijsgids-controle/")
    assert response.status_code == 302


def test_admin_can_open_the_add_form(admin_client):
    response = admin_client.get(f"/admin/pages/add/verwijsgids/regeling/{index().pk}/")
    assert response.status_code == 200
    assert 'name="key"' in response.content.decode()


def test_renaming_a_domain_updates_the_copies_on_schemes(client):
    domein = Domein.objects.get(key="schulden")
    domein.name = "Geldzorgen en schulden"
    domein.save()
    page = scheme("schuldhulpverlening")
    assert [d.name for d in page.domeinen_lijst] == ["Geldzorgen en schulden"]
    body = client.get("/verwijsgids/schuldhulpverlening/").content.decode()
    assert "Geldzorgen en schulden" in body


def test_translation_takes_scope_from_the_dutch_page():
    source = scheme("bezwaar")
    source.bereik = "lijst"
    source.gemeenten = list(Gemeente.objects.filter(key="haarlem"))
    source.save_revision().publish()
    english = scheme("bezwaar", en())
    assert english.bereik == "lijst"
    assert list(english.gemeenten.values_list("key", flat=True)) == ["haarlem"]
    assert [g.key for g in english.gemeenten_lijst] == ["haarlem"]
    english.gemeenten = list(Gemeente.objects.all())
    english.save_revision().publish()
    english = scheme("bezwaar", en())
    assert list(english.gemeenten.values_list("key", flat=True)) == ["haarlem"]
