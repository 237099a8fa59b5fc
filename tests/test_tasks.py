"""Background work goes through django-tasks: the database queue and a real worker process."""

import pytest
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from home.models import ContentPage

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.django_db(transaction=False)
def test_wagtail_tasks_are_queued_in_the_database_and_run_by_the_worker(
    django_capture_on_commit_callbacks, monkeypatch
):
    # The worker closes "old" connections between tasks; inside the test's transaction that
    # would close the test's own connection, so only that housekeeping is switched off here.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    with override_settings(TASKS=DATABASE_QUEUE):
        page = ContentPage.objects.get(slug="privacy", locale__language_code="nl")
        page.title = "Privacy en gegevens"
        with django_capture_on_commit_callbacks(execute=True):
            page.save_revision().publish()
        queued = DBTaskResult.objects.filter(status="READY")
        assert queued.exists(), "publishing should queue Wagtail's background tasks"
        names = set(queued.values_list("task_path", flat=True))
        assert any("wagtail" in name or "modelsearch" in name for name in names), names
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert not DBTaskResult.objects.filter(status="READY").exists()
    assert not DBTaskResult.objects.filter(status="FAILED").exists()
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() >= 1
