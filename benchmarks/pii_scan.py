"""Recall, false alarms and speed of the personal-data scanner.

    .venv/bin/python benchmarks/pii_scan.py [file.jsonl ...] [--verbose] [--deduce-only]

Default files: ../shared/eval/pii-dev.jsonl (the development set, when it is there) and
every tests/data/pii*.jsonl (our own texts and the blind sets). A planted span counts as
found when a finding overlaps it. A clean text (no spans) counts as a false alarm when it
has any finding.
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

sys.path.insert(0, str(ROOT / "benchmarks"))
from _setup import shared_file  # noqa: E402

# The development set beside the checkout (../shared/eval; said when absent) and every set
# of our own in tests/data (our texts and the blind sets).
DEV_SET = shared_file("eval/pii-dev.jsonl")
DEFAULT_FILES = sorted((ROOT / "tests" / "data").glob("pii*.jsonl"))


def load(path):
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def spans_of(text, pii):
    """Ground-truth spans: strings in the text (first occurrence) or [start, end] pairs."""
    spans = []
    for item in pii:
        if isinstance(item, str):
            start = text.find(item)
            spans.append((start, start + len(item), item))
        else:
            spans.append((item[0], item[1], text[item[0]:item[1]]))
    return spans


def deduce_only(text):
    from casussen.pii.engine import get_deduce

    doc = get_deduce().deidentify(text)
    return [(a.start_char, a.end_char, a.text, a.tag) for a in doc.annotations]


def evaluate(rows, scanner, verbose=False):
    planted = found = clean = false_alarms = 0
    times = []
    for row in rows:
        text = row["text"]
        t0 = time.perf_counter()
        findings = scanner(text)
        times.append(time.perf_counter() - t0)
        spans = spans_of(text, row.get("pii", []))
        if not spans:
            clean += 1
            if findings:
                false_alarms += 1
                if verbose:
                    print(f"  FALSE ALARM: {text}\n     -> {findings}")
            continue
        for start, end, value in spans:
            planted += 1
            if any(f[0] < end and start < f[1] for f in findings):
                found += 1
            elif verbose:
                print(f"  MISSED {value!r} in: {text}\n     -> {findings}")
    return planted, found, clean, false_alarms, times


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    verbose = "--verbose" in sys.argv
    import django

    django.setup()
    from casussen.pii import scan
    from casussen.pii.engine import get_deduce

    t0 = time.perf_counter()
    get_deduce()
    print(f"deduce loaded in {time.perf_counter() - t0:.2f} s (once per process)")
    if "--deduce-only" in sys.argv:
        def scanner(text):
            return [(s, e, t, k) for s, e, t, k in deduce_only(text)]
    else:
        def scanner(text):
            return [(f.start, f.end, f.text, f.kind) for f in scan(text)]

    files = [Path(a) for a in args]
    if not files:
        files = DEFAULT_FILES
        if DEV_SET.exists():
            files = [DEV_SET, *files]
        else:
            print(f"{DEV_SET} is not there (no ../shared beside this checkout): skipped",
                  file=sys.stderr)
    for path in files:
        rows = load(path)
        planted, found, clean, alarms, times = evaluate(rows, scanner, verbose)
        print(f"{path.name}: {len(rows)} texts")
        print(f"  recall: {found}/{planted} planted identifiers found"
              f" ({100 * found / max(planted, 1):.1f} %)")
        print(f"  false alarms: {alarms}/{clean} clean texts flagged")
        print(f"  time per text: mean {1000 * statistics.mean(times):.2f} ms,"
              f" max {1000 * max(times):.2f} ms")


if __name__ == "__main__":
    main()
