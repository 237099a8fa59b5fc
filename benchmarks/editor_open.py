"""How fast the page editor opens a case story under `make serve`, and the memory of each
web worker (the personal-data engine is loaded once, before serving: portal/wsgi.py).

Starts the production server (gunicorn, 3 workers) on a scratch SQLite database with the
demo content, logs in as a superuser and opens the editor of a case story: first a burst
of one request per worker (each worker's first open), then sequential later opens.
Prints server start time, first and later open times, and per web worker its resident
memory (RSS) and the part no other process shares (USS, from /proc/<pid>/smaps_rollup:
Private_Clean + Private_Dirty).

    .venv/bin/python -m benchmarks.editor_open [--opens 10] [--workers 3] [--reuse DIR]
    PII_PRELOAD=false .venv/bin/python -m benchmarks.editor_open   # the old behaviour:
        the engine loaded lazily inside the first request of each worker

Needs the engine's lookup data (`make serve` builds it; or `manage.py build_pii_data`).
"""

import argparse
import concurrent.futures
import http.client
import http.cookiejar
import os
import re
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

from benchmarks._server import ROOT, production_server

SLUG = "taxi-komt-niet"


def children(pid):
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def memory_mb(pid):
    values = {}
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return None  # the worker is gone (gunicorn killed it at its timeout)
    for line in rollup.splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[1].isdigit():
            values[parts[0].rstrip(":")] = int(parts[1]) / 1024
    return values["Rss"], values.get("Private_Clean", 0) + values.get("Private_Dirty", 0)


def gunicorn_pids(serve_pid):
    for pid in children(serve_pid):
        cmd = Path(f"/proc/{pid}/cmdline").read_bytes()
        if b"gunicorn" in cmd:
            return pid, sorted(children(pid))
    raise RuntimeError("no gunicorn master found")


def login(base, env):
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c",
         "from django.contrib.auth import get_user_model as g; "
         "g().objects.filter(username='bench').exists() or "
         "g().objects.create_superuser('bench', 'bench@example.org', 'bench-pass-1')"],
        cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL,
    )
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base + "/admin/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode({"username": "bench", "password": "bench-pass-1",
                                   "csrfmiddlewaretoken": token, "next": "/admin/"}).encode()
    request = urllib.request.Request(base + "/admin/login/", data=data,
                                     headers={"Referer": base + "/admin/login/"})
    opener.open(request).read()
    case_id = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c",
         f"from casussen.models import Casus; print(Casus.objects.get(slug='{SLUG}').pk)"],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    ).stdout.strip().splitlines()[-1]
    home_id = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c",
         "from home.models import HomePage; print(HomePage.objects.first().pk)"],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    ).stdout.strip().splitlines()[-1]
    return opener, f"{base}/admin/pages/{case_id}/edit/", f"{base}/admin/pages/{home_id}/edit/"


def timed_open(opener, url):
    started = time.perf_counter()
    try:
        with opener.open(url, timeout=600) as response:
            body = response.read().decode()
            status = response.status
    except urllib.error.HTTPError as error:
        body, status = "", error.code
    except (OSError, http.client.HTTPException) as error:  # a worker killed mid-request
        body, status = "", type(error).__name__
    seconds = time.perf_counter() - started
    return seconds, status, "Privacycontrole" in body


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--opens", type=int, default=10)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--reuse", help="scratch directory of an earlier run (skips set-up)")
    args = parser.parse_args()
    mode = os.environ.get("PII_PRELOAD", "true")
    print(f"PII_PRELOAD={mode}, {args.workers} web workers")
    info = {}

    def started(pid, seconds):
        info["pid"], info["start"] = pid, seconds

    with production_server(workers=args.workers, on_start=started, scratch=args.reuse) as (
        base, env,
    ):
        print(f"server ready after {info['start']:.1f} s (healthz answers); "
              f"scratch {env['BENCH_SCRATCH']}")
        master, workers = gunicorn_pids(info["pid"])
        opener, url, reference = login(base, env)
        before = {pid: memory_mb(pid) for pid in workers}
        with concurrent.futures.ThreadPoolExecutor(args.workers) as pool:
            first = list(pool.map(lambda _i: timed_open(opener, url), range(args.workers)))
        later = [timed_open(opener, url) for _ in range(args.opens)]
        plain = [timed_open(opener, reference)[0] for _ in range(args.opens)]
        after = {pid: memory_mb(pid) for pid in workers}
        statuses = sorted({str(s) for _t, s, _p in first + later})
        print(f"editor open, first per worker ({args.workers} at once): "
              + ", ".join(f"{t:.2f} s" for t, _s, _p in first))
        times = [t for t, _s, _p in later]
        print(f"editor open, later ({len(later)} one after another): median "
              f"{statistics.median(times):.2f} s, max {max(times):.2f} s")
        print(f"reference: editor of the home page (nothing scanned), {len(plain)} opens: "
              f"median {statistics.median(plain):.2f} s")
        print(f"HTTP statuses: {statuses}; findings panel shown: "
              f"{all(p for _t, _s, p in first + later)}")
        rss, uss = memory_mb(master)
        print(f"gunicorn master: RSS {rss:.0f} MB, USS {uss:.0f} MB")
        for pid in workers:
            if after[pid] is None:
                print(f"web worker {pid}: killed (gunicorn's timeout)")
                continue
            (rss0, uss0), (rss1, uss1) = before[pid], after[pid]
            print(f"web worker {pid}: RSS {rss0:.0f} -> {rss1:.0f} MB, "
                  f"USS (own, not shared) {uss0:.0f} -> {uss1:.0f} MB")
        _master, now = gunicorn_pids(info["pid"])
        for pid in sorted(set(now) - set(workers)):
            rss, uss = memory_mb(pid) or (0, 0)
            print(f"web worker {pid} (started later): RSS {rss:.0f} MB, USS {uss:.0f} MB")


if __name__ == "__main__":
    main()
