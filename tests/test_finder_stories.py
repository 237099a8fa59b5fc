"""The finder on residents' stories (2-5 sentences), written blind by someone who had not
read the finder's rules: tests/data/finder-stories.tsv (Dutch) and finder-stories-en.tsv
(English). The thresholds are the measured figures rounded down (see README / issue 14),
so a change that makes the finder worse on stories fails here; nothing forbidden, ever."""

import pytest

from tests.finder_cases import REPO, read_cases

pytestmark = pytest.mark.django_db

# Measured on 2026-12-02 (issue 14): nl top-1 51/68, top-3 66/68; en top-1 19/25, top-3 24/25.
SETS = {
    # file, minimum top-1 rate, minimum top-3 rate
    "nl": (REPO / "tests" / "data" / "finder-stories.tsv", 0.74, 0.95),
    "en": (REPO / "tests" / "data" / "finder-stories-en.tsv", 0.76, 0.96),
}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_story_set(client, lang):
    path, minimum_top1, minimum_top3 = SETS[lang]
    cases = read_cases(path)
    assert len(cases) >= (60 if lang == "nl" else 20)
    top1 = top3 = 0
    forbidden, misses = [], []
    for query, gemeente, good, bad in cases:
        params = {"q": query, "lang": lang, "limit": 10}
        if gemeente:
            params["gemeente"] = gemeente
        response = client.get("/api/finder/", params)
        assert response.status_code == 200, (query, response.content)
        keys = [result["key"] for result in response.json()["results"]]
        top1 += bool(keys) and keys[0] in good
        hit3 = any(key in good for key in keys[:3])
        top3 += hit3
        if not hit3:
            misses.append((query, keys[:3], good))
        forbidden += [(query, key) for key in keys if key in bad]
    assert not forbidden, forbidden
    assert top3 / len(cases) >= minimum_top3, (top3, len(cases), misses)
    assert top1 / len(cases) >= minimum_top1, (top1, len(cases))
