"""The public intake form at /melden/: the full flow, errors, prefill, e-mail, double submit."""

import re
import uuid

import pytest
from django.core import mail
from django.db import connection

from meldformulier.models import Bijlage, Email, Melding
from tests.meldformulier_helpers import ANSWERS, SAFE, count, fill_in, submit, token_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def outbox():
    mail.outbox = []
    return mail.outbox


def test_full_flow_stores_one_melding_and_sends_both_emails(
    client, outbox, django_capture_on_commit_callbacks
):
    check = fill_in(client)
    body = check.content.decode()
    # The check page shows every answer with a change link.
    assert "Thuiszorg De Linde" in body
    assert "De huishoudelijke hulp kwam drie weken niet." in body
    assert 'href="/melden/verhaal/"' in body and "Wijzig" in body
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(client, check)
    assert response.status_code == 303
    assert response["Location"] == "/melden/bevestiging/"
    melding = Melding.objects.get()
    assert re.fullmatch(r"SLP-\d{4}-\d{5}", melding.reference)
    assert melding.kind == "klacht" and melding.domain.key == "wmo"
    assert melding.status == "nieuw"
    assert melding.email == "jantje@example.org"
    confirmation = client.get(response["Location"])
    text = confirmation.content.decode()
    assert melding.reference in text
    assert "werkdagen" in text
    # Both e-mails went out through anymail's test backend, and are recorded as sent.
    recipients = sorted(message.to[0] for message in outbox)
    assert recipients == ["jantje@example.org", "team@signaleerpunt.nl"]
    assert all(melding.reference in message.subject for message in outbox)
    # No personal data in the staff notification.
    staff = next(m for m in outbox if m.to == ["team@signaleerpunt.nl"])
    assert "jantje" not in staff.body.lower() and "huishoudelijke" not in staff.body
    assert set(Email.objects.values_list("status", flat=True)) == {"verzonden"}


def test_english_flow_under_en(client, outbox, django_capture_on_commit_callbacks):
    response = client.get("/en/melden/")
    assert response.status_code == 200
    assert b'<html lang="en"' in response.content
    check = fill_in(client, prefix="/en")
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(client, check, prefix="/en")
    assert response.status_code == 303
    assert Melding.objects.get().language == "en"


def test_first_page_is_accessible_markup_and_not_cached(client):
    response = client.get("/melden/")
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count("<h1") == 1
    assert 'type="radio"' in body and "<legend" in body
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert "X-Page-Cache" not in response


def test_optional_fields_say_optioneel(client):
    client.post("/melden/", {"kind": "signaal"})
    client.post("/melden/onderwerp/", {"domain": "wmo"})
    body = client.get("/melden/organisaties/").content.decode()
    legend = re.search(r"<legend[^>]*>(.*?)</legend>", body, re.S).group(1)
    assert "(optioneel)" in legend
    label = re.search(r'<label[^>]*for="id_organisations"[^>]*>(.*?)</label>', body, re.S)
    assert "(optioneel)" in label.group(1)


def test_missing_answer_gives_error_summary_linked_to_field(client):
    response = client.post("/melden/", {})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Er is een probleem" in body
    assert 'href="#id_kind_0"' in body and 'id="id_kind_0"' in body
    assert "Kies wat u wilt melden." in body
    assert "<title>Fout:" in body


def test_input_is_kept_on_error(client):
    client.post("/melden/", {"kind": "klacht"})
    client.post("/melden/onderwerp/", ANSWERS["onderwerp"])
    client.post("/melden/organisaties/", ANSWERS["organisaties"])
    long_text = "x" * 6000
    response = client.post("/melden/verhaal/", {"description": long_text, "wish": "Mijn wens"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "te lang" in body and "5000" in body
    assert long_text in body and "Mijn wens" in body
    assert 'aria-describedby="id_description-uitleg id_description-fout"' in body


def test_contact_by_email_needs_an_address_and_keeps_the_rest(client):
    for step in ("soort", "onderwerp", "organisaties", "verhaal", "eerder", "namens"):
        path = "/melden/" if step == "soort" else f"/melden/{step}/"
        client.post(path, ANSWERS[step])
    response = client.post("/melden/contact/", {"contact": "email", "name": "Piet"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Vul uw e-mailadres in" in body
    assert 'value="Piet"' in body
    response = client.post("/melden/contact/", {"contact": "email", "email": "geen-adres"})
    assert "Vul een geldig e-mailadres in" in response.content.decode()


def test_for_someone_else_needs_consent(client):
    for step in ("soort", "onderwerp", "organisaties", "verhaal", "eerder"):
        path = "/melden/" if step == "soort" else f"/melden/{step}/"
        client.post(path, ANSWERS[step])
    response = client.post("/melden/namens/", {"on_behalf": "ander"})
    assert response.status_code == 400
    assert "toestemming" in response.content.decode()
    response = client.post("/melden/namens/", {"on_behalf": "ander", "toestemming": "ja"})
    assert response.status_code == 302


def test_anonymous_melding_stores_no_contact_and_sends_only_staff_mail(
    client, outbox, django_capture_on_commit_callbacks
):
    check = fill_in(client, {"contact": {"contact": "anoniem", "name": "Geheim",
                                         "email": "x@example.org"}})
    assert "Geheim" not in check.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(client, check)
    melding = Melding.objects.get()
    assert melding.is_anonymous and melding.name == "" and melding.email == ""
    assert [m.to for m in outbox] == [["team@signaleerpunt.nl"]]
    page = client.get(response["Location"]).content.decode()
    assert "anoniem" in page


def test_skipping_ahead_redirects_to_first_unanswered_step(client):
    response = client.get("/melden/contact/")
    assert response.status_code == 302 and response["Location"] == "/melden/"
    response = client.get("/melden/controleren/")
    assert response.status_code == 302
    assert client.get("/melden/bestaat-niet/").status_code == 404


def test_change_link_returns_to_check_page(client):
    fill_in(client)
    response = client.post("/melden/verhaal/", {"description": "Nieuwe tekst"})
    assert response.status_code == 302 and response["Location"] == "/melden/controleren/"
    assert "Nieuwe tekst" in client.get("/melden/controleren/").content.decode()


def test_prefill_from_finder(client):
    response = client.get("/melden/?regeling=nationale-ombudsman&domein=jeugd")
    assert response.status_code == 200
    client.post("/melden/", {"kind": "klacht"})
    page = client.get("/melden/onderwerp/").content.decode()
    assert re.search(r'value="jeugd"\s+checked', page)
    assert 'name="regeling"' not in page  # the scheme is asked on its own step
    client.post("/melden/onderwerp/", {"domain": "jeugd"})
    page = client.get("/melden/organisaties/").content.decode()
    assert re.search(r'value="nationale-ombudsman"\s+checked', page)


@pytest.mark.parametrize("query", [
    "regeling=%3Cscript%3E", "regeling=" + "a" * 500, "regeling=../../etc", "domein=bestaat-niet",
    "regeling=&domein=", "regeling=NIET_GELDIG!",
])
def test_bad_prefill_is_ignored(client, query):
    response = client.get(f"/melden/?{query}")
    assert response.status_code == 200
    assert b"<script>" not in response.content.split(b"<main")[1]
    client.post("/melden/", {"kind": "klacht"})
    client.post("/melden/onderwerp/", {"domain": "wmo"})
    page = client.get("/melden/organisaties/").content.decode()
    assert 'name="regelingen"' in page and not re.search(r"\schecked", page)


def test_double_submit_creates_one_melding_and_same_confirmation(
    client, outbox, django_capture_on_commit_callbacks
):
    check = fill_in(client)
    token = token_of(check)
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post("/melden/controleren/", {"token": token})
        second = client.post("/melden/controleren/", {"token": token})
    assert first.status_code == second.status_code == 303
    assert count() == 1
    reference = Melding.objects.get().reference
    assert reference in client.get("/melden/bevestiging/").content.decode()
    assert len(outbox) == 2  # no duplicate e-mails


def test_replayed_post_from_another_client_creates_nothing(
    client, django_capture_on_commit_callbacks
):
    from django.test import Client

    check = fill_in(client)
    token = token_of(check)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/melden/controleren/", {"token": token})
    other = Client()
    response = other.post("/melden/controleren/", {"token": token})
    assert response.status_code == 303
    response = other.post("/melden/controleren/", {"token": str(uuid.uuid4())})
    assert response.status_code == 400
    assert count() == 1


def test_forged_csrf_gives_dutch_403(client):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/melden/", {"kind": "klacht"})
    assert response.status_code == 403
    assert "verlopen" in response.content.decode()
    assert count() == 0


def test_honeypot_blocks_submission(client):
    check = fill_in(client)
    response = submit(client, check, website="http://spam.example")
    assert response.status_code == 400
    assert count() == 0


def test_rate_limit_per_client(client, settings, django_capture_on_commit_callbacks):
    settings.MELDINGEN_RATE_LIMIT = 2
    for _ in range(2):
        check = fill_in(client)
        with django_capture_on_commit_callbacks(execute=True):
            assert submit(client, check).status_code == 303
    check = fill_in(client)
    response = submit(client, check)
    assert response.status_code == 429
    assert "veel meldingen" in response.content.decode()
    assert count() == 2
    # Another address is not affected.
    check = fill_in(client)
    response = client.post("/melden/controleren/", {"token": token_of(check)},
                           REMOTE_ADDR="10.1.2.3")
    assert response.status_code == 303
    settings.MELDINGEN_RATE_LIMIT_ENABLED = False
    check = fill_in(client)
    assert submit(client, check).status_code == 303


def test_raw_database_holds_no_readable_personal_data(client, django_capture_on_commit_callbacks):
    secret_text = "Mijn buurvrouw Geertruida kreeg geen hulp"
    check = fill_in(client, {
        "verhaal": {"description": secret_text, "wish": "Excuses"},
        "contact": {"contact": "telefoon", "name": "Geertruida Jansen",
                    "email": "geertruida@example.org", "phone": "06 12345678", **SAFE},
    })
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, check)
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM meldformulier_melding")
        raw = repr(cursor.fetchall())
    for needle in ("Geertruida", "geertruida@example.org", "12345678", "buurvrouw", "Excuses"):
        assert needle not in raw
    melding = Melding.objects.get()
    assert melding.name == "Geertruida Jansen" and melding.description == secret_text


def test_html_is_stored_as_text_and_escaped_in_output(client, django_capture_on_commit_callbacks):
    evil = '<script>alert(1)</script><img src=x onerror=alert(2)>'
    check = fill_in(client, {"verhaal": {"description": evil},
                             "organisaties": {"organisations": evil[:60]}})
    body = check.content.decode()
    assert "<script>alert(1)" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, check)
    assert Melding.objects.get().description == evil


def test_control_characters_are_removed(client, django_capture_on_commit_callbacks):
    check = fill_in(client, {"verhaal": {"description": "Een\x00 tekst\x07 met\u202e rommel\r\n."}})
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, check)
    assert Melding.objects.get().description == "Een tekst met rommel\n."


def test_expired_session_on_submit_is_a_clear_error(client):
    response = client.post("/melden/controleren/", {"token": str(uuid.uuid4())})
    assert response.status_code == 400
    assert "opnieuw" in response.content.decode()
    response = client.post("/melden/controleren/", {"token": "geen-uuid"})
    assert response.status_code == 400


def test_query_budget_of_form_pages(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        assert client.get("/melden/").status_code == 200
    client.post("/melden/", {"kind": "klacht"})
    with django_assert_max_num_queries(10):
        assert client.get("/melden/onderwerp/").status_code == 200
    fill_in(client)
    with django_assert_max_num_queries(10):
        assert client.get("/melden/controleren/").status_code == 200


def test_attachments_are_checked_by_content_encrypted_and_private(
    client, private_media, settings, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    for step in ("soort", "onderwerp", "organisaties", "verhaal", "eerder", "namens", "contact"):
        path = "/melden/" if step == "soort" else f"/melden/{step}/"
        client.post(path, ANSWERS[step])
    fake_pdf = SimpleUploadedFile("brief.pdf", b"MZ\x90\x00 this is an exe", "application/pdf")
    response = client.post("/melden/bijlagen/", {"files": [fake_pdf], "actie": "doorgaan"})
    assert response.status_code == 400
    assert "geen PDF" in response.content.decode()
    pdf = b"%PDF-1.4\n% Brief van de gemeente met BSN 123456782\n%%EOF\n"
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    response = client.post("/melden/bijlagen/", {
        "files": [SimpleUploadedFile("brief.pdf", pdf), SimpleUploadedFile("foto.exe", png)],
        "actie": "doorgaan",
    })
    assert response.status_code == 302
    check = client.get("/melden/controleren/").content.decode()
    assert "brief.pdf" in check and "foto.png" in check
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, client.get("/melden/controleren/"))
    bijlagen = Bijlage.objects.filter(melding=Melding.objects.get())
    assert sorted(b.content_type for b in bijlagen) == ["application/pdf", "image/png"]
    stored = list((private_media / "meldingen").iterdir())
    assert len(stored) == 2
    for path in stored:
        assert b"BSN" not in path.read_bytes() and not path.read_bytes().startswith(b"%PDF")
    assert not str(private_media).startswith(str(settings.MEDIA_ROOT))


def test_at_most_three_attachments(client, private_media):
    from django.core.files.uploadedfile import SimpleUploadedFile

    for step in ("soort", "onderwerp", "organisaties", "verhaal", "eerder", "namens", "contact"):
        path = "/melden/" if step == "soort" else f"/melden/{step}/"
        client.post(path, ANSWERS[step])
    files = [SimpleUploadedFile(f"b{i}.pdf", b"%PDF-1.4 x") for i in range(4)]
    response = client.post("/melden/bijlagen/", {"files": files})
    assert response.status_code == 400
    assert "maximaal 3" in response.content.decode()
    assert not (private_media / "meldingen").exists() or not any(
        (private_media / "meldingen").iterdir()
    )


def test_docx_needs_word_document_inside(client, private_media):
    import io
    import zipfile

    from django.core.files.uploadedfile import SimpleUploadedFile

    for step in ("soort", "onderwerp", "organisaties", "verhaal", "eerder", "namens", "contact"):
        path = "/melden/" if step == "soort" else f"/melden/{step}/"
        client.post(path, ANSWERS[step])

    def make_zip(names):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for name in names:
                archive.writestr(name, "<x/>")
        return buffer.getvalue()

    plain_zip = SimpleUploadedFile("brief.docx", make_zip(["evil.exe"]))
    response = client.post("/melden/bijlagen/", {"files": [plain_zip]})
    assert response.status_code == 400
    docx = SimpleUploadedFile("brief.docx", make_zip(["[Content_Types].xml", "word/document.xml"]))
    response = client.post("/melden/bijlagen/", {"files": [docx]})
    assert response.status_code == 302


def test_too_big_attachment_is_refused(client, private_media):
    from django.core.files.uploadedfile import SimpleUploadedFile

    for step in ("soort", "onderwerp", "organisaties", "verhaal", "eerder", "namens", "contact"):
        path = "/melden/" if step == "soort" else f"/melden/{step}/"
        client.post(path, ANSWERS[step])
    big = SimpleUploadedFile("groot.pdf", b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024))
    response = client.post("/melden/bijlagen/", {"files": [big]})
    assert response.status_code == 400
    assert "groter dan 10 MB" in response.content.decode()


def test_removing_an_attachment(client, private_media):
    from django.core.files.uploadedfile import SimpleUploadedFile

    for step in ("soort", "onderwerp", "organisaties", "verhaal", "eerder", "namens", "contact"):
        path = "/melden/" if step == "soort" else f"/melden/{step}/"
        client.post(path, ANSWERS[step])
    client.post("/melden/bijlagen/", {"files": [SimpleUploadedFile("a.pdf", b"%PDF-1.4 a")],
                                      "actie": "toevoegen"})
    page = client.get("/melden/bijlagen/").content.decode()
    stored_id = re.search(r'name="verwijder" value="([0-9a-f]{32})"', page).group(1)
    assert (private_media / "meldingen" / stored_id).exists()
    client.post("/melden/bijlagen/", {"verwijder": stored_id})
    assert not (private_media / "meldingen" / stored_id).exists()
    assert "a.pdf" not in client.get("/melden/bijlagen/").content.decode()



def test_database_failure_on_submit_is_a_dutch_503_and_answers_are_kept(
    client, monkeypatch, django_capture_on_commit_callbacks
):
    from django.db import OperationalError

    from meldformulier import services

    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    check = fill_in(client)
    monkeypatch.setattr(services, "_store", locked)
    response = submit(client, check)
    assert response.status_code == 503
    assert "opnieuw" in response.content.decode()
    assert count() == 0
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(client, client.get("/melden/controleren/"))
    assert response.status_code == 303 and count() == 1


def test_answers_in_progress_are_encrypted_in_the_session_table(client):
    client.get("/melden/")
    assert client.cookies.get("sessionid") is None  # no session for a mere visit
    for step in ("soort", "onderwerp", "organisaties", "verhaal"):
        path = "/melden/" if step == "soort" else f"/melden/{step}/"
        client.post(path, {**ANSWERS[step], "description": "Zeer geheime zorgen"}
                    if step == "verhaal" else ANSWERS[step])
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session

    raw = Session.objects.get(session_key=client.cookies["sessionid"].value).session_data
    decoded = SessionStore().decode(raw)  # what anyone with the database could read
    assert "meldformulier" in decoded
    assert "geheime" not in repr(decoded) and "Thuiszorg" not in repr(decoded)
    assert "Zeer geheime zorgen" in client.get("/melden/verhaal/").content.decode()


def test_altcha_proof_of_work_when_switched_on(
    client, settings, django_capture_on_commit_callbacks
):
    import base64
    import json

    from altcha.v1 import solve_challenge

    settings.MELDINGEN_ALTCHA_ENABLED = False
    assert client.get("/melden/altcha/").status_code == 404
    settings.MELDINGEN_ALTCHA_ENABLED = True
    check = fill_in(client)
    assert "altcha.js" in check.content.decode()
    # Without a solution: refused with a Dutch message.
    response = submit(client, check)
    assert response.status_code == 400 and "spam" in response.content.decode()
    response = submit(client, check, altcha="bm9n")  # garbage
    assert response.status_code == 400
    challenge = client.get("/melden/altcha/").json()
    solution = solve_challenge(challenge["challenge"], challenge["salt"], challenge["algorithm"],
                               challenge["maxNumber"], 0)
    payload = base64.b64encode(json.dumps({
        "algorithm": challenge["algorithm"], "challenge": challenge["challenge"],
        "number": solution.number, "salt": challenge["salt"],
        "signature": challenge["signature"],
    }).encode()).decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert submit(client, check, altcha=payload).status_code == 303
    assert count() == 1
    # The same solution cannot be used again for another melding.
    check = fill_in(client)
    assert submit(client, check, altcha=payload).status_code == 400
    assert count() == 1


def test_rate_limit_uses_forwarded_address_only_from_a_trusted_proxy(rf, settings):
    from meldformulier.services import client_hash

    one = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5")
    two = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.6")
    settings.TRUSTED_PROXIES = []
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    assert client_hash(one) == client_hash(two)  # header not trusted from an unknown peer
    assert "10.0.0.1" not in client_hash(one)
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    assert client_hash(one) != client_hash(two)
