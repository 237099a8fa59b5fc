"""Issue 18: nothing readable. After a full journey (search, melding with an attachment,
staff viewing, downloading and exporting it) the raw database - every table, sessions
decoded - and the logs hold none of the planted personal values. Also: the audit log names
no files, the organisation answer is encrypted (migration keeps every row), and the log
redaction of addresses, query strings and token URLs used by the app and gunicorn."""

import importlib
import logging
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group, User
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from meldformulier.models import STAFF_GROUP, Inzage, Melding
from portal import privatelog
from tests.meldformulier_helpers import ANSWERS, step_path, submit

pytestmark = pytest.mark.django_db

PLANTED = {
    "name": "Wilhelmina Plantinga",
    "email": "w.plantinga@voorbeeld.example",
    "phone": "06 98765432",
    "organisation": "Stichting Zonnebloemhof",
    "description": "Mijn buurman Evert Zwaneveld kreeg geen traplift",
    "wish": "Excuses van Zonnebloemhof",
    "filename": "brief-plantinga-bsn.pdf",
    "address": "198.51.100.173",
    "search": "schuld Zwaneveld",
}


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def raw_dump():
    """Every row of every table as stored, plus the decoded session data."""
    parts = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            parts.append(repr(cursor.fetchall()))
    for session in Session.objects.all():
        parts.append(repr(SessionStore().decode(session.session_data)))
    return "\n".join(parts)


def test_full_journey_leaves_nothing_readable_in_database_and_logs(
        client, caplog, django_capture_on_commit_callbacks):
    caplog.set_level(logging.INFO)
    handler = logging.StreamHandler()
    handler.addFilter(privatelog.RedactingFilter())
    env = {"REMOTE_ADDR": PLANTED["address"]}
    client.get("/zoeken/", {"q": PLANTED["search"]}, **env)
    answers = {
        **ANSWERS,
        "organisaties": {"organisations": PLANTED["organisation"]},
        "verhaal": {"description": PLANTED["description"], "wish": PLANTED["wish"]},
        "contact": {"contact": "email", "name": PLANTED["name"], "email": PLANTED["email"],
                    "phone": PLANTED["phone"], "reachable_when": "ochtend"},
    }
    for step, data in answers.items():
        if step == "bijlagen":
            data = {"files": [SimpleUploadedFile(PLANTED["filename"], b"%PDF-1.4\n%%EOF\n")],
                    "actie": "doorgaan"}
        assert client.post(step_path(step), data, **env).status_code == 302, step
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(client, client.get("/melden/controleren/", **env), **env)
    assert response.status_code == 303
    melding = Melding.objects.order_by("-pk").first()
    assert melding.organisations == PLANTED["organisation"]  # readable through the app only
    bijlage = melding.bijlagen.get()
    # Staff open it, download the attachment and export.
    staff = User.objects.create_user("medewerker-journey", password="x")
    staff.groups.add(Group.objects.get(name=STAFF_GROUP))
    client.force_login(staff)
    assert client.get(f"/admin/meldingen/{melding.pk}/").status_code == 200
    assert client.get(f"/admin/meldingen/{melding.pk}/bijlagen/{bijlage.pk}/").status_code == 200
    assert client.get("/admin/meldingen/export/").status_code == 200
    assert client.get("/admin/meldingen/", {"organisation": "zonnebloem"}).status_code == 200
    assert Inzage.objects.filter(reference=melding.reference, action="bijlage").exists()
    client.logout()

    dump = raw_dump()
    logs = "\n".join(handler.format(record) for record in caplog.records
                     if handler.filter(record))
    for label, value in PLANTED.items():
        if label == "search":
            value = "Zwaneveld"
        assert value not in dump, f"{label} readable in the database"
        assert value.lower() not in dump.lower(), f"{label} readable in the database"
        assert value not in logs, f"{label} readable in the logs"


def test_staff_search_still_finds_the_encrypted_organisation(client):
    from tests.test_meldformulier_admin import make_melding

    melding = make_melding(organisations="Jeugdzorg Noordkaap")
    with connection.cursor() as cursor:
        cursor.execute("SELECT organisations FROM meldformulier_melding WHERE id = %s",
                       [melding.pk])
        assert "Noordkaap" not in cursor.fetchone()[0]
    user = User.objects.create_user("zoeker", password="x")
    user.groups.add(Group.objects.get(name=STAFF_GROUP))
    client.force_login(user)
    body = client.get("/admin/meldingen/", {"organisation": "noordkaap"}).content.decode()
    assert melding.reference in body


def test_migration_encrypts_every_existing_organisation_answer():
    from tests.test_meldformulier_admin import make_melding

    migration = importlib.import_module("meldformulier.migrations.0005_encrypt_organisations")
    rows = [make_melding(organisations=f"Oude tekst {n}") for n in range(3)]
    empty = make_melding(organisations="")
    with connection.cursor() as cursor:  # as the rows were before the migration: plain text
        for melding in rows:
            cursor.execute("UPDATE meldformulier_melding SET organisations = %s WHERE id = %s",
                           [f"Oude tekst {melding.pk}", melding.pk])
    before = Melding.objects.count()
    migration.encrypt(None, SimpleNamespace(connection=connection))
    assert Melding.objects.count() == before
    for melding in rows:
        assert Melding.objects.get(pk=melding.pk).organisations == f"Oude tekst {melding.pk}"
    assert Melding.objects.get(pk=empty.pk).organisations == ""
    migration.decrypt(None, SimpleNamespace(connection=connection))
    with connection.cursor() as cursor:
        cursor.execute("SELECT organisations FROM meldformulier_melding WHERE id = %s",
                       [rows[0].pk])
        assert cursor.fetchone()[0] == f"Oude tekst {rows[0].pk}"
    migration.encrypt(None, SimpleNamespace(connection=connection))


def test_audit_log_names_no_attachment_and_old_names_are_dropped():
    from tests.test_meldformulier_admin import make_melding

    melding = make_melding()
    Inzage.log(None, Inzage.Actie.BIJLAGE, melding.reference, "oud-bestand-jansen.pdf")
    migration = importlib.import_module("meldformulier.migrations.0006_inzage_without_file_names")
    from django.apps import apps

    migration.forget_file_names(apps, None)
    assert not Inzage.objects.filter(detail__icontains="jansen").exists()


@pytest.mark.parametrize("line, hidden", [
    ("GET /zoeken/?q=schuld+Zwaneveld HTTP/1.1", "Zwaneveld"),
    ("GET /nieuwsbrief/afmelden/Xk2v9QaLmP0sTuvW3yZ12ab/ HTTP/1.1", "Xk2v9QaLmP0sTuvW3yZ12ab"),
    ("GET /en/kennisbank/aanmelding/abc123/ HTTP/1.1", "abc123"),
    ("mail to w.plantinga@voorbeeld.example failed", "plantinga"),
    ("client 198.51.100.173 said", "198.51.100.173"),
    ("client 2001:db8:aa:bb::17 said", "bb::17"),
])
def test_log_redaction(line, hidden):
    assert hidden not in privatelog.redact_text(line)


def test_gunicorn_access_log_truncates_the_address_and_drops_queries_and_tokens():
    from gunicorn.config import Config

    logger = privatelog.GunicornLogger(Config())
    environ = {"REMOTE_ADDR": "198.51.100.173", "REQUEST_METHOD": "GET",
               "PATH_INFO": "/nieuwsbrief/bevestigen/Xk2v9QaLmP0sTuvW3yZ12ab/",
               "QUERY_STRING": "q=Zwaneveld", "SERVER_PROTOCOL": "HTTP/1.1",
               "HTTP_REFERER": "https://example.org/zoeken/?q=Zwaneveld",
               "RAW_URI": "/nieuwsbrief/bevestigen/Xk2v9QaLmP0sTuvW3yZ12ab/?q=Zwaneveld"}
    response = SimpleNamespace(status="200 OK", response_length=10, headers=[], sent=10)
    request = SimpleNamespace(headers=[])
    from datetime import timedelta

    atoms = logger.atoms(response, request, environ, timedelta(seconds=0.01))
    line = privatelog.ACCESS_LOG_FORMAT % atoms
    assert "198.51.100.0" in line and "198.51.100.173" not in line
    assert "Zwaneveld" not in line and "Xk2v9Q" not in line
    assert "/nieuwsbrief/bevestigen/:token/" in line
