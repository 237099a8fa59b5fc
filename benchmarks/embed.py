"""The embeddable finder stays small and fast: weight (gzip) and server time per request.

    .venv/bin/python benchmarks/embed.py [--requests 200] [--database-url postgres://...]

Prints the transferred size of /embed/vinden/ with its stylesheet and script, and the
median and 95th percentile server time (Django test client, warm finder index) for the
empty embed and for a question, plus the same for /api/finder/ for comparison.
"""

import argparse
import gzip
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _setup import django_on_scratch_db, drop_scratch_db  # noqa: E402

QUESTIONS = [
    "de thuiszorg komt niet", "klacht over jeugdhulp", "bezwaar tegen besluit bijstand",
    "schulden hulp wordt geweigerd", "huisarts luistert niet", "ik word van het kastje naar "
    "de muur gestuurd",
]


def gz(body):
    return len(gzip.compress(body, compresslevel=6))


def timed(client, path, params, runs):
    times = []
    for number in range(runs):
        started = time.perf_counter()
        response = client.get(path, params(number))
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    url = django_on_scratch_db(args.database_url, name="bench_embed")
    try:
        from django.core.management import call_command
        from django.test import Client

        call_command("load_demo", verbosity=0)
        client = Client()
        page = client.get("/embed/vinden/", {"gemeente": "haarlem", "q": QUESTIONS[0]})
        html = page.content
        css = b"".join(client.get("/static/search/embed.css").streaming_content)
        js = b"".join(client.get("/static/search/embed-frame.js").streaming_content)
        loader = client.get("/embed/vinden.js").content
        print(f"embed page with results: {len(html)} B html, {gz(html)} B gzip")
        print(f"embed.css {gz(css)} B gzip, embed-frame.js {gz(js)} B gzip, "
              f"loader vinden.js {gz(loader)} B gzip")
        print(f"total transferred for a framed search: {gz(html) + gz(css) + gz(js)} B gzip")
        runs = args.requests
        empty = timed(client, "/embed/vinden/", lambda n: {"gemeente": "haarlem"}, runs)
        asked = timed(client, "/embed/vinden/",
                      lambda n: {"gemeente": "haarlem", "q": QUESTIONS[n % len(QUESTIONS)]},
                      runs)
        api = timed(client, "/api/finder/",
                    lambda n: {"gemeente": "haarlem", "q": QUESTIONS[n % len(QUESTIONS)]}, runs)
        for name, (median, p95) in [("embed, empty", empty), ("embed, question", asked),
                                    ("api/finder", api)]:
            print(f"{name:16s} median {median:6.1f} ms   p95 {p95:6.1f} ms   ({runs} requests)")
    finally:
        drop_scratch_db(url)


if __name__ == "__main__":
    main()
