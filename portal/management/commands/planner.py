"""Run the planner of periodic background work (see portal/planner.py)."""

from django.core.management.base import BaseCommand, CommandError

from portal.planner import JOBS, build_scheduler, enqueue, schedule, trigger


class Command(BaseCommand):
    help = "Zet periodieke taken op hun tijd in de takenwachtrij (de worker voert ze uit)."

    def add_arguments(self, parser):
        parser.add_argument("--lijst", action="store_true",
                            help="Toon de taken met hun schema en volgende tijd, en stop.")
        parser.add_argument("--nu", action="store_true",
                            help="Zet alle ingeschakelde taken nu in de wachtrij, en stop.")

    def handle(self, *args, **options):
        try:
            triggers = {job.name: trigger(job) for job in JOBS}
        except ValueError as error:
            raise CommandError(str(error)) from error
        if options["lijst"]:
            from django.utils import timezone

            now = timezone.localtime()
            for job in JOBS:
                job_trigger = triggers[job.name]
                upcoming = job_trigger.get_next_fire_time(None, now) if job_trigger else None
                when = upcoming.isoformat(timespec="minutes") if upcoming else "uit"
                self.stdout.write(f"{job.name}\t{schedule(job) or '-'}\t{when}")
            return
        if options["nu"]:
            for job in JOBS:
                if triggers[job.name] is not None:
                    result = enqueue(job)
                    self.stdout.write(f"{job.name}: taak {result.id} in de wachtrij")
            return
        scheduler = build_scheduler()
        self.stdout.write(f"planner: {len(scheduler.get_jobs())} taken ingepland")
        self.stdout.flush()
        try:
            scheduler.start()
        except (KeyboardInterrupt, SystemExit):
            pass
