"""Issue 18: anonymous visitors cannot fill the disk. Uploads are limited per client and
period, the attachment folder has a total cap with a clear Dutch message, and files no
melding took are deleted within the hour by a planner job."""

import os
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from meldformulier import storage
from tests.meldformulier_helpers import ANSWERS, step_path

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


def start_form(client, address):
    for step in ("soort", "onderwerp", "organisaties", "verhaal", "eerder", "namens", "contact"):
        client.post(step_path(step), ANSWERS[step], REMOTE_ADDR=address)


def upload(client, address, count=1):
    files = [SimpleUploadedFile(f"b{n}.pdf", PDF) for n in range(count)]
    return client.post("/melden/bijlagen/", {"files": files, "actie": "toevoegen"},
                       REMOTE_ADDR=address)


def test_one_client_cannot_upload_without_limit_over_many_sessions(settings):
    from django.test import Client

    settings.MELDINGEN_UPLOADS_PER_CLIENT = 4
    statuses = []
    for _ in range(3):  # a new session each time, as a script would
        client = Client()
        start_form(client, "203.0.113.120")
        statuses.append(upload(client, "203.0.113.120", 2).status_code)
    assert statuses == [302, 302, 400]
    assert len(list(storage.root().iterdir())) == 4
    client = Client()
    start_form(client, "203.0.113.120")
    body = upload(client, "203.0.113.120").content.decode()
    assert "veel bestanden geüpload" in body
    other = Client()
    start_form(other, "203.0.113.121")
    assert upload(other, "203.0.113.121").status_code == 302


def test_total_cap_gives_a_clear_dutch_message(client, settings):
    settings.MELDINGEN_UPLOADS_TOTAL_MB = 1
    storage.root().mkdir(parents=True, exist_ok=True)
    (storage.root() / "vol.bin").write_bytes(b"0" * (1024 * 1024))
    start_form(client, "203.0.113.122")
    response = upload(client, "203.0.113.122")
    assert response.status_code == 400
    assert "geen bijlagen aannemen" in response.content.decode()
    assert "Stuur uw melding zonder bijlage" in response.content.decode()


def test_loose_files_go_within_the_hour(client):
    start_form(client, "203.0.113.123")
    assert upload(client, "203.0.113.123").status_code == 302
    (path,) = list(storage.root().iterdir())
    call_command("verwijder_losse_bijlagen", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert path.exists()  # a fresh upload stays: the resident is still busy
    hour_ago = time.time() - 3601
    os.utime(path, (hour_ago, hour_ago))
    call_command("verwijder_losse_bijlagen", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert not path.exists()
