"""Direction of travel: a word, an arrow glyph or a drawn arrow, read by the paper's own key.

A scorecard says which way an indicator moved with a word ("Improving", "No change"), an arrow
printed as text or in a symbol font (▲ ▼ ↑ ↓ ⇧, Wingdings' ``é``), or an arrow drawn as a
shape (a filled triangle: ``Cell.marks``). An arrow says only *which way* the figure went; what
that means is the paper's to say: a key printed in the paper ("▲ Performance improving",
"▼ = worse than last quarter") is followed; without one, up is improving, down worsening and
sideways no change (``scorecards.direction.default`` in the conventions). Words that say only
which way ("up", "increase") are read through the key like arrows. Every reading keeps what was
printed (``raw``) and how it was read (``source``: ``word``, ``glyph`` or ``shape``, with
``key`` when the paper's key decided). Nothing found is no direction: never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from cdrp_archive.extract.conventions import Profile
from cdrp_archive.extract.readers.model import Cell, Mark

MEANINGS = ("improving", "worsening", "no change")
WAYS = ("up", "down", "same")


@dataclass(frozen=True)
class Reading:
    direction: str | None  # improving | worsening | no change | None
    raw: str | None  # what was printed: the word, the glyph, "drawn triangle pointing up"
    source: str | None  # word | glyph | shape, "+key" when the paper's key decided


NONE = Reading(None, None, None)


@dataclass(frozen=True)
class Vocabulary:
    """The direction words and glyphs of a profile (``scorecards.direction``)."""

    words: Mapping[str, tuple[str, ...]]  # improving/worsening/no change/up/down -> words
    glyphs: Mapping[str, str]  # glyph -> up | down | same
    fonts: Mapping[str, Mapping[str, str]]  # font name (lower case) -> char -> way
    default: Mapping[str, str]  # way -> meaning
    key_words: Mapping[str, tuple[str, ...]]  # meaning -> stems a key line uses

    @classmethod
    def of(cls, profile: Profile) -> Vocabulary:
        d = profile.mapping("scorecards.direction")
        words = {k: tuple(str(w).lower() for w in v) for k, v in d.get("words", {}).items()}
        glyphs = {str(g): way for way, gs in d.get("glyphs", {}).items() for g in gs}
        fonts = {str(f).lower(): dict(m) for f, m in d.get("symbol_fonts", {}).items()}
        default = dict(d.get("default", {"up": "improving", "down": "worsening"}))
        key_words = {
            "improving": tuple(d.get("key_improving", ())),
            "worsening": tuple(d.get("key_worsening", ())),
            "no change": tuple(d.get("key_same", ())),
        }
        return cls(words, glyphs, fonts, default, key_words)


@dataclass(frozen=True)
class Key:
    """What the paper says its arrows mean: way -> meaning (empty: no key printed)."""

    meanings: Mapping[str, str] = field(default_factory=dict)
    text: str = ""  # the key as printed


def _glyph_way(char: str, font: str, vocab: Vocabulary) -> str | None:
    if 0xF000 <= ord(char) <= 0xF0FF:  # a symbol font's private-use code
        char = chr(ord(char) - 0xF000)
    low = font.lower()
    for name, table in sorted(vocab.fonts.items(), key=lambda kv: -len(kv[0])):
        if name.replace(" ", "") in low.replace(" ", "").replace("-", ""):
            return table.get(char)
    return vocab.glyphs.get(char)


def find_key(texts: Iterable[str], vocab: Vocabulary) -> Key:
    """The paper's key to its arrows: a glyph followed within a few words by a meaning
    ("▲ Improving  ▼ Worsening", "↑ = performance better than last quarter")."""
    meanings: dict[str, str] = {}
    printed = []
    for text in texts:
        for n, char in enumerate(text):
            way = vocab.glyphs.get(char)
            if way is None or way in meanings:
                continue
            after = text[n + 1 : n + 50].lower()
            after = re.split(r"[" + re.escape("".join(vocab.glyphs)) + r"\n]", after, maxsplit=1)[0]
            after = " ".join(after.replace("=", " ").replace(":", " ").split()[:5])
            meaning = _meaning_in(after, vocab)
            if meaning:
                meanings[way] = meaning
                printed.append(f"{char} {after}".strip())
    if not meanings:
        return Key()
    return Key(meanings, "; ".join(printed))


def _meaning_in(text: str, vocab: Vocabulary) -> str | None:
    found = []
    for meaning, stems in vocab.key_words.items():
        at = [text.find(s) for s in stems if s and s in text]
        if at:
            found.append((min(at), meaning))
    return min(found)[1] if found else None


def _word(text: str, vocab: Vocabulary) -> tuple[str, str] | None:
    """(meaning or way, the word) of the first direction word in a cell's text."""
    low = " " + re.sub(r"[^\w/ ]+", " ", text.lower()) + " "
    best: tuple[int, str, str] | None = None
    for name, words in vocab.words.items():
        for word in words:
            at = low.find(f" {word} ")
            if at >= 0 and (
                best is None or at < best[0] or (at == best[0] and len(word) > len(best[2]))
            ):
                best = (at, name, word)
    return (best[1], best[2]) if best else None


def _mean(way: str, key: Key, vocab: Vocabulary) -> tuple[str | None, bool]:
    if way in key.meanings:
        return key.meanings[way], True
    return vocab.default.get(way), False


def shape_way(points: Sequence[tuple[float, float]], tolerance: float = 0.6) -> str | None:
    """Which way a drawn arrow or triangle points: its tip is the one vertex alone at an
    extreme (a triangle pointing up has one vertex at its top and two at its bottom; so does an
    arrow with a shaft). None for a shape with no single tip (a circle, a square, a diamond
    read both ways). Coordinates have a top-left origin."""
    pts = list(dict.fromkeys((round(x, 2), round(y, 2)) for x, y in points))
    if len(pts) < 3:
        return None
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    top = sum(1 for y in ys if y - min(ys) <= tolerance)
    bottom = sum(1 for y in ys if max(ys) - y <= tolerance)
    left = sum(1 for x in xs if x - min(xs) <= tolerance)
    right = sum(1 for x in xs if max(xs) - x <= tolerance)
    vertical = (top == 1) != (bottom == 1)
    sideways = (left == 1) != (right == 1)
    if vertical and not sideways:
        return "up" if top == 1 else "down"
    if sideways and not vertical:
        return "same"
    return None


def _drawn(mark: Mark) -> str | None:
    return shape_way(mark.points) if mark.kind == "shape" else None


def read(cell: Cell | None, vocab: Vocabulary, key: Key = Key()) -> Reading:
    """The direction a direction-of-travel cell gives: its word, else its glyph (text or
    symbol font), else the drawn arrow in it."""
    if cell is None:
        return NONE
    text = cell.text.strip()
    word = _word(text, vocab) if text else None
    if word is not None:
        name, printed = word
        if name in MEANINGS:
            return Reading(name, printed, "word")
        meaning, keyed = _mean(name, key, vocab)
        return Reading(meaning, printed, "word+key" if keyed else "word")
    for char in text:
        way = _glyph_way(char, "", vocab)
        if way:
            meaning, keyed = _mean(way, key, vocab)
            return Reading(meaning, char, "glyph+key" if keyed else "glyph")
    for mark in cell.marks:
        if mark.kind == "glyph" and (way := _glyph_way(mark.text, mark.font, vocab)):
            meaning, keyed = _mean(way, key, vocab)
            raw = f"{mark.text} ({mark.font})" if mark.font else mark.text
            return Reading(meaning, raw, "glyph+key" if keyed else "glyph")
        if (way := _drawn(mark)) is not None:
            meaning, keyed = _mean(way, key, vocab)
            pointing = {"up": "up", "down": "down", "same": "sideways"}[way]
            return Reading(
                meaning, f"drawn arrow pointing {pointing}", "shape+key" if keyed else "shape"
            )
    return NONE
