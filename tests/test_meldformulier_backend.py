"""What happens behind the form: e-mail retries, retention, encryption keys, concurrency."""

import os
import subprocess
import sys
import threading
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from anymail.backends.test import EmailBackend as AnymailTestBackend
from anymail.exceptions import AnymailAPIError
from cryptography.fernet import Fernet
from django.core import mail
from django.core.management import call_command
from django.db import connection, connections
from django.utils import timezone

from kennisbank.models import Thema
from meldformulier import crypto, services, storage
from meldformulier.models import (
    Bijlage,
    Email,
    Inzage,
    Melding,
    MeldingTelling,
    ReferenceCounter,
)
from meldformulier.retention import delete_expired, months_ago
from meldformulier.stats import kwartaalcijfers
from tests.meldformulier_helpers import fill_in, submit
from verwijsgids.models import Domein

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent


class FailingBackend(AnymailTestBackend):
    """The e-mail provider is down: every send raises an API error."""

    def post_to_esp(self, payload, message):
        raise AnymailAPIError("provider niet bereikbaar (test)")


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def outbox():
    mail.outbox = []
    return mail.outbox


def make_melding(**kwargs):
    defaults = {
        "reference": ReferenceCounter.next_reference(), "idempotency_token": uuid.uuid4(),
        "kind": "klacht", "description": "tekst", "earlier_complaint": "nee",
        "on_behalf": "zelf", "contact": "email", "email": "a@example.org",
    }
    defaults.update(kwargs)
    return Melding.objects.create(**defaults)


# --- e-mail: provider failure, retries, crashed workers --------------------------------


def test_provider_failure_keeps_melding_and_retries_later(
    client, settings, outbox, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.test_meldformulier_backend.FailingBackend"
    check = fill_in(client)
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(client, check)
    # The resident sees the confirmation; the melding is stored.
    assert response.status_code == 303
    melding = Melding.objects.get()
    assert melding.reference in client.get("/melden/bevestiging/").content.decode()
    emails = list(Email.objects.filter(melding=melding))
    assert len(emails) == 2
    for email in emails:
        assert email.status == "opnieuw" and email.attempts == 1
        assert "provider niet bereikbaar" in email.last_error
        assert email.next_attempt_at > timezone.now()
    # Not due yet: the periodic command leaves them alone.
    call_command("verstuur_meldingmails", stdout=open(os.devnull, "w"))
    assert Email.objects.filter(status="opnieuw").count() == 2
    # The provider is back and the back-off has passed: the command sends them.
    settings.EMAIL_BACKEND = "anymail.backends.test.EmailBackend"
    Email.objects.update(next_attempt_at=timezone.now() - timedelta(seconds=1))
    call_command("verstuur_meldingmails", stdout=open(os.devnull, "w"))
    assert set(Email.objects.values_list("status", flat=True)) == {"verzonden"}
    assert sorted(m.to[0] for m in outbox) == ["jantje@example.org", "team@signaleerpunt.nl"]
    assert Email.objects.filter(attempts=2).count() == 2


def test_back_off_grows_and_gives_up_after_max_attempts(settings):
    from meldformulier.tasks import backoff, deliver

    assert backoff(1) < backoff(2) < backoff(3)
    settings.EMAIL_BACKEND = "tests.test_meldformulier_backend.FailingBackend"
    settings.MELDINGEN_EMAIL_MAX_ATTEMPTS = 3
    email = Email.objects.create(melding=make_melding(), kind="medewerkers")
    for expected in ("opnieuw", "opnieuw", "mislukt"):
        Email.objects.filter(pk=email.pk).update(next_attempt_at=timezone.now())
        assert deliver(email.pk) == expected
    email.refresh_from_db()
    assert email.attempts == 3
    # Given up: no further attempts, but still visible for staff.
    assert deliver(email.pk) == "mislukt"


def test_email_left_by_a_crashed_worker_is_sent_again(outbox):
    email = Email.objects.create(melding=make_melding(), kind="medewerkers", status="bezig",
                                 claimed_at=timezone.now() - timedelta(hours=1))
    recent = Email.objects.create(melding=make_melding(), kind="medewerkers", status="bezig",
                                  claimed_at=timezone.now())
    call_command("verstuur_meldingmails", stdout=open(os.devnull, "w"))
    email.refresh_from_db()
    recent.refresh_from_db()
    assert email.status == "verzonden"
    assert recent.status == "bezig"  # possibly still being sent by a live worker
    assert len(outbox) == 1


def test_queue_down_at_enqueue_loses_nothing(
    client, monkeypatch, outbox, django_capture_on_commit_callbacks
):
    from django_tasks.backends.immediate import ImmediateBackend

    def broken(*args, **kwargs):
        raise ConnectionError("queue down")

    monkeypatch.setattr(ImmediateBackend, "enqueue", broken)
    check = fill_in(client)
    with django_capture_on_commit_callbacks(execute=True):
        assert submit(client, check).status_code == 303
    assert Melding.objects.count() == 1
    assert set(Email.objects.values_list("status", flat=True)) == {"wachtrij"}
    call_command("verstuur_meldingmails", stdout=open(os.devnull, "w"))
    assert len(outbox) == 2


def test_sent_email_is_never_sent_twice(outbox):
    from meldformulier.tasks import deliver

    email = Email.objects.create(melding=make_melding(), kind="bevestiging")
    assert deliver(email.pk) == "verzonden"
    assert deliver(email.pk) == "verzonden"
    assert len(outbox) == 1


# --- retention and quarterly counts ------------------------------------------------------


def test_expired_meldingen_are_deleted_with_files_and_counted(private_media, settings):
    settings.MELDINGEN_BEWAARTERMIJN_MAANDEN = 12
    now = timezone.now()
    thema = Thema.objects.get(key="paarse-krokodil")
    old = make_melding(domain=Domein.objects.get(key="jeugd"), status="gesloten",
                       uitkomst="opgelost", paarse_krokodil=True,
                       closed_at=months_ago(now, 13))
    old.themes.add(thema)
    Melding.objects.filter(pk=old.pk).update(created_at=months_ago(now, 14))
    name = storage.save(b"%PDF-1.4 oud")
    Bijlage.objects.create(melding=old, stored_name=name, filename="oud.pdf",
                           content_type="application/pdf", size=12)
    recent = make_melding(status="gesloten", uitkomst="informatie",
                          closed_at=months_ago(now, 11))
    still_open = make_melding(status="in_behandeling")
    old.refresh_from_db()
    year, quarter = old.quarter
    before = kwartaalcijfers(year, quarter)
    assert before["total"] >= 1

    out = open(os.devnull, "w")
    call_command("verwijder_verlopen_meldingen", stdout=out)

    assert not Melding.objects.filter(pk=old.pk).exists()
    assert Melding.objects.filter(pk__in=[recent.pk, still_open.pk]).count() == 2
    assert not storage.exists(name)
    assert not Bijlage.objects.filter(stored_name=name).exists()
    telling = MeldingTelling.objects.get(year=year, quarter=quarter, theme_key="")
    assert (telling.kind, telling.domain_key, telling.uitkomst, telling.count) == (
        "klacht", "jeugd", "opgelost", 1
    )
    assert MeldingTelling.objects.get(theme_key="paarse-krokodil").count == 1
    # The quarterly figures are the same after deletion.
    assert kwartaalcijfers(year, quarter) == before
    assert Inzage.objects.filter(action="verwijderd", reference=old.reference).exists()
    # Idempotent.
    call_command("verwijder_verlopen_meldingen", stdout=out)
    assert MeldingTelling.objects.get(year=year, quarter=quarter, theme_key="").count == 1


def test_orphaned_upload_files_are_removed(private_media):
    name = storage.save(b"%PDF-1.4 los")
    path = private_media / "meldingen" / name
    os.utime(path, (0, 0))
    kept = storage.save(b"%PDF-1.4 nieuw")
    result = delete_expired()
    assert result["bestanden"] == 1
    assert not path.exists() and storage.exists(kept)


def test_months_ago_handles_month_ends():
    moment = timezone.now().replace(year=2026, month=3, day=31)
    assert months_ago(moment, 1).date().isoformat() == "2026-02-28"
    assert months_ago(moment, 12).date().isoformat() == "2025-03-31"


# --- encryption keys ---------------------------------------------------------------------


def test_key_rotation(settings):
    old_key, new_key = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.MELDINGEN_ENCRYPTION_KEYS = [old_key]
    melding = make_melding(name="Roos Rotatie")
    settings.MELDINGEN_ENCRYPTION_KEYS = [new_key, old_key]
    assert Melding.objects.get(pk=melding.pk).name == "Roos Rotatie"
    call_command("roteer_meldingsleutels", stdout=open(os.devnull, "w"))
    settings.MELDINGEN_ENCRYPTION_KEYS = [new_key]
    assert Melding.objects.get(pk=melding.pk).name == "Roos Rotatie"
    settings.MELDINGEN_ENCRYPTION_KEYS = [old_key]
    with pytest.raises(crypto.DecryptionError):
        Melding.objects.get(pk=melding.pk)


def _start_production(extra_env):
    env = {
        **os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "p" * 64, "DATABASE_URL": "sqlite:////tmp/slp-meldformulier-check.db",
    }
    env.pop("MELDINGEN_ENCRYPTION_KEYS", None)
    env.update(extra_env)
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('ok')"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )


def test_production_refuses_to_start_without_encryption_key():
    result = _start_production({})
    assert result.returncode != 0
    assert "MELDINGEN_ENCRYPTION_KEYS" in result.stderr
    result = _start_production({"MELDINGEN_ENCRYPTION_KEYS": "geen-geldige-sleutel"})
    assert result.returncode != 0
    result = _start_production({"MELDINGEN_ENCRYPTION_KEYS": Fernet.generate_key().decode()})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


# --- reference numbers under concurrency ---------------------------------------------------


def test_references_are_sequential_and_never_reused():
    first = ReferenceCounter.next_reference(year=2990)
    second = ReferenceCounter.next_reference(year=2990)
    assert (first, second) == ("SLP-2990-00001", "SLP-2990-00002")
    # Deleting a melding does not free its number.
    melding = make_melding(reference=ReferenceCounter.next_reference(year=2990))
    melding.delete()
    assert ReferenceCounter.next_reference(year=2990) == "SLP-2990-00004"


def _in_threads(count, target):
    results, errors = [], []
    barrier = threading.Barrier(count)

    def run(index):
        try:
            barrier.wait(timeout=10)
            results.append(target(index))
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results, errors


postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="threads need a server database (PostgreSQL)"
)


@postgres_only
def test_concurrent_reference_numbers_are_unique_on_postgresql():
    year = 2991

    def take(_index):
        return [ReferenceCounter.next_reference(year=year) for _ in range(25)]

    try:
        results, errors = _in_threads(20, take)
        assert not errors, errors
        references = [ref for batch in results for ref in batch]
        assert len(references) == 500
        assert len(set(references)) == 500
        assert sorted(references)[-1] == f"SLP-{year}-00500"
    finally:
        _in_threads(1, lambda _i: ReferenceCounter.objects.filter(year=year).delete())


@postgres_only
def test_concurrent_double_submit_creates_one_melding_on_postgresql():
    token = uuid.uuid4()
    data = {"kind": "klacht", "description": "Gelijktijdig", "earlier_complaint": "nee",
            "on_behalf": "zelf", "contact": "anoniem", "domain": "wmo"}

    def create(_index):
        melding, created = services.create_melding(data, [], token)
        return melding.pk, created

    try:
        results, errors = _in_threads(8, create)
        assert not errors, errors
        assert len({pk for pk, _created in results}) == 1
        assert sum(created for _pk, created in results) == 1
    finally:
        _in_threads(1, lambda _i: Melding.objects.filter(idempotency_token=token).delete())


# --- the real database queue and worker ---------------------------------------------------


DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_emails_go_through_the_database_queue_and_failures_are_deferred(
    client, settings, outbox, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = DATABASE_QUEUE
    settings.EMAIL_BACKEND = "tests.test_meldformulier_backend.FailingBackend"
    check = fill_in(client)
    with django_capture_on_commit_callbacks(execute=True):
        assert submit(client, check).status_code == 303
    queued = DBTaskResult.objects.filter(task_path="meldformulier.tasks.send_email")
    assert queued.filter(status="READY").count() == 2
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    # The provider failed: each e-mail is rescheduled for later with back-off.
    assert set(Email.objects.values_list("status", flat=True)) == {"opnieuw"}
    deferred = queued.filter(status="READY")
    assert deferred.count() == 2
    assert all(task.run_after and task.run_after > timezone.now() for task in deferred)
    # Later, with the provider back, the deferred tasks send them.
    settings.EMAIL_BACKEND = "anymail.backends.test.EmailBackend"
    Email.objects.update(next_attempt_at=timezone.now())
    deferred.update(run_after=timezone.now() - timedelta(seconds=1))
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert set(Email.objects.values_list("status", flat=True)) == {"verzonden"}
    assert len(outbox) == 2
