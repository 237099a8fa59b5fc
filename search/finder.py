"""The klacht/zorg finder: understands a resident's question and ranks the schemes.

How it works
------------
1. `FinderIndex` is built from the database: every live scheme (`verwijsgids.Regeling`) with
   its texts, and every active `Synoniem`. It lives in process memory and is rebuilt when
   the generation number in the shared cache changes (publishing a page, saving a synonym,
   a municipality, a domain or a boost bumps it, see `signals`). So the scoring is fast and
   gives identical answers on SQLite and PostgreSQL.
2. `analyse()` turns a question into an `Analysis`: folded words, Dutch stems, typo
   corrections against the index vocabulary (rapidfuzz) for words that are not real Dutch or
   English words (`search.wordlist`), compounds split into known words,
   matched rules (editors' synonyms and each scheme's own zoekwoorden) and the intent
   signals they give: expansions, schemes, domains, kinds (soort) and step (lijn).
3. `FinderIndex.search()` scores the schemes: lexical match of stems (with idf and field
   weights), plus the rule signals, times the editors' boost; filters on municipality and
   domain are applied before scoring, so a scheme that does not serve the municipality can
   never appear.

The Elasticsearch backend (`search.elastic`) uses the same `analyse()` and turns the signals
into a query, so both backends answer alike.
"""

import math
import re
import threading
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from .text import analyser as text_analyser
from .text import fold
from .text import words as split_words_keep_stop
from .wordlist import is_real_word

_SURFACE_WORD_RE = re.compile(r"[^\W_]+")

# Field weights of a scheme's texts.
FIELD_WEIGHTS = {
    "title": 3.0,
    "zoekwoorden": 3.0,
    "samenvatting": 1.5,
    "organisatie": 1.0,
    "domeinen": 0.8,
    "waarvoor": 1.0,
    "voor_wie": 0.6,
    "tekst": 0.4,
}
# Part of a compound ("jeugd" in "jeugdhulpaanbieder") counts for less than the whole word.
COMPOUND_PART_WEIGHT = 0.5
# A word corrected for a typo counts for a little less.
TYPO_WEIGHT = 0.85
# An expansion of a synonym counts for less than a word the resident typed.
EXPANSION_WEIGHT = 0.6
# Weights of the rule signals.
W_KEY = 4.0
W_DOMAIN = 1.5
W_SOORT = 2.5
W_LIJN = 1.5
W_ZOEKWOORD_PHRASE = 3.0
# Results scoring less than this fraction of the best one are left out.
RELATIVE_CUTOFF = 0.2
# Words allowed between the words of a phrase: counting stop words, and not counting them.
MAX_PHRASE_GAP = 3
MAX_CONTENT_GAP = 2
# Stories: beyond this many content words, the plain word matches of a question count for
# less (by the square root of the ratio), so what the story is about (the rule signals:
# organisation, decision, delay, money, treatment) decides rather than every word.
STORY_WORDS = 8
# Saturation of a word's summed field weights in one scheme (as in BM25).
SATURATION_K = 2.0
SATURATION_MAX = 4.0


@dataclass
class Scheme:
    idx: int
    key: str
    title: str
    url: str
    soort: str
    lijn: int
    domains: frozenset
    gemeenten: frozenset
    bereik: str  # remit: 'alle', 'lijst' or 'behalve' (see verwijsgids.models.bedient)
    boost: float = 1.0
    samenvatting: str = ""
    page_id: int | None = None

    @property
    def landelijk(self):
        return self.bereik == "alle"

    def bedient(self, gemeente):
        from verwijsgids.models import bedient

        return bedient(self.bereik, self.gemeenten, gemeente)


@dataclass
class Rule:
    """A word or phrase (stems in order) and what it points to."""

    term: str
    stems: tuple
    expansions: tuple = ()  # tuple of tuples of stems
    keys: tuple = ()
    domains: tuple = ()
    soorten: tuple = ()
    lijn: int | None = None
    weight: float = 1.0
    source: str = "synoniem"
    expansion_texts: tuple = ()


@dataclass
class Analysis:
    query: str
    tokens: list = field(default_factory=list)  # (word, stem, weight, kind) per position
    terms: dict = field(default_factory=dict)  # stem -> query weight (typed + expansions)
    matched: list = field(default_factory=list)  # (Rule, coverage)
    keys: dict = field(default_factory=dict)
    domains: dict = field(default_factory=dict)
    soorten: dict = field(default_factory=dict)
    lijnen: dict = field(default_factory=dict)
    corrections: dict = field(default_factory=dict)  # typed word -> corrected word
    lexical_factor: float = 1.0  # below 1 for long stories (see STORY_WORDS)

    @property
    def corrected_text(self):
        """The question's content words, typos corrected (for Elasticsearch)."""
        return " ".join(word for word, _stem, _weight, _kind in self.tokens)

    @property
    def suggestion(self):
        """The question as typed with only the corrected words replaced, or "" ("Bedoelde u")."""
        if not self.corrections:
            return ""

        def replace(match):
            return self.corrections.get(fold(match.group(0)), match.group(0))

        return _SURFACE_WORD_RE.sub(replace, self.query)

    @property
    def empty(self):
        return not self.tokens

    def add_term(self, stem_, weight):
        if weight > self.terms.get(stem_, 0.0):
            self.terms[stem_] = weight


def rule_stems(text, language="nl"):
    """Stems of a rule's phrase; stop words only count when the phrase has nothing else."""
    lang = text_analyser(language)
    tokens = split_words_keep_stop(text)
    content = [lang.stem(word) for word in tokens if word not in lang.stopwords]
    return tuple(content or [lang.stem(word) for word in tokens])


def _phrase_matches(sequence, phrase, max_gap=MAX_PHRASE_GAP):
    """Whether the stems of `phrase` occur in `sequence` in order, with small gaps."""
    if not phrase:
        return False
    if len(phrase) == 1:
        return phrase[0] in sequence
    starts = [i for i, value in enumerate(sequence) if value == phrase[0]]
    for start in starts:
        position, ok = start, True
        for part in phrase[1:]:
            window = sequence[position + 1 : position + 2 + max_gap]
            if part not in window:
                ok = False
                break
            position = position + 1 + window.index(part)
        if ok:
            return True
    return False


class FinderIndex:
    """In-memory index of the live schemes of one language, and the rules."""

    def __init__(
        self, schemes, texts, rules, gemeenten=(), domeinen=(), generation=None, place_names=(),
        language="nl",
    ):
        self.language = "en" if language == "en" else "nl"
        lang = text_analyser(self.language)
        self.stem, self.stopwords = lang.stem, lang.stopwords
        self.generation = generation
        self.schemes = list(schemes)
        self.by_key = {scheme.key: scheme for scheme in self.schemes}
        self.gemeenten = set(gemeenten)
        self.domeinen = set(domeinen)
        self.rules = list(rules)
        self.place_names = {fold(name) for name in place_names}
        self._lock = threading.Lock()
        self.texts = list(texts)
        self._build(self.texts)

    # --- building --------------------------------------------------------------------

    def _build(self, texts):
        self.postings = {}  # stem -> {idx: weight}
        self.surface = {}  # folded word -> stem, the vocabulary for typo correction
        # Per scheme: {word: summed field weight}; each text is tokenised once.
        weighted_words = []
        for scheme, fields in zip(self.schemes, texts, strict=True):
            counts = {}
            for field_name, text in fields.items():
                weight = FIELD_WEIGHTS.get(field_name, 0.4)
                for word in split_words_keep_stop(text):
                    if word in self.stopwords or len(word) < 2:
                        continue
                    counts[word] = counts.get(word, 0.0) + weight
            weighted_words.append(counts)
            for word, weight in counts.items():
                stem_ = self.surface.get(word)
                if stem_ is None:
                    stem_ = self.surface[word] = self.stem(word)
                bucket = self.postings.setdefault(stem_, {})
                bucket[scheme.idx] = bucket.get(scheme.idx, 0.0) + weight
        for rule in self.rules:
            for word in split_words_keep_stop(rule.term):
                if word not in self.stopwords:
                    self.surface.setdefault(word, self.stem(word))
            for expansion in rule.expansions:
                for stem_ in expansion:
                    self.postings.setdefault(stem_, {})
        # Compounds: a long word also counts, weaker, for the known words it is made of.
        known = {word for word in self.surface if len(word) >= 4}
        self.known_parts = known
        self.compound_parts = {}
        for word in list(self.surface):
            parts = self._split_compound(word, known)
            if parts:
                self.compound_parts[word] = parts
        for scheme, counts in zip(self.schemes, weighted_words, strict=True):
            for word, weight in counts.items():
                for part in self.compound_parts.get(word, ()):
                    bucket = self.postings.setdefault(self.stem(part), {})
                    bucket[scheme.idx] = bucket.get(scheme.idx, 0.0) + weight * COMPOUND_PART_WEIGHT
        # Saturate term frequency: a word repeated ten times is not ten times as relevant.
        for bucket in self.postings.values():
            for idx, weight in bucket.items():
                bucket[idx] = SATURATION_MAX * weight / (weight + SATURATION_K)
        total = max(len(self.schemes), 1)
        self.idf = {
            stem_: math.log(1.0 + total / (1.0 + len(bucket)))
            for stem_, bucket in self.postings.items()
        }
        self.known_stems = set(self.postings) | {s for rule in self.rules for s in rule.stems}
        self.rules_by_stem = {}
        for rule in self.rules:
            for stem_ in set(rule.stems):
                self.rules_by_stem.setdefault(stem_, []).append(rule)
        self.vocabulary = sorted(self.surface)
        self.vocabulary_by_letter = {}
        for word in self.vocabulary:
            self.vocabulary_by_letter.setdefault(word[0], []).append(word)
        self.by_gemeente = {
            key: frozenset(
                s.idx for s in self.schemes if s.bedient(key)
            )
            for key in self.gemeenten
        }
        self.by_domain = {}
        self.by_soort = {}
        self.by_lijn = {}
        for scheme in self.schemes:
            for domain in scheme.domains:
                self.by_domain.setdefault(domain, []).append(scheme.idx)
            self.by_soort.setdefault(scheme.soort, []).append(scheme.idx)
            self.by_lijn.setdefault(scheme.lijn, []).append(scheme.idx)
        self._corrections = {}
        self._arrays()
        self.known_words = set(self.surface) | {
            word for name in self.place_names for word in split_words_keep_stop(name)
        }

    @staticmethod
    def _split_compound(word, known):
        if len(word) < 7:
            return None
        for cut in range(len(word) - 3, 3, -1):
            head, tail = word[:cut], word[cut:]
            for head_form in (head, head[:-1] if head.endswith("s") else None):
                if head_form and head_form in known and tail in known:
                    return (head_form, tail)
            if head.endswith("en") and head[:-2] in known and tail in known:
                return (head[:-2], tail)
        return None

    # --- understanding the question ----------------------------------------------------

    def correct(self, word):
        """The vocabulary word closest to an unknown `word`, or None.

        Real Dutch or English words are never corrected ("moeder" stays "moeder").
        """
        if word in self._corrections:
            return self._corrections[word]
        result = None
        if len(word) >= 4 and not word.isdigit() and not is_real_word(word):
            limit = 1 if len(word) <= 5 else 2
            candidates = self.vocabulary_by_letter.get(word[0], [])
            match = process.extractOne(
                word, candidates, scorer=DamerauLevenshtein.distance, score_cutoff=limit
            )
            if match is None and len(word) >= 6:
                match = process.extractOne(
                    word, self.vocabulary, scorer=DamerauLevenshtein.distance, score_cutoff=1
                )
            if match is not None:
                result = match[0]
        with self._lock:
            if len(self._corrections) > 20_000:
                self._corrections.clear()
            self._corrections[word] = result
        return result

    def analyse(self, query, correct=True):
        """The `Analysis` of `query`; `correct=False` keeps every word as typed."""
        analysis = Analysis(query=query)
        sequence = []  # stems in order, stop words as themselves
        content_count = 0
        for word in split_words_keep_stop(query):
            if word in self.stopwords:
                sequence.append(word)
                continue
            content_count += 1
            stem_ = self.stem(word)
            if stem_ in self.known_stems or word in self.surface:
                analysis.tokens.append((word, stem_, 1.0, "woord"))
                analysis.add_term(stem_, 1.0)
                sequence.append(stem_)
                for part in self.compound_parts.get(word, ()):
                    analysis.add_term(self.stem(part), COMPOUND_PART_WEIGHT)
                continue
            parts = self._split_compound(word, self.known_parts)
            if parts:
                for part in parts:
                    part_stem = self.stem(part)
                    analysis.tokens.append((part, part_stem, 0.9, "samenstelling"))
                    analysis.add_term(part_stem, 0.9)
                    sequence.append(part_stem)
                continue
            corrected = self.correct(word) if correct else None
            if corrected:
                corrected_stem = self.stem(corrected)
                analysis.corrections[word] = corrected
                analysis.tokens.append((corrected, corrected_stem, TYPO_WEIGHT, "tikfout"))
                analysis.add_term(corrected_stem, TYPO_WEIGHT)
                sequence.append(corrected_stem)
                continue
            analysis.tokens.append((word, stem_, 1.0, "onbekend"))
            sequence.append(stem_)
        self._match_rules(analysis, sequence, max(content_count, 1))
        if content_count > STORY_WORDS:
            analysis.lexical_factor = math.sqrt(STORY_WORDS / content_count)
        return analysis

    def _match_rules(self, analysis, sequence, content_count):
        present = set(sequence)
        content = [value for value in sequence if value not in self.stopwords]
        candidates = {id(rule): rule for s in present for rule in self.rules_by_stem.get(s, ())}
        for rule in candidates.values():
            if not set(rule.stems) <= present:
                continue
            if any(part in self.stopwords for part in rule.stems):
                if not _phrase_matches(sequence, rule.stems, MAX_PHRASE_GAP):
                    continue
            elif not _phrase_matches(content, rule.stems, MAX_CONTENT_GAP):
                continue
            covered = sum(1 for s in rule.stems if s not in self.stopwords) or len(rule.stems)
            coverage = min(1.0, covered / content_count)
            analysis.matched.append((rule, coverage))
            strength = rule.weight * (0.5 + 0.5 * coverage)
            for expansion in rule.expansions:
                for stem_ in expansion:
                    analysis.add_term(stem_, EXPANSION_WEIGHT * min(rule.weight, 2.0))
            for key in rule.keys:
                bonus = W_ZOEKWOORD_PHRASE if rule.source == "zoekwoord" else W_KEY
                analysis.keys[key] = analysis.keys.get(key, 0.0) + bonus * strength
            for domain in rule.domains:
                analysis.domains[domain] = max(analysis.domains.get(domain, 0.0), strength)
            for soort in rule.soorten:
                analysis.soorten[soort] = max(analysis.soorten.get(soort, 0.0), strength)
            if rule.lijn is not None:
                analysis.lijnen[rule.lijn] = max(analysis.lijnen.get(rule.lijn, 0.0), strength)

    # --- ranking -----------------------------------------------------------------------

    def allowed(self, gemeente=None, domein=None):
        """Indexes of the schemes that pass the filters (None = all)."""
        allowed = None
        if gemeente:
            allowed = set(self.by_gemeente.get(gemeente, ()))
        if domein:
            in_domain = set(self.by_domain.get(domein, ()))
            allowed = in_domain if allowed is None else allowed & in_domain
        return allowed

    def _arrays(self):
        """numpy views of the index, so scoring 10,000 schemes stays in milliseconds."""
        count = len(self.schemes)
        self.np_postings = {
            stem_: (np.fromiter(bucket.keys(), dtype=np.int64, count=len(bucket)),
                    np.fromiter(bucket.values(), dtype=np.float64, count=len(bucket)))
            for stem_, bucket in self.postings.items() if bucket
        }

        def spread_weight(idx):
            spread = len(self.schemes[idx].domains)
            return 1.0 if spread <= 2 else (0.75 if spread <= 4 else 0.5)

        self.np_domain = {
            domain: (np.array(ids, dtype=np.int64),
                     np.array([spread_weight(i) for i in ids], dtype=np.float64))
            for domain, ids in self.by_domain.items()
        }
        self.np_soort = {k: np.array(v, dtype=np.int64) for k, v in self.by_soort.items()}
        self.np_lijn = {k: np.array(v, dtype=np.int64) for k, v in self.by_lijn.items()}
        self.np_boost = np.array([s.boost for s in self.schemes], dtype=np.float64)
        order = sorted(range(count), key=lambda i: self.schemes[i].title.lower())
        self.np_title_rank = np.empty(count, dtype=np.int64)
        self.np_title_rank[order] = np.arange(count)
        self._masks = {}

    def mask(self, gemeente=None, domein=None):
        """Boolean array of the schemes that pass the filters, or None for all."""
        if not gemeente and not domein:
            return None
        key = (gemeente, domein)
        if key not in self._masks:
            allowed = self.allowed(gemeente, domein)
            mask = np.zeros(len(self.schemes), dtype=bool)
            if allowed:
                mask[np.fromiter(allowed, dtype=np.int64, count=len(allowed))] = True
            with self._lock:
                self._masks[key] = mask
        return self._masks[key]

    def score(self, analysis, mask=None):
        """Scores of all schemes (numpy array); 0 for schemes that do not match."""
        scores = np.zeros(len(self.schemes), dtype=np.float64)
        for stem_, weight in analysis.terms.items():
            posting = self.np_postings.get(stem_)
            if posting is not None:
                scores[posting[0]] += weight * self.idf.get(stem_, 0.0) * posting[1]
        if analysis.lexical_factor != 1.0:
            scores *= analysis.lexical_factor
        for key, value in analysis.keys.items():
            scheme = self.by_key.get(key)
            if scheme is not None:
                scores[scheme.idx] += value
        for domain, value in analysis.domains.items():
            if domain in self.np_domain:
                ids, spread = self.np_domain[domain]
                scores[ids] += W_DOMAIN * value * spread
        for soort, value in analysis.soorten.items():
            if soort in self.np_soort:
                scores[self.np_soort[soort]] += W_SOORT * value
        for lijn, value in analysis.lijnen.items():
            if lijn in self.np_lijn:
                scores[self.np_lijn[lijn]] += W_LIJN * value
        scores *= self.np_boost
        if mask is not None:
            scores[~mask] = 0.0
        return scores

    def search(self, query, gemeente=None, domein=None, limit=20, correct=True):
        """[(Scheme, score)] best first, plus the `Analysis`."""
        analysis = self.analyse(query or "", correct=correct)
        if analysis.empty:
            allowed = self.allowed(gemeente, domein)
            pool = self.schemes if allowed is None else [self.schemes[i] for i in allowed]
            ordered = sorted(pool, key=lambda s: (-s.boost, s.lijn, s.title.lower()))
            return [(scheme, round(scheme.boost, 4)) for scheme in ordered[:limit]], analysis
        if not self.schemes:
            return [], analysis
        scores = self.score(analysis, self.mask(gemeente, domein))
        best = float(scores.max())
        if best <= 0:
            return [], analysis
        candidates = np.nonzero(scores >= best * RELATIVE_CUTOFF)[0]
        if len(candidates) > limit * 4:
            # Keep the best few before the exact (score, title) ordering.
            top = np.argpartition(-scores[candidates], limit * 4)[: limit * 4]
            threshold = scores[candidates[top]].min()
            candidates = np.nonzero(scores >= threshold)[0]
        order = np.lexsort((self.np_title_rank[candidates], -scores[candidates]))
        ranked = candidates[order][:limit]
        return [(self.schemes[int(i)], round(float(scores[i]), 4)) for i in ranked], analysis


def fold_key(value):
    return fold(value).strip()
