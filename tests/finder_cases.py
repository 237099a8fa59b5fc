"""Reading the finder's evaluation files (shared with benchmarks/finder_relevance.py)."""

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def shared_file(relative):
    """`../shared/<relative>` next to the repository, or next to a parent (worktrees)."""
    for parent in REPO.parents:
        candidate = parent / "shared" / relative
        if candidate.exists():
            return candidate
    return REPO.parent / "shared" / relative


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


DEV_FILE = shared_file("eval/finder-dev.tsv")
EXTRA_FILE = REPO / "tests" / "data" / "finder-extra.tsv"
