"""Load test of the intake form under `make serve`: many residents submit at the same time.

Starts the production server (gunicorn + task worker, `python -m portal.serve`) on a scratch
database, then N simulated residents, C at a time, each walk the whole form with their own
cookies and CSRF token (start page, eight question pages, check answers, send,
confirmation). On the organisations page each resident ticks a directory scheme of the
domain. A share of them sends the last form twice (a double click / replayed post).

Prints throughput, p95 latencies, and stored-versus-sent counts: every accepted submission
must be stored exactly once, with a unique reference number.

    .venv/bin/python -m benchmarks.intake_load [--submissions 500] [--clients 50]
        [--workers 3] [--replay 0.1] [--postgres]

Rate limiting is switched off for the run (MELDINGEN_RATE_LIMIT_ENABLED=false): all load
comes from one address. With --postgres a scratch database on 127.0.0.1:5432 is used.
"""

import argparse
import json
import re
import secrets
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import requests
from cryptography.fernet import Fernet

from benchmarks._server import ROOT, production_server

STEPS = [
    ("/melden/", {"kind": "klacht"}),
    ("/melden/onderwerp/", {"domain": "wmo"}),
    ("/melden/organisaties/", {"regelingen": ["klacht-wmo-aanbieder"],
                               "organisations": "Thuiszorg De Linde"}),
    ("/melden/verhaal/", {"description": "De hulp kwam drie weken niet. " * 20,
                          "wish": "Dat de hulp weer komt."}),
    ("/melden/eerder/", {"earlier_complaint": "nee"}),
    ("/melden/namens/", {"on_behalf": "zelf"}),
    ("/melden/contact/", {"contact": "email", "name": "Belasting Test",
                          "email": "belasting@example.org", "phone": "023 555 12 34"}),
    ("/melden/bijlagen/", {"actie": "doorgaan"}),
]
# Start page, a post and its redirect per question page, check page, send, confirmation.
FLOW_REQUESTS = 1 + 2 * len(STEPS) + 3
TOKEN_RE = re.compile(r'name="token" value="([0-9a-f-]{36})"')
REFERENCE_RE = re.compile(r"SLP-\d{4}-\d{5,6}")


class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies = []
        self.flows = []
        self.errors = []
        self.statuses = {}

    def request(self, session, method, url, **kwargs):
        start = time.perf_counter()
        response = session.request(method, url, allow_redirects=False, timeout=60, **kwargs)
        elapsed = time.perf_counter() - start
        with self.lock:
            self.latencies.append(elapsed)
            self.statuses[response.status_code] = self.statuses.get(response.status_code, 0) + 1
        return response


def submit_one(base, recorder, replay):
    """One resident; returns (reference or None, replayed reference or None)."""
    session = requests.Session()
    start = time.perf_counter()
    try:
        response = recorder.request(session, "GET", base + "/melden/")
        if response.status_code != 200:
            raise RuntimeError(f"start page {response.status_code}")
        for path, data in STEPS:
            csrf = session.cookies.get("csrftoken")
            response = recorder.request(
                session, "POST", base + path, data={**data, "csrfmiddlewaretoken": csrf}
            )
            if response.status_code != 302:
                raise RuntimeError(f"{path}: {response.status_code}")
            recorder.request(session, "GET", base + response.headers["Location"])
        check = recorder.request(session, "GET", base + "/melden/controleren/")
        token = TOKEN_RE.search(check.text).group(1)
        csrf = session.cookies["csrftoken"]
        final = {"token": token, "website": "", "csrfmiddlewaretoken": csrf}
        response = recorder.request(session, "POST", base + "/melden/controleren/", data=final)
        if response.status_code != 303:
            raise RuntimeError(f"send: {response.status_code}")
        replayed = None
        if replay:
            again = recorder.request(session, "POST", base + "/melden/controleren/", data=final)
            page = recorder.request(session, "GET", base + again.headers.get("Location", "/"))
            match = REFERENCE_RE.search(page.text)
            replayed = match.group(0) if match else "geen"
        page = recorder.request(session, "GET", base + "/melden/bevestiging/")
        reference = REFERENCE_RE.search(page.text).group(0)
        with recorder.lock:
            recorder.flows.append(time.perf_counter() - start)
        return reference, replayed
    except Exception as exc:  # counted and printed, never hidden
        with recorder.lock:
            recorder.errors.append(f"{type(exc).__name__}: {exc}")
        return None, None


def percentile(values, fraction):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def database_counts(env):
    script = (
        "import json; from meldformulier.models import Melding, Email; "
        "refs=list(Melding.objects.values_list('reference', flat=True)); "
        "scheme=Melding.objects.filter(regeling_keys__icontains='\"klacht-wmo-aanbieder\"'); "
        "print(json.dumps({'stored': len(refs), 'unique': len(set(refs)), 'refs': refs, "
        "'with_scheme': scheme.count(), "
        "'emails': {s: Email.objects.filter(status=s).count() for s in "
        "['wachtrij','bezig','verzonden','opnieuw','mislukt']}}))"
    )
    out = subprocess.run(
        [sys.executable, "manage.py", "shell", "-v0", "-c", script], cwd=ROOT, env=env,
        capture_output=True, text=True, check=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def scratch_postgres():
    import psycopg

    name = f"slp_intake_bench_{secrets.token_hex(4)}"
    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as c:
        c.execute(f'CREATE DATABASE "{name}"')
    return name, f"postgres://postgres@127.0.0.1:5432/{name}"


def drop_postgres(name):
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--submissions", type=int, default=500)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--replay", type=float, default=0.1,
                        help="share of residents that send the last form twice")
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()

    pg_name, database_url = (None, None)
    if args.postgres:
        pg_name, database_url = scratch_postgres()
    extra_env = {
        "MELDINGEN_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "MELDINGEN_RATE_LIMIT_ENABLED": "false",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "LOG_LEVEL": "WARNING",
    }
    try:
        with production_server(args.workers, database_url, extra_env) as (base, env):
            recorder = Recorder()
            step = max(1, round(1 / args.replay)) if args.replay > 0 else 0
            replays = set(range(0, args.submissions, step)) if step else set()
            start = time.perf_counter()
            with ThreadPoolExecutor(max_workers=args.clients) as pool:
                results = list(pool.map(
                    lambda i: submit_one(base, recorder, i in replays), range(args.submissions)
                ))
            duration = time.perf_counter() - start
            # Give the task worker a moment to send the e-mails.
            counts = database_counts(env)
            for _ in range(60):
                if counts["emails"]["wachtrij"] + counts["emails"]["bezig"] == 0:
                    break
                time.sleep(1)
                counts = database_counts(env)
    finally:
        if pg_name:
            drop_postgres(pg_name)

    references = [ref for ref, _ in results if ref]
    replayed = [(ref, again) for ref, again in results if again is not None]
    replay_ok = sum(1 for ref, again in replayed if ref == again)
    database = "PostgreSQL" if args.postgres else "SQLite"
    print(f"intake load: {args.submissions} residents, {args.clients} at a time, "
          f"{args.workers} gunicorn workers, {database}")
    print(f"  duration            {duration:8.1f} s")
    print(f"  throughput          {len(references) / duration:8.1f} submissions/s "
          f"({len(recorder.latencies) / duration:.0f} requests/s)")
    print(f"  request latency     p50 {statistics.median(recorder.latencies) * 1000:6.0f} ms   "
          f"p95 {percentile(recorder.latencies, 0.95) * 1000:6.0f} ms   "
          f"max {max(recorder.latencies) * 1000:6.0f} ms")
    print(f"  whole form ({FLOW_REQUESTS} req) "
          f"p50 {statistics.median(recorder.flows) * 1000:6.0f} ms   "
          f"p95 {percentile(recorder.flows, 0.95) * 1000:6.0f} ms")
    print(f"  HTTP statuses       {dict(sorted(recorder.statuses.items()))}")
    print(f"  sent                {args.submissions}")
    print(f"  accepted            {len(references)} (confirmation with a reference)")
    print(f"  stored              {counts['stored']} ({counts['unique']} unique references)")
    print(f"  replayed sends      {len(replayed)}, same confirmation: {replay_ok}")
    print(f"  with chosen scheme  {counts['with_scheme']} of {counts['stored']} stored")
    print(f"  e-mails             {counts['emails']}")
    if recorder.errors:
        print(f"  errors              {len(recorder.errors)}, e.g. {recorder.errors[:3]}")
    exactly_once = (
        counts["stored"] == len(references) == counts["unique"]
        and set(counts["refs"]) == set(references) and replay_ok == len(replayed)
        and counts["with_scheme"] == counts["stored"]
    )
    print(f"  every accepted submission stored exactly once: {'yes' if exactly_once else 'NO'}")
    return 0 if exactly_once and not recorder.errors else 1


if __name__ == "__main__":
    sys.exit(main())
