"""Reading the finder's evaluation files, kept in this repository (tests/data/).

The tests read only the project's own questions; benchmarks/finder_relevance.py may also
read the evaluation's development set when it is present beside the checkout."""

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def read_cases(path):
    cases = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        query, gemeente, good, bad = (line.split("\t") + ["", "", "", ""])[:4]
        cases.append((
            query,
            gemeente.strip(),
            [key.strip() for key in good.split(",") if key.strip()],
            [key.strip() for key in bad.split(",") if key.strip()],
        ))
    return cases


EXTRA_FILE = REPO / "tests" / "data" / "finder-extra.tsv"
