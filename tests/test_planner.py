"""The planner of periodic background work: schedules, the queue and the worker doing the work."""

import os
import subprocess
import sys
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command, get_commands
from django.core.management.base import CommandError
from django.utils import timezone
from django_tasks.base import Task
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from meldformulier.models import Email, Melding, ReferenceCounter
from meldformulier.retention import months_ago
from portal import planner

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def job(name):
    return next(j for j in planner.JOBS if j.name == name)


def next_time(name, after):
    return planner.trigger(job(name)).get_next_fire_time(None, after)


def make_melding(**kwargs):
    return Melding.objects.create(**{
        "reference": ReferenceCounter.next_reference(), "idempotency_token": uuid.uuid4(),
        "kind": "klacht", "description": "tekst", "earlier_complaint": "nee",
        "on_behalf": "zelf", "contact": "email", "email": "a@example.org", **kwargs,
    })


def test_every_job_is_a_task_and_has_a_command_for_doing_it_by_hand():
    from django.utils.module_loading import import_string

    commands = get_commands()
    assert {j.name for j in planner.JOBS} == {
        "verstuur_meldingmails", "verwijder_verlopen_meldingen", "verwijder_oude_aanmeldingen",
        "hervat_nieuwsbrieven", "verwijder_losse_bijlagen",
    }
    for each in planner.JOBS:
        assert isinstance(import_string(each.task), Task), each.task
        assert each.name in commands, each.name


def test_default_schedules():
    morning = datetime(2026, 12, 1, 10, 2, tzinfo=AMSTERDAM)
    assert next_time("verstuur_meldingmails", morning) == morning.replace(minute=5)
    assert next_time("verwijder_verlopen_meldingen", morning) == datetime(
        2026, 12, 2, 3, 15, tzinfo=AMSTERDAM)
    assert next_time("verwijder_oude_aanmeldingen", morning) == datetime(
        2026, 12, 2, 3, 30, tzinfo=AMSTERDAM)
    # Local time, also across the change to summer time.
    spring = datetime(2027, 3, 27, 12, 0, tzinfo=AMSTERDAM)
    assert next_time("verwijder_verlopen_meldingen", spring).utcoffset() == timedelta(hours=2)


def test_scheduler_plans_each_job_once_and_coalesces_missed_runs():
    from apscheduler.schedulers.background import BackgroundScheduler

    scheduler = planner.build_scheduler(BackgroundScheduler)
    jobs = {j.id: j for j in scheduler.get_jobs()}
    assert set(jobs) == {j.name for j in planner.JOBS}
    for name, planned in jobs.items():
        assert planned.func is planner.enqueue and planned.args == (job(name),)
        assert planned.coalesce and planned.max_instances == 1


def test_environment_changes_or_switches_off_a_schedule(monkeypatch):
    from apscheduler.schedulers.background import BackgroundScheduler

    monkeypatch.setenv("PLANNER_VERSTUUR_MELDINGMAILS", "0 * * * *")
    monkeypatch.setenv("PLANNER_VERWIJDER_OUDE_AANMELDINGEN", "")
    morning = datetime(2026, 12, 1, 10, 2, tzinfo=AMSTERDAM)
    assert next_time("verstuur_meldingmails", morning) == morning.replace(hour=11, minute=0)
    assert planner.trigger(job("verwijder_oude_aanmeldingen")) is None
    ids = {j.id for j in planner.build_scheduler(BackgroundScheduler).get_jobs()}
    assert ids == {"verstuur_meldingmails", "verwijder_verlopen_meldingen", "hervat_nieuwsbrieven",
                   "verwijder_losse_bijlagen"}

    monkeypatch.setenv("PLANNER_VERSTUUR_MELDINGMAILS", "elke vijf minuten")
    with pytest.raises(CommandError, match="PLANNER_VERSTUUR_MELDINGMAILS"):
        call_command("planner", "--lijst", stdout=open(os.devnull, "w"))


def test_planned_jobs_go_through_the_database_queue_and_the_worker_does_the_work(
    settings, monkeypatch
):
    # See tests/test_tasks.py: the worker's connection housekeeping is off inside a test.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    settings.TASKS = DATABASE_QUEUE
    settings.EMAIL_BACKEND = "anymail.backends.test.EmailBackend"
    mail.outbox = []
    retry = Email.objects.create(melding=make_melding(), kind="medewerkers", status="opnieuw",
                                 attempts=1, next_attempt_at=timezone.now() - timedelta(1))
    expired = make_melding(status="gesloten", uitkomst="informatie",
                           closed_at=months_ago(timezone.now(), 13))
    before = set(DBTaskResult.objects.values_list("pk", flat=True))

    call_command("planner", "--nu", stdout=open(os.devnull, "w"))

    queued = DBTaskResult.objects.exclude(pk__in=before)
    assert sorted(queued.values_list("task_path", flat=True)) == sorted(
        j.task for j in planner.JOBS)
    assert set(queued.values_list("status", flat=True)) == {"READY"}
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert set(queued.values_list("status", flat=True)) == {"SUCCESSFUL"}
    retry.refresh_from_db()
    assert retry.status == "verzonden" and len(mail.outbox) == 1
    assert not Melding.objects.filter(pk=expired.pk).exists()


def _manage(*args, env=None):
    return subprocess.Popen(
        [sys.executable, "manage.py", "planner", *args], cwd=ROOT, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test", **(env or {})},
    )


def test_planner_process_lists_its_jobs_and_keeps_running():
    listing = _manage("--lijst", env={"PLANNER_VERWIJDER_OUDE_AANMELDINGEN": ""})
    out, err = listing.communicate(timeout=60)
    assert listing.returncode == 0, err
    rows = dict(line.split("\t", 1) for line in out.splitlines())
    assert rows["verstuur_meldingmails"].startswith("*/5 * * * *\t")
    assert rows["verwijder_oude_aanmeldingen"] == "-\tuit"

    # A schedule that does not fire during the test (the process has no test database).
    running = _manage(env={f"PLANNER_{j.name.upper()}": "0 0 1 1 *" for j in planner.JOBS})
    try:
        assert running.stdout.readline().strip() == f"planner: {len(planner.JOBS)} taken ingepland"
        assert running.poll() is None  # it waits for the next job instead of stopping
    finally:
        running.terminate()
        running.wait(timeout=30)


def test_make_serve_starts_web_worker_and_planner():
    from portal import serve

    table, _proxy = serve.programs("127.0.0.1", "8000", 3, proxy=False)
    assert [table[name][1:3] for name in ("web", "worker", "planner")] == [
        ["-m", "gunicorn"], ["manage.py", "db_worker"], ["manage.py", "planner"]]
