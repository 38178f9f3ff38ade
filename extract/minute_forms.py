"""The forms of decisions and actions in minutes, read from a conventions profile.

Pure functions over one sentence: ``decision_in`` says whether it records a decision (with
the word as printed and its normalised outcome), ``action_in`` whether it sets an action (with
the owner as printed). The forms are the profile's (``[minutes.decisions]``,
``[minutes.actions]``, ``[outcomes]``), so a body's own phrasing is data.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from cdrp_archive.extract.conventions import Profile, default_profile


@dataclass(frozen=True)
class Forms:
    outcomes: dict[str, str]
    markers: tuple[re.Pattern[str], ...]
    body_verb: re.Pattern[str]
    impersonal: tuple[re.Pattern[str], ...]
    votes_outcome: tuple[re.Pattern[str], ...]
    not_decisions: tuple[re.Pattern[str], ...]
    action_markers: tuple[re.Pattern[str], ...]
    inline: tuple[re.Pattern[str], ...]
    undertakings: tuple[re.Pattern[str], ...]
    due: tuple[re.Pattern[str], ...]
    votes: tuple[tuple[str, re.Pattern[str]], ...]
    roles: tuple[str, ...]
    organisations: tuple[str, ...]
    bodies: frozenset[str]


@functools.lru_cache(maxsize=16)
def forms_of(profile: Profile | None = None) -> Forms:
    profile = profile or default_profile()
    outcomes = {str(k).lower(): str(v) for k, v in profile.mapping("outcomes").items()}
    outcomes.update(
        {str(k).lower(): str(v) for k, v in profile.mapping("minutes.decisions.phrases").items()}
    )
    bodies = [re.escape(b) for b in profile.words("minutes.decisions.bodies")]
    adverbs = [re.escape(a) for a in profile.words("minutes.decisions.adverbs")]
    verbs = [re.escape(v) for v in profile.words("minutes.decisions.verbs")]
    body_verb = re.compile(
        rf"\b(?P<body>{'|'.join(bodies) or 'board'})\s+(?:(?:{'|'.join(adverbs) or 'also'})\s+)*"
        rf"(?P<word>{'|'.join(verbs) or 'agreed'})\b",
        re.I,
    )
    votes = tuple(
        (kind, pattern)
        for kind in ("for", "against", "abstain")
        for pattern in profile.patterns(f"minutes.votes.{kind}")
    )
    return Forms(
        outcomes=outcomes,
        markers=profile.patterns("minutes.decisions.markers"),
        body_verb=body_verb,
        impersonal=profile.patterns("minutes.decisions.impersonal"),
        votes_outcome=profile.patterns("minutes.decisions.votes_outcome"),
        not_decisions=profile.patterns("minutes.decisions.not_decisions"),
        action_markers=profile.patterns("minutes.actions.markers"),
        inline=profile.patterns("minutes.actions.inline"),
        undertakings=profile.patterns("minutes.actions.undertakings"),
        due=profile.patterns("minutes.actions.due"),
        votes=votes,
        roles=profile.words("minutes.actions.roles"),
        organisations=profile.words("organisations.names"),
        bodies=frozenset(b.lower() for b in profile.words("minutes.decisions.bodies")),
    )


@dataclass(frozen=True)
class Found:
    """A decision's word as printed and its outcome; ``form`` says which form matched."""

    verbatim: str
    outcome: str | None
    form: str  # marker | body | impersonal | vote


_LABEL = r"(?:\(?(?:\d{1,3}|[a-z]|[ivx]{1,4})[.)]\s+)?"


def decision_in(sentence: str, forms: Forms) -> Found | None:
    """The decision a sentence records, if it records one."""
    text = sentence.strip().lstrip("•·-–* ")
    text = re.sub(rf"^{_LABEL}", "", text)
    if any(p.search(text) for p in forms.not_decisions):
        return None
    for form, patterns in (
        ("marker", forms.markers),
        ("vote", forms.votes_outcome),
        ("impersonal", forms.impersonal),
    ):
        for pattern in patterns:
            match = pattern.search(text)
            if match and (form != "marker" or _marker_word(match.group("word"))):
                return _found(match.group("word"), form, forms)
        if form == "vote":
            match = forms.body_verb.search(text)
            if match and not re.search(r"\bto\s*$", text[: match.start()]):
                return _found(match.group("word"), "body", forms)
    return None


def _marker_word(word: str) -> bool:
    """RESOLVED, Resolved, DECISION: a marker starts the sentence capitalised."""
    return word[:1].isupper()


def _found(word: str, form: str, forms: Forms) -> Found:
    low = " ".join(word.lower().split())
    outcome = forms.outcomes.get(low)
    if form == "marker" and low.startswith("resolved"):
        outcome = "resolved"
    return Found(" ".join(word.split()), outcome, form)


@dataclass(frozen=True)
class ActionForm:
    owner_raw: str | None
    what: str
    form: str  # marker | inline | undertaking
    needs_text: bool = False  # the marker names only the owner: the task is the text before


def action_marker(sentence: str, forms: Forms) -> ActionForm | None:
    """A marked action: "Action: WM to circulate ...", "Action Point: ...", "ACTION: Clerk",
    "Further Action Agreed: That the Clerk ...", "... (ACTION: EP)"."""
    text = sentence.strip().lstrip("•·-–* ")
    for pattern in forms.action_markers:
        match = pattern.match(text)
        if match:
            return _marked(match.group("rest").strip(), forms)
    for pattern in forms.inline:
        match = pattern.search(text)
        if match:
            owner = (match.groupdict().get("owner") or "").strip() or None
            what = (text[: match.start()] + text[match.end() :]).strip(" .")
            return ActionForm(owner, what, "inline")
    return None


def _marked(rest: str, forms: Forms) -> ActionForm:
    rest = re.sub(r"^that\s+", "", rest, flags=re.I).strip()
    bracket = re.search(r"\(([^()]{2,80})\)\s*\.?\s*$", rest)
    if bracket and not re.search(r"\d", bracket.group(1)):
        return ActionForm(bracket.group(1).strip(), rest[: bracket.start()].strip(" ."), "marker")
    match = re.match(
        r"^(?P<owner>.{1,60}?)\s+(?:to|will|would|agreed\s+to|should)\s+(?P<what>\S.*)$", rest
    )
    if match and _ownerish(match.group("owner")):
        return ActionForm(match.group("owner").strip(), match.group("what").strip(), "marker")
    if rest and len(rest) <= 40 and _ownerish(rest.rstrip(".")):
        return ActionForm(rest.rstrip(". "), "", "marker", needs_text=True)
    return ActionForm(None, rest, "marker", needs_text=not rest)


def _ownerish(words: str) -> bool:
    """Words that can name an owner: capitalised names, initials, a role, not a clause."""
    words = re.sub(r"^(?:the|all)\s+", "", words.strip(), flags=re.I)
    if not words or len(words.split()) > 8 or not words[:1].isupper():
        return False
    return not re.search(r"\b(?:is|are|was|were|has|have|had|be|been)\b", words)


def undertaking_in(sentence: str, forms: Forms) -> ActionForm | None:
    """A party's undertaking in prose ("The Chair agreed to write ...", "Clerk to chase ...");
    the caller decides whether the owner names someone of the meeting."""
    text = sentence.strip().lstrip("•·-–* ")
    text = re.sub(rf"^{_LABEL}", "", text)
    for pattern in forms.undertakings:
        match = pattern.match(text)
        if match and _ownerish(match.group("owner")):
            owner = match.group("owner").strip()
            if owner.lower().split()[-1] in forms.bodies:
                continue  # "The Panel agreed to ..." is the body's decision
            return ActionForm(owner, match.group("what").strip(), "undertaking")
    return None


def due_in(text: str, forms: Forms) -> str | None:
    from cdrp_archive.archive.values import find_dates

    for pattern in forms.due:
        match = pattern.search(text)
        if match:
            dates = find_dates(match.group("when"))
            if dates:
                return dates[0][1].isoformat()
    return None


def votes_in(text: str, forms: Forms) -> tuple[str, int] | None:
    """("for" | "against" | "abstain", count) of a recorded vote's line."""
    for kind, pattern in forms.votes:
        match = pattern.match(text.strip())
        if match:
            count = match.groupdict().get("n") or match.groupdict().get("m")
            if count is not None:
                return kind, int(count)
    return None
