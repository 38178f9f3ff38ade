"""The language work, with spaCy: sentences, decision and action phrasing, money, people.

A blank English pipeline with a sentencizer and an EntityRuler (money, dates, titled people,
partner organisations) works offline with nothing downloaded. If ``en_core_web_sm`` happens
to be installed, its statistical entities are added under the ruler; nothing requires it.
The pipeline is built once per process, lazily. Per-paper knowledge (the people gazetteer
learnt from the paper's attendance lists, "Lead Officer:" lines and authors) is matched with
a PhraseMatcher built per call, so the shared pipeline is never changed.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import spacy
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span

from cdrp_archive.archive.errors import ParseError
from cdrp_archive.archive.values import parse_money
from cdrp_archive.extract.conventions import Profile, default_profile

_TITLES = ["Inspector", "Insp", "Councillor", "Cllr", "DI", "DCI", "Sergeant", "Sgt", "PC"]
_ADVERBS = ["also", "unanimously", "formally", "then", "duly"]


def outcomes(profile: Profile | None = None) -> dict[str, str]:
    """Outcome words (lower case) and what they mean: the profile's ``[outcomes]``."""
    return {
        str(k).lower(): str(v)
        for k, v in (profile or default_profile()).mapping("outcomes").items()
    }


def decision_verbs(profile: Profile | None = None) -> list[str]:
    """Only past forms make a decision ("The Group APPROVED"); "support" is often a noun."""
    return sorted(w for w in outcomes(profile) if w.endswith("ed") and w != "recommended")


@functools.cache
def nlp() -> Language:
    """The shared pipeline: blank English + sentencizer + rules (+ a model's NER if present)."""
    if spacy.util.is_package("en_core_web_sm"):
        pipeline = spacy.load("en_core_web_sm", exclude=["lemmatizer"])
        ruler = pipeline.add_pipe("entity_ruler", before="ner")
        if "senter" not in pipeline.pipe_names and "parser" not in pipeline.pipe_names:
            pipeline.add_pipe("sentencizer", first=True)
    else:
        pipeline = spacy.blank("en")
        pipeline.add_pipe("sentencizer")
        ruler = pipeline.add_pipe("entity_ruler")
    ruler.add_patterns(_ruler_patterns())  # type: ignore[attr-defined]
    return pipeline


def _ruler_patterns() -> list[dict[str, Any]]:
    money = [
        {"ORTH": "£"},
        {"TEXT": {"REGEX": r"^\d[\d,]*(\.\d{1,2})?$"}},
        {"LOWER": {"IN": ["k", "m", "million"]}, "OP": "?"},
    ]
    money_glued = [{"TEXT": {"REGEX": r"^£\d[\d,]*(\.\d{1,2})?[km]?$"}}]
    month = {"LOWER": {"REGEX": r"^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*$"}}
    date = [{"TEXT": {"REGEX": r"^\d{1,2}(st|nd|rd|th)?$"}}, month, {"SHAPE": "dddd"}]
    titled = [{"ORTH": {"IN": _TITLES}}, {"IS_TITLE": True}, {"IS_TITLE": True, "OP": "?"}]
    chief = [
        {"ORTH": "Chief"},
        {"ORTH": "Inspector"},
        {"IS_TITLE": True},
        {"IS_TITLE": True, "OP": "?"},
    ]
    patterns: list[dict[str, Any]] = [
        {"label": "MONEY", "pattern": money},
        {"label": "MONEY", "pattern": money_glued},
        {"label": "DATE", "pattern": date},
        {"label": "PERSON", "pattern": chief},
        {"label": "PERSON", "pattern": titled},
    ]
    return patterns


@functools.lru_cache(maxsize=16)
def _matcher(profile: Profile) -> Matcher:
    vocab = nlp().vocab
    matcher = Matcher(vocab)
    verbs = {"LOWER": {"IN": decision_verbs(profile)}}
    adverbs = {"LOWER": {"IN": _ADVERBS}, "OP": "*"}
    bodies = [b.lower() for b in profile.words("minutes.decisions.bodies")]
    matcher.add("DECISION", [[{"LOWER": {"IN": bodies}}, adverbs, verbs]])
    matcher.add("DECISION_IT", [[{"LOWER": "it"}, {"LOWER": "was"}, adverbs, verbs]])
    matcher.add("ACTION", [[{"LOWER": "action"}, {"ORTH": {"IN": [":", "-", "–"]}}]])
    matcher.add(
        "RECOMMEND",
        [
            [{"LOWER": "it"}, {"LOWER": "is"}, {"LOWER": "recommended"}],
            [{"LOWER": "is"}, {"LOWER": "recommended"}, {"LOWER": "to"}],
        ],
    )
    return matcher


@functools.lru_cache(maxsize=2048)
def doc(text: str) -> Doc:
    """The parsed text; the interpreters of one paper ask for the same paragraphs many times,
    so parses are kept (read-only: no caller changes a Doc)."""
    return nlp()(text)


def sentences(text: str) -> list[str]:
    return [s.text.strip() for s in doc(text).sents if s.text.strip()]


@dataclass(frozen=True)
class Phrase:
    kind: str  # DECISION | ACTION | RECOMMEND
    outcome: str | None
    sentence: str
    start: int  # character offset of the match in the text


def phrases(text: str, profile: Profile | None = None) -> list[Phrase]:
    """Decision, action and recommendation phrasing in text, one per sentence, in order."""
    profile = profile or default_profile()
    words = outcomes(profile)
    parsed = doc(text)
    found: dict[int, Phrase] = {}
    for match_id, start, end in _matcher(profile)(parsed):
        label = nlp().vocab.strings[match_id]
        span = parsed[start:end]
        sent = span.sent
        if sent.start in found:
            continue
        outcome = words.get(parsed[end - 1].lower_) if label.startswith("DECISION") else None
        if label == "DECISION_IT" and outcome == "noted":
            continue  # "It was noted that ..." records information, not a decision
        kind = "DECISION" if label.startswith("DECISION") else label
        found[sent.start] = Phrase(kind, outcome, sent.text.strip(), span.start_char)
    return [found[k] for k in sorted(found)]


def recommended_outcome(text: str, profile: Profile | None = None) -> str | None:
    """The outcome a recommendation asks for: the first outcome verb after 'recommend'."""
    words = outcomes(profile)
    low = text.lower()
    at = low.find("recommend")
    for token in doc(text[at:] if at >= 0 else text):
        if token.lower_ in words and token.i > 0 and words[token.lower_] not in _NOT_ASKED:
            return words[token.lower_]
    return None


# Vote outcomes are recorded, never asked for.
_NOT_ASKED = ("carried", "fell")


@dataclass(frozen=True)
class Money:
    amount: Decimal
    text: str
    start: int
    end: int


def money(text: str) -> list[Money]:
    """Every sum of money written with a pound sign, exact, in order."""
    out: list[Money] = []
    for ent in doc(text).ents:
        if ent.label_ != "MONEY":
            continue
        try:
            amount = parse_money(ent.text.replace(" ", ""))
        except ParseError:
            continue
        out.append(Money(amount, ent.text, ent.start_char, ent.end_char))
    return out


def people(text: str, gazetteer: Iterable[str] = ()) -> list[str]:
    """People named in text: gazetteer names, titled names, and a model's PERSON entities."""
    parsed = doc(text)
    spans: list[Span] = [e for e in parsed.ents if e.label_ == "PERSON"]
    names = [n for n in dict.fromkeys(gazetteer) if n]
    if names:
        matcher = PhraseMatcher(parsed.vocab)
        matcher.add("KNOWN", [nlp().make_doc(n) for n in names])
        spans += [parsed[s:e] for _, s, e in matcher(parsed)]
    spans = spacy.util.filter_spans(spans)
    return [s.text for s in sorted(spans, key=lambda s: s.start)]


def organisations(text: str, names: Iterable[str] = ()) -> list[str]:
    """Organisations named in text: the profile's names (``organisations.names``) and a
    model's ORG entities."""
    parsed = doc(text)
    spans: list[Span] = [e for e in parsed.ents if e.label_ == "ORG"]
    known = [n for n in dict.fromkeys(names) if n]
    if known:
        matcher = PhraseMatcher(parsed.vocab)
        matcher.add("ORG", [nlp().make_doc(n) for n in known])
        spans += [parsed[s:e] for _, s, e in matcher(parsed)]
    spans = spacy.util.filter_spans(spans)
    return [s.text for s in sorted(spans, key=lambda s: s.start)]
