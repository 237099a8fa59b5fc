"""Whether a folded word is a real Dutch or English word (the typo corrector's guard).

The corrector only touches words that are not words in either language, so "moeder",
"slaat" and "they" are never rewritten. The word frequencies come from `wordfreq`
(a maintained list built from subtitles, Wikipedia, news and web text); a word counts as
real when it occurs at least about once in 30 million words (Zipf 1.5) in Dutch or English.
"""

from functools import lru_cache

from wordfreq import zipf_frequency

REAL_WORD_ZIPF = 1.5
LANGUAGES = ("nl", "en")


@lru_cache(maxsize=50_000)
def is_real_word(word):
    """True when `word` is a Dutch or English word; numbers count as real."""
    word = (word or "").strip().lower()
    if not word or word.isdigit():
        return True
    return any(zipf_frequency(word, language) >= REAL_WORD_ZIPF for language in LANGUAGES)
