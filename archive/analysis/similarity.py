"""Text similarity for threading one thing through successive papers: small and generic.

Milestones renumbered in next year's plan, an action carried from the minutes that set it to
the log that follows it, an indicator renamed between scorecards: each is the same thing under
slightly different words. This module scores two texts and matches two lists one-to-one; what
counts as a word (the normaliser), how a score is made and the threshold are parameters, so
each caller measures and states its own.

- ``content_words``: lower-case content words, stopwords dropped, plurals folded (the default
  normaliser);
- ``Similarity``: an IDF-weighted overlap coefficient over a collection's words — the weight
  of the shared words over the weight of the shorter text's — so a rare shared word weighs far
  more than a common one, and a text that expands another is not punished for the words it
  adds (``jaccard`` is the tie-break);
- ``match``: the best one-to-one pairs of two lists whose score reaches a threshold, best
  first (ties: higher Jaccard, then the order given).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

_WORD = re.compile(r"[a-z][a-z'-]*[a-z]|[a-z]")
_STOPWORDS = """a about above after all also an and any are as at be been being between both but by
    can could do does each for from further had has have how if in into is it its more most
    no not of on or other our out over own per same should so some such than that the their
    them then there these they this those through to too under until up upon very was we were
    what when where which while who will with within would year years"""
STOPWORDS = frozenset(_STOPWORDS.split())

Normaliser = Callable[[str | None], set[str]]
T = TypeVar("T")


def content_words(
    text: str | None, stopwords: frozenset[str] = STOPWORDS, min_length: int = 3
) -> set[str]:
    """Lower-case content words, stopwords dropped, plurals folded (``homes`` -> ``home``)."""
    words = set()
    for word in _WORD.findall((text or "").lower()):
        if word in stopwords or len(word) < min_length:
            continue
        words.add(word[:-1] if len(word) > 4 and word.endswith("s") else word)
    return words


class Similarity:
    """IDF-weighted overlap of the words of two texts, with IDF taken over ``texts``."""

    def __init__(self, texts: Iterable[str | None], normalise: Normaliser = content_words) -> None:
        self.normalise = normalise
        bags = [normalise(t) for t in texts]
        self.count = len(bags)
        self.df: Counter[str] = Counter(w for bag in bags for w in bag)

    def idf(self, word: str) -> float:
        return math.log((self.count + 1) / (self.df.get(word, 0) + 1)) + 1.0

    def weight(self, words: Iterable[str]) -> float:
        return sum(self.idf(w) for w in words)

    def jaccard(self, a: str | None, b: str | None) -> float:
        wa, wb = self.normalise(a), self.normalise(b)
        union = self.weight(wa | wb)
        return self.weight(wa & wb) / union if union else 0.0

    def score(self, a: str | None, b: str | None) -> float:
        """Shared weight over the lighter text's weight: 0 (nothing shared) to 1."""
        wa, wb = self.normalise(a), self.normalise(b)
        if not wa or not wb:
            return 0.0
        return self.weight(wa & wb) / min(self.weight(wa), self.weight(wb))


@dataclass(frozen=True)
class Match(Generic[T]):
    earlier: T
    later: T
    score: float


def scored(
    earlier: Sequence[T],
    later: Sequence[T],
    text: Callable[[T], str | None],
    sim: Similarity,
    allowed: Callable[[T, T], bool] | None = None,
) -> list[Match[T]]:
    """Every allowed (earlier, later) pair with its score (rounded to 4 places), best first."""
    ranked = []
    for i, a in enumerate(earlier):
        for j, b in enumerate(later):
            if allowed is not None and not allowed(a, b):
                continue
            ta, tb = text(a), text(b)
            score = round(sim.score(ta, tb), 4)
            ranked.append(((-score, -sim.jaccard(ta, tb), i, j), Match(a, b, score)))
    ranked.sort(key=lambda p: p[0])
    return [m for _, m in ranked]


def match(
    earlier: Sequence[T],
    later: Sequence[T],
    text: Callable[[T], str | None],
    threshold: float,
    sim: Similarity | None = None,
    allowed: Callable[[T, T], bool] | None = None,
) -> list[Match[T]]:
    """Best pairs scoring ``threshold`` or more, one-to-one, best first. ``sim`` defaults to
    IDF over both lists' texts; ``allowed`` rules pairs out before scoring."""
    sim = sim or Similarity([*map(text, earlier), *map(text, later)])
    taken_a: set[int] = set()
    taken_b: set[int] = set()
    out = []
    for pair in scored(earlier, later, text, sim, allowed):
        if pair.score < threshold:
            break
        ia, ib = id(pair.earlier), id(pair.later)
        if ia in taken_a or ib in taken_b:
            continue
        taken_a.add(ia)
        taken_b.add(ib)
        out.append(pair)
    return out
