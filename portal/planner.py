"""Periodic background work: at each job's time the planner puts its task on the django-tasks
queue, and the worker (``manage.py db_worker``) runs it. ``make serve`` starts one planner.

Schedules are cron expressions in the site's time zone. ``PLANNER_<JOB NAME>`` in the
environment replaces a job's schedule (e.g. ``PLANNER_VERSTUUR_MELDINGMAILS="*/10 * * * *"``);
an empty value switches the job off. Every job is safe to run twice or late.
"""

import logging
import os
from dataclasses import dataclass

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from django.conf import settings
from django.utils.module_loading import import_string

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str  # also the management command that does the same work by hand
    task: str  # dotted path of a django-tasks task without arguments
    cron: str  # default schedule


JOBS = (
    # Retries of e-mails about meldingen, and e-mails a crashed worker left behind.
    Job("verstuur_meldingmails", "meldformulier.tasks.send_due_emails_task", "*/5 * * * *"),
    # Retention: meldingen some months after closing, attachments included.
    Job("verwijder_verlopen_meldingen", "meldformulier.tasks.delete_expired_meldingen",
        "15 3 * * *"),
    # Uploads no melding took (a visitor who left the form): gone within the hour.
    Job("verwijder_losse_bijlagen", "meldformulier.tasks.delete_loose_files_task",
        "*/15 * * * *"),
    # Newsletter editions whose sending stalled (a crashed worker): resumed, nobody twice.
    Job("hervat_nieuwsbrieven", "casussen.sending.resume_stalled_task", "*/15 * * * *"),
    # Registrations for learning sessions, 30 days after the session.
    Job("verwijder_oude_aanmeldingen", "kennisbank.tasks.delete_expired_registrations_task",
        "30 3 * * *"),
)


def schedule(job):
    """The job's cron expression: the environment's, else the default; "" means off."""
    return os.environ.get(f"PLANNER_{job.name.upper()}", job.cron).strip()


def trigger(job):
    """The job's CronTrigger, or None when it is switched off; ValueError on a bad schedule."""
    expression = schedule(job)
    if not expression:
        return None
    try:
        return CronTrigger.from_crontab(expression, timezone=settings.TIME_ZONE)
    except ValueError as error:
        raise ValueError(f"PLANNER_{job.name.upper()}={expression!r}: {error}") from error


def enqueue(job):
    """Put the job's task on the queue; returns the django-tasks result."""
    result = import_string(job.task).enqueue()
    log.info("planner: %s in de wachtrij (%s)", job.name, result.id)
    return result


def build_scheduler(scheduler_class=BlockingScheduler):
    scheduler = scheduler_class(timezone=settings.TIME_ZONE)
    for job in JOBS:
        job_trigger = trigger(job)
        if job_trigger is None:
            log.info("planner: %s staat uit", job.name)
            continue
        # A missed run (planner down) runs once when it is back, not once per missed time.
        scheduler.add_job(enqueue, job_trigger, args=[job], id=job.name, name=job.name,
                          coalesce=True, max_instances=1, misfire_grace_time=3600)
    return scheduler
