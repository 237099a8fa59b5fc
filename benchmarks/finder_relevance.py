"""Relevance of the finder on the development set (or any file in the same format).

    .venv/bin/python benchmarks/finder_relevance.py [--file ../shared/eval/finder-dev.tsv]
        [--lang nl|en] [--database-url postgres://postgres@127.0.0.1:5432/x] [--verbose]

Loads the demo content into a scratch database, asks every question through the finder API
(GET /api/finder/, with ``lang``: given, or 'en' for a file named *-en.tsv) and prints
top-1 and top-3 hit rates and forbidden-key violations.
With ELASTICSEARCH_URL set, the finder runs on Elasticsearch.
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _setup import django_on_scratch_db, drop_scratch_db, shared_file  # noqa: E402

DEFAULT_FILE = shared_file("eval/finder-dev.tsv")
if not DEFAULT_FILE.exists():
    print(f"{DEFAULT_FILE} is not there (no ../shared beside this checkout): "
          "using the project's own tests/data/finder-extra.tsv", file=sys.stderr)
    DEFAULT_FILE = Path(__file__).resolve().parent.parent / "tests" / "data" / "finder-extra.tsv"


def read_cases(path):
    cases = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        columns = (line.split("\t") + ["", "", "", ""])[:4]
        query, gemeente, good, bad = columns
        cases.append({
            "query": query,
            "gemeente": gemeente.strip(),
            "good": [key.strip() for key in good.split(",") if key.strip()],
            "bad": [key.strip() for key in bad.split(",") if key.strip()],
        })
    return cases


def evaluate(client, cases, verbose=False, lang="nl"):
    top1 = top3 = violations = 0
    failures = []
    for case in cases:
        params = {"q": case["query"], "lang": lang}
        if case["gemeente"]:
            params["gemeente"] = case["gemeente"]
        response = client.get("/api/finder/", params)
        keys = [r["key"] for r in response.json().get("results", [])] if (
            response.status_code == 200) else []
        hit1 = bool(keys[:1]) and keys[0] in case["good"]
        hit3 = any(key in case["good"] for key in keys[:3])
        bad = [key for key in keys if key in case["bad"]]
        top1 += hit1
        top3 += hit3
        violations += bool(bad)
        if not hit3 or bad:
            failures.append((case, keys[:5], bad, response.status_code))
        if verbose:
            mark = "ok " if hit3 and not bad else "MIS"
            print(f"{mark} {case['query']!r} [{case['gemeente']}] -> {keys[:3]}")
    return {"n": len(cases), "top1": top1, "top3": top3, "violations": violations,
            "failures": failures}


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--file", default=str(DEFAULT_FILE))
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--lang", choices=["nl", "en"], default=None)
    args = parser.parse_args()
    lang = args.lang or ("en" if Path(args.file).stem.endswith("-en") else "nl")
    url = django_on_scratch_db(args.database_url, name="slp_bench_relevance")
    try:
        from django.core.management import call_command
        from django.test import Client

        call_command("load_demo", verbosity=0)
        cases = read_cases(args.file)
        started = time.perf_counter()
        result = evaluate(Client(), cases, verbose=args.verbose, lang=lang)
        elapsed = time.perf_counter() - started
        n = result["n"] or 1
        from search.service import backend_name

        print(f"file: {args.file}  lang: {lang}  backend: {backend_name()}  "
              f"questions: {result['n']}")
        print(f"top-1 hit rate: {result['top1'] / n:.1%} ({result['top1']}/{result['n']})")
        print(f"top-3 hit rate: {result['top3'] / n:.1%} ({result['top3']}/{result['n']})")
        print(f"forbidden-key violations: {result['violations']}")
        print(f"time: {elapsed * 1000 / n:.1f} ms per question (including the first build)")
        for case, keys, bad, status in result["failures"]:
            print(f"  MISS {case['query']!r} gemeente={case['gemeente'] or '-'} "
                  f"want={case['good']} got={keys} forbidden={bad} status={status}")
    finally:
        drop_scratch_db(url)


if __name__ == "__main__":
    main()
