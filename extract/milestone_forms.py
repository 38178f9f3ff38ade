"""Milestones as other bodies print them: refs beyond ``4.3d``, statuses beyond Red/Amber/Green.

- **Refs** (``[milestones] refs`` in the profile): ``4.3d``, ``1.1``, ``1.2.3``, ``A1``,
  ``SAC-01``; at the start of the milestone's text (a lettered ref such as ``A1`` only when
  a separator follows it, ``A1: Install …``, so "A14 road works" keeps its words) or in a ref
  column of their own.
- **Status words**: Complete, On track, At risk, Not started, Blue (done, in BRAG) … mapped to
  RAG by the paper's own key where it prints one ("Status key: Blue – complete; Green – on
  track"), else by the profile's ``[milestone_status]`` table; a word that maps to no colour
  ("Not started") gives no status. The printed word is always kept (``status_word``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping

from cdrp_archive.extract.conventions import Profile
from cdrp_archive.extract.rag import RAG, parse_rag

_LETTERED = re.compile(r"[A-Z]")
_KEY_HEAD = re.compile(r"\b(?:status\s+)?key\b|\blegend\b|\brag\b", re.IGNORECASE)
_PAIR = re.compile(
    r"(?P<word>[A-Za-z][A-Za-z ]{1,20}?)\s*(?:[–—=:]|\s-\s|\bis\b|\bmeans\b)\s*"
    r"(?P<meaning>[A-Za-z][A-Za-z /-]{1,40}?)\s*(?=[;,.]|$)"
)


def _norm(text: str | None) -> str:
    return re.sub(r"\s+", " ", (text or "").lower()).strip(" .:;*-–—()[]")


@functools.lru_cache(maxsize=32)
def _ref_patterns(sources: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    alts = "|".join(f"(?:{s})" for s in sources) or r"\d{1,2}\.\d{1,2}[a-z]"
    whole = re.compile(rf"^(?:{alts})$")
    start = re.compile(rf"^\s*(?P<ref>{alts})(?P<sep>\s*[:.)–—-]\s+|\s+)(?=\S)")
    return whole, start


def is_ref(text: str, profile: Profile) -> bool:
    """Whether a cell's whole text is a milestone ref (``1.2.3``, ``SAC-01``)."""
    whole, _ = _ref_patterns(profile.words("milestones.refs"))
    return bool(whole.match(text.strip()))


def ref_at_start(text: str, profile: Profile) -> tuple[str, str] | None:
    """(ref, the rest) where the text opens with a ref: ``1.1 Open …``, ``A1: Install …``."""
    _, start = _ref_patterns(profile.words("milestones.refs"))
    match = start.match(text)
    if not match:
        return None
    ref, sep = match.group("ref"), match.group("sep").strip()
    if _LETTERED.match(ref) and not sep:
        return None  # "A14 road works": a lettered ref needs a separator
    rest = text[match.end() :].strip()
    return (ref, rest) if rest and rest[0].isalpha() else None


def paper_key(lines: Iterable[str], profile: Profile) -> dict[str, str]:
    """The paper's own status key, word -> RAG colour ('' for none): a line that names a key
    ("Status key: Blue – complete; Green – on track; Amber – at risk; Red – off track").
    A RAG colour's meaning takes that colour ("on track" -> green); another colour (Blue)
    takes the colour its meaning has in the profile ("complete" -> green)."""
    vocabulary = _vocabulary(profile)
    found: dict[str, str] = {}
    for line in lines:
        if not _KEY_HEAD.search(line):
            continue
        body = _KEY_HEAD.split(line, maxsplit=1)[-1]
        for pair in _PAIR.finditer(body):
            word, meaning = _norm(pair.group("word")), _norm(pair.group("meaning"))
            colour = parse_rag(word) if word in RAG else None
            if colour:
                found.setdefault(meaning, colour)
                found.setdefault(word, colour)
            elif meaning in vocabulary or parse_rag(meaning):
                found.setdefault(word, parse_rag(meaning) or vocabulary[meaning])
    return found


def _vocabulary(profile: Profile) -> Mapping[str, str]:
    return {_norm(k): str(v) for k, v in profile.mapping("milestone_status").items()}


def status_word(
    text: str | None, key: Mapping[str, str], profile: Profile
) -> tuple[str | None, str | None, str | None]:
    """(status, source, printed word) of a status cell that is not a RAG word: the paper's key
    (source ``key``), else the profile (``word``); (None, None, word) when neither knows it."""
    word = " ".join((text or "").split()) or None
    low = _norm(word)
    if not low or parse_rag(word):
        return None, None, None
    for table, source in ((key, "key"), (_vocabulary(profile), "word")):
        hit = _lookup(low, table)
        if hit is not None:
            return (hit or None), (source if hit else None), word
    return None, None, word


def _lookup(low: str, table: Mapping[str, str]) -> str | None:
    if low in table:
        return table[low]
    parts = re.split(r"[\s/,:;–—-]+", low)
    for n in (3, 2, 1):
        head = " ".join(parts[:n])
        if len(parts) > n and head in table:
            return table[head]
    return None
