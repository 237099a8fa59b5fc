"""What the personal-data guard scans (everything a page publishes), bad input to it, and
the guard when the engine is not loaded in a web process."""

from collections import OrderedDict

import pytest
from django.core.files.base import ContentFile
from wagtail import blocks
from wagtail.documents import get_document_model
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageBlock, ImageChooserBlock
from wagtail.images.tests.utils import get_test_image_file

from casussen import guard
from casussen.models import Casus, NieuwsbriefEditie
from casussen.pii import scan
from tests.test_casussen_guard import _edit, _form_data, _user

pytestmark = pytest.mark.django_db

NAME = "Mevrouw Kaya"


@pytest.fixture
def moderator():
    return _user("moderator", "Moderators")


@pytest.fixture
def case():
    return Casus.objects.live().get(slug="taxi-komt-niet")


def _keys_with_findings(texts):
    return set(guard.scan_fields(texts))


@pytest.mark.parametrize("field", [
    "title", "seo_title", "search_description", "summary", "situation", "what_went_wrong",
    "what_was_done", "result", "lessons", "organisations",
])
def test_every_text_field_of_a_case_is_scanned(case, field):
    setattr(case, field, f"{NAME} belde ons.")
    assert field in _keys_with_findings(case.privacy_texts())


def test_the_slug_is_scanned_as_words(case):
    case.slug = "mevrouw-kaya-uit-haarlem"
    texts = case.privacy_texts()
    assert texts["slug"] == "mevrouw kaya uit haarlem"
    assert "slug" in _keys_with_findings(texts)


def test_the_demo_cases_have_nothing_in_any_published_text():
    for page in Casus.objects.all():
        assert guard.scan_fields(page.privacy_texts()) == {}, page.title


def _image(title="Foto", description="", filename="foto.png"):
    image = get_image_model().objects.create(
        title=title, description=description, file=get_test_image_file(filename=filename),
    )
    return image


def _document(title="Brief", filename="brief.pdf"):
    document = get_document_model()(title=title)
    document.file.save(filename, ContentFile(b"%PDF-1.4\n"), save=False)
    document.save()
    return document


def test_newsletter_subject_intro_and_announcements_are_scanned():
    edition = NieuwsbriefEditie.objects.first()
    assert guard.scan_fields(edition.privacy_texts()) == {}
    edition.title = "Nieuws van meneer De Boer"
    edition.intro = "Bel 06-12345678 voor vragen."
    edition.announcements = "<p>Zijn dochter Eva helpt mee.</p>"
    assert {"title", "intro", "announcements"} <= _keys_with_findings(edition.privacy_texts())


def test_images_and_documents_in_rich_text_title_alt_text_and_file_name():
    image = _image(title="Portret", filename="jan-de-vries.png")
    photo = _image(title="Mevrouw Kaya bij de voordeur")
    document = _document(title="Besluit", filename="bezwaar_fatima_el_amrani.pdf")
    edition = NieuwsbriefEditie.objects.first()
    edition.announcements = (
        f'<p>Zie de foto.</p><embed embedtype="image" id="{image.pk}" format="left" '
        f'alt="Zijn dochter Eva op het plein"/><embed embedtype="image" id="{photo.pk}" '
        f'format="left" alt="Een deur"/><p><a linktype="document" id="{document.pk}">het '
        f"besluit</a></p>"
    )
    texts = edition.privacy_texts()
    found = _keys_with_findings(texts)
    assert "announcements.image1.alt" in found
    assert "announcements.image2.title" in found
    assert "announcements.document3.bestandsnaam" in found
    assert texts["announcements.image1.bestandsnaam"].startswith("jan-de-vries")
    assert "announcements.image1.bestandsnaam" in found
    assert texts["announcements"] == "Zie de foto.\nhet besluit"
    label = guard.field_label(NieuwsbriefEditie, "announcements.image1.alt")
    assert label == "mededelingen › afbeelding 1 › alt-tekst"


def test_streamfield_blocks_captions_images_and_documents():
    image = _image(title="Mevrouw Kaya in de tuin", description="Zijn dochter Eva lacht")
    document = _document(title="Brief aan meneer De Boer")
    stream = blocks.StreamBlock([
        ("heading", blocks.CharBlock()),
        ("paragraph", blocks.RichTextBlock()),
        ("figure", blocks.StructBlock([
            ("image", ImageChooserBlock()), ("caption", blocks.CharBlock()),
        ])),
        ("picture", ImageBlock()),
        ("links", blocks.ListBlock(blocks.URLBlock())),
        ("document", blocks.StructBlock([
            ("document", DocumentChooserBlock()),
            ("title", blocks.CharBlock(required=False)),
        ])),
    ])
    value = stream.to_python([
        {"type": "heading", "value": "Over meneer De Boer"},
        {"type": "paragraph", "value": "<p>Bel <b>06-12345678</b>.</p>"},
        {"type": "figure", "value": {"image": image.pk, "caption": "Zijn dochter Eva"}},
        {"type": "picture", "value": {"image": image.pk, "alt_text": "Mevrouw Kaya",
                                      "decorative": False}},
        {"type": "links", "value": ["https://www.instagram.com/jan.de.vries.zwolle"]},
        {"type": "document", "value": {"document": document.pk, "title": ""}},
    ])
    texts = guard.stream_texts(value, "body")
    found = _keys_with_findings(texts)
    assert {
        "body.1.heading", "body.2.paragraph", "body.3.figure.image.title",
        "body.3.figure.image.alt", "body.3.figure.caption", "body.4.picture.alt",
        "body.6.document.document.title",
    } <= found
    assert texts["body.4.picture.alt"] == "Mevrouw Kaya"


def test_a_content_page_streamfield_is_walked(home_page):
    texts = guard.published_texts(home_page)
    assert "title" in texts and "slug" in texts
    assert any(key.startswith("body.") for key in texts)


# --- through the editor -----------------------------------------------------------------


def test_publishing_a_case_with_a_name_in_the_slug_is_refused_at_the_slug(client, moderator,
                                                                           case):
    client.force_login(moderator)
    response = _edit(client, case, slug="jan-de-vries-uit-zwolle",
                     **{"action-publish": "1"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "slug" in errors


def test_publishing_a_newsletter_edition_with_a_name_in_the_subject_is_refused(client):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("beheer", "b@example.org", "x")
    client.force_login(admin)
    edition = NieuwsbriefEditie.objects.live().first()
    data = {
        "title": "Nieuws over mevrouw Kaya", "slug": edition.slug,
        "edition_date": edition.edition_date.isoformat(), "intro": edition.intro,
        "announcements": '{"blocks": [], "entityMap": {}}',
        "seo_title": "", "search_description": "",
        "casussen": [c.pk for c in edition.casussen.all()],
        "comments-TOTAL_FORMS": "0", "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0", "comments-MAX_NUM_FORMS": "1000",
        "action-publish": "1",
    }
    response = client.post(f"/admin/pages/{edition.pk}/edit/", data)
    assert response.status_code == 200
    assert "title" in response.context["form"].errors
    edition.refresh_from_db()
    assert "Kaya" not in edition.title


def test_sending_an_edition_whose_subject_holds_a_name_is_refused(client):
    from django.contrib.auth import get_user_model

    from casussen.models import Ontvanger

    admin = get_user_model().objects.create_superuser("beheer", "b@example.org", "x")
    client.force_login(admin)
    edition = NieuwsbriefEditie.objects.live().first()
    NieuwsbriefEditie.objects.filter(pk=edition.pk).update(title="Nieuws van meneer De Boer")
    response = client.post(f"/admin/casussen/editie/{edition.pk}/versturen/", follow=True)
    assert response.status_code == 200
    assert "Niet verstuurd" in response.content.decode()
    assert not Ontvanger.objects.filter(edition=edition).exists()


# --- bad input --------------------------------------------------------------------------


def test_a_huge_text_gets_a_dutch_message_and_is_kept_in_the_form(client, moderator, case):
    client.force_login(moderator)
    huge = "Een inwoner wachtte lang. " * 500  # 13.000 tekens
    response = _edit(client, case, situation=huge)
    assert response.status_code == 200
    message = " ".join(response.context["form"].errors["situation"])
    assert "te lang" in message and "10.000" in message
    assert huge.strip() in response.content.decode()


def test_a_huge_text_is_one_finding_not_a_long_scan():
    findings = scan("a" * 200_000)
    assert [f.kind for f in findings] == ["te-lang"]


@pytest.mark.parametrize(("text", "found"), [
    ("Mevrouw <b>Kaya</b> belde.", "Kaya"),
    ("Zijn dochter <span>Eva</span> belde.", "Eva"),
    ("Mevrouw Ka\u200bya belde.", "Ka\u200bya"),
    ("Mevrouw Ka\u00adya belde.", "Ka\u00adya"),
    ("Bel 06\u200b-12345678.", "06\u200b-12345678"),
    ("Mevrouw \uff2b\uff41\uff59\uff41 belde.", "\uff2b\uff41\uff59\uff41"),
    ("Mevrouw \u041aaya belde.", "\u041aaya"),
    ("Mail naar jan&#64;voorbeeld.nl.", "jan&#64;voorbeeld.nl"),
])
def test_html_and_odd_unicode_do_not_hide_personal_data(text, found):
    assert found in [f.text for f in scan(text)]


@pytest.mark.parametrize("text", [
    "\x00\x01\ufffd\ud7ff",
    "<script>alert(1)</script>",
    "&&&&;;;<<<>>>",
    "\u202eevil\u202c en \U0001f600",
    "e\u0301\u0301\u0301",
])
def test_odd_input_never_raises(text):
    scan(text)


def test_a_nul_character_gets_a_dutch_message_not_a_500(client, moderator, case):
    client.force_login(moderator)
    response = _edit(client, case, situation="Een inwoner\x00 wachtte.")
    assert response.status_code == 200
    assert "situation" in response.context["form"].errors


def test_html_in_a_field_is_read_as_text_in_the_editor_publish(client, moderator, case):
    client.force_login(moderator)
    response = _edit(client, case, situation="Zijn <i>dochter</i> <b>Eva</b> belde.",
                     **{"action-publish": "1"})
    assert response.status_code == 200
    assert "situation" in response.context["form"].errors


# --- the engine in a web process ----------------------------------------------------------


@pytest.fixture
def web_process_without_engine(monkeypatch):
    from casussen import pii
    from casussen.pii import engine

    monkeypatch.setattr(engine, "_deduce", None)
    monkeypatch.setattr(engine, "_web_process", True)
    monkeypatch.setattr(pii, "_recent", OrderedDict())  # nothing scanned before


def test_without_the_engine_the_editor_opens_and_says_so(client, moderator, case,
                                                         web_process_without_engine):
    client.force_login(moderator)
    response = client.get(f"/admin/pages/{case.pk}/edit/")
    assert response.status_code == 200
    assert "privacycontrole is nu niet beschikbaar" in response.content.decode()


def test_without_the_engine_nothing_is_published(client, moderator, case,
                                                 web_process_without_engine):
    client.force_login(moderator)
    data = _form_data(case, **{"action-publish": "1"})
    response = client.post(f"/admin/pages/{case.pk}/edit/", data)
    assert response.status_code == 200
    assert "niet beschikbaar" in response.content.decode()


def test_a_web_process_never_loads_the_engine_in_a_request(monkeypatch):
    from casussen.pii import engine

    def load():
        raise AssertionError("the engine was loaded inside a request")

    monkeypatch.setattr(engine, "_deduce", None)
    monkeypatch.setattr(engine, "_web_process", True)
    monkeypatch.setattr(engine, "_load", load)
    with pytest.raises(engine.EngineNotReady):
        engine.get_deduce()


def test_the_wsgi_application_loads_the_engine_before_serving(tmp_path):
    """portal/wsgi.py (what gunicorn --preload and runserver import) loads the lookup data
    from $PII_DATA_DIR and marks the process as a web process."""
    import subprocess
    import sys

    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "lookup_structs.pickle").write_bytes(b"")
    code = (
        "from casussen.pii import engine; engine._load = lambda: 'geladen'; "
        "import portal.wsgi; print(engine._deduce, engine._web_process, engine._cache_dir())"
    )
    env = {"DJANGO_SETTINGS_MODULE": "portal.settings.test", "PATH": "/usr/bin:/bin",
           "PII_DATA_DIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", code], cwd=guard.GUIDELINE_PATH.parents[1],
                            capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["geladen", "True", str(tmp_path)]
    env["PII_PRELOAD"] = "false"
    result = subprocess.run([sys.executable, "-c", code], cwd=guard.GUIDELINE_PATH.parents[1],
                            capture_output=True, text=True, timeout=120, env=env)
    assert result.stdout.split()[:2] == ["None", "False"]
