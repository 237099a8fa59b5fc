"""Requests per second and p95 latency of the main page types under `make serve`.

Starts the production server (gunicorn + whitenoise + task worker) on a scratch SQLite
database with the demo content, loads each page with many concurrent clients (wrk) and
compares it with a minimal Django view (`/healthz`) as the ceiling.
Goal: cached pages reach at least 50% of the ceiling.

    .venv/bin/python -m benchmarks.pages [--seconds 10] [--connections 50]

Needs `wrk` (Debian package; `make bench-deps` installs it).
"""

import argparse
import re
import shutil
import subprocess
import sys
import urllib.request

from benchmarks._server import production_server

PAGES = [
    ("ceiling: minimal view", "/healthz"),
    ("home", "/"),
    ("home (English)", "/en/"),
    ("content page", "/toegankelijkheid/"),
    ("site search (not cached)", "/zoeken/?q=klacht"),
]


def wrk(url, seconds, connections, threads=2):
    out = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True, text=True, check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    # wrk prints 50/75/90/99 percentiles; p95 is interpolated between 90 and 99.
    latencies = dict(re.findall(r"\s(\d+)%\s+([\d.]+\w+)", out))
    p90, p99 = to_ms(latencies["90"]), to_ms(latencies["99"])
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return rps, p90 + (p99 - p90) * 5 / 9, int(non_2xx.group(1)) if non_2xx else 0


def to_ms(value):
    number, unit = re.match(r"([\d.]+)(\w+)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--workers", type=int, default=3)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: run `make bench-deps`")
    with production_server(workers=args.workers) as (base, _env):
        rows = []
        for name, path in PAGES:
            urllib.request.urlopen(base + path).read()  # warm the page cache
            rps, p95, errors = wrk(base + path, args.seconds, args.connections)
            rows.append((name, path, rps, p95, errors))
    ceiling = rows[0][2]
    print(f"{args.connections} concurrent clients, {args.seconds} s each, "
          f"{args.workers} gunicorn workers, SQLite, file cache")
    print(f"{'page':28} {'path':22} {'req/s':>8} {'p95 ms':>8} {'ratio':>7} {'errors':>7}")
    for name, path, rps, p95, errors in rows:
        print(f"{name:28} {path:22} {rps:8.0f} {p95:8.1f} {rps / ceiling:7.0%} {errors:7d}")


if __name__ == "__main__":
    main()
