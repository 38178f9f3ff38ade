"""The fields of an action as logs and minutes print them: state, owner, due date, lead.

Shared by the action-log and matters-arising interpreters; pure functions over text and a
conventions profile (``[action_states]``, ``[action_logs]``), so a body's vocabulary is data:

- ``state_of``: a printed status ("Carried\\nforward", "Complete", "On track", a prose update
  "still awaiting the letter") -> open, on track, done, overdue, dropped, or unknown; a due
  date passed before the update's date makes an open action overdue;
- ``doer_of``: the doer an action names at its start ("GS and JT to meet …", "Minister to
  write …", "Transparency Team to share …");
- ``lead_of``: the lead a heading names ("National Address Dataset – Lead HS/BB");
- ``resolve_owner``: an owner as printed -> one person (initials or a partial name resolved
  through the names the paper gives), a role or body as printed, or None for several;
- ``names_in``: the full names a paper prints beside initials or in attendance lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date

from cdrp_archive.archive.people import display_name, is_full_name, name_key, resolve
from cdrp_archive.archive.values import find_dates
from cdrp_archive.extract.conventions import Profile

STATES = ("open", "on track", "done", "overdue", "dropped", "unknown")


def norm(text: str | None) -> str:
    """Lower case, spaces collapsed, outer punctuation dropped: how vocabularies are matched."""
    return re.sub(r"\s+", " ", (text or "").lower()).strip(" .:;*-–—()[]")


def printed(text: str | None) -> str | None:
    """A cell's text as printed, its line breaks as spaces ("Carried\\nforward")."""
    found = " ".join((text or "").split())
    return found or None


def _vocabulary(profile: Profile) -> dict[str, str]:
    words: dict[str, str] = {}
    for state, listed in profile.mapping("action_states").items():
        if state in STATES and isinstance(listed, list):
            for word in listed:
                words.setdefault(norm(str(word)), state)
    return words


def status_state(status: str | None, profile: Profile) -> str | None:
    """The state a printed status word names ("Completed" -> done), or None: the whole
    status, else its first one to three words ("Complete - slides sent")."""
    words = _vocabulary(profile)
    text = norm(status)
    if not text:
        return None
    if text in words:
        return words[text]
    parts = re.split(r"[\s/,:;–—-]+", text)
    for n in (3, 2, 1):
        head = " ".join(parts[:n])
        if len(parts) > n and head in words and (n > 1 or len(head) > 1):
            return words[head]
    return None


def phrase_state(text: str | None, profile: Profile) -> str | None:
    """The state a prose update implies (``[action_states.phrases]``), or None."""
    phrases = profile.mapping("action_states.phrases")
    for pattern, state in phrases.items():
        if state in STATES and re.search(pattern, text or "", re.IGNORECASE):
            return str(state)
    return None


def state_of(
    status: str | None,
    profile: Profile,
    due: str | None = None,
    as_of: str | None = None,
    prose: bool = False,
) -> str:
    """The normalised state of a printed status: its word, else (for prose) its phrasing, else
    unknown; open with a due date before ``as_of`` is overdue."""
    state = status_state(status, profile)
    if state is None and prose:
        state = phrase_state(status, profile)
    state = state or "unknown"
    if state in ("open", "unknown") and status and due and as_of and due < as_of:
        return "overdue"
    return state


# --- owners --------------------------------------------------------------------------------

_INITIALS = re.compile(r"^[A-Z][a-z]?[A-Z][a-z]?$|^[A-Z]{2,3}$")  # JG, JTe, AMW; not ODUG
_WHO_WORD = r"(?:[A-Z][\w.'’&-]*|[A-Z]{2,}[a-z]?)"
_WHO = rf"{_WHO_WORD}(?:\s+{_WHO_WORD}){{0,3}}"
_DOER = re.compile(
    rf"^(?:the\s+)?(?P<who>{_WHO}(?:\s*(?:,|/|&|and)\s*(?:the\s+)?{_WHO})*)\s+(?:to|will|would)\s+"
    r"(?P<verb>[a-z]+)\b"
)
_SEVERAL = re.compile(r"\s*(?:,|/|&|\band\b)\s*")


def doer_of(text: str | None) -> str | None:
    """The doer named at an action's start: ``GS and JT to meet …`` -> ``GS and JT``."""
    match = _DOER.match((text or "").strip())
    if not match:
        return None
    who = match.group("who").strip()
    first = who.split()[0]
    if first.lower() in ("to", "action", "actions", "all"):  # "All to …" is handled as a role
        return who if first.lower() == "all" else None
    return who


def lead_of(heading: str | None, profile: Profile) -> str | None:
    """The lead a section heading names (``… – Lead HS/BB`` -> ``HS/BB``), or None."""
    pattern = profile.value("action_logs.lead")
    if not heading or not pattern:
        return None
    match = re.search(str(pattern), heading.strip(), re.IGNORECASE)
    return " ".join(match.group("who").split()).strip(" .") if match else None


def is_role(text: str | None, profile: Profile) -> bool:
    return norm(text) in {norm(r) for r in profile.words("action_logs.roles")}


def initials_of(name: str) -> set[str]:
    """The initials a paper may give a person: ``Jeni Tennison`` -> JT, JTe; with a middle
    name, its initial too."""
    words = [w for w in display_name(name).replace("-", " ").split() if w[:1].isalpha()]
    if len(words) < 2:
        return set()
    first, last = words[0], words[-1]
    found = {f"{first[0]}{last[0]}".upper(), f"{first[0].upper()}{last[0].upper()}{last[1:2]}"}
    if len(words) == 3:
        found.add(f"{first[0]}{words[1][0]}{last[0]}".upper())
    return found


def resolve_owner(raw: str | None, names: Sequence[str], profile: Profile) -> str | None:
    """One owner from the printed owner: a person (full name; initials or a partial name
    resolved through ``names`` when exactly one fits), a role or body as printed; None for
    several owners or initials no name explains."""
    text = " ".join((raw or "").split()).strip(" .,;()")
    if not text:
        return None
    if len([p for p in _SEVERAL.split(text) if p]) > 1:
        return None
    if _INITIALS.match(text) and not is_role(text, profile):
        fits = [n for n in dict.fromkeys(names) if text in initials_of(n)]
        return display_name(fits[0]) if len(fits) == 1 else None
    if is_role(text, profile):
        return text[:1].upper() + text[1:]
    found = resolve(text, names) if name_key(text) else None
    if found:
        return found
    return display_name(text) if is_full_name(text) else text


# --- names the paper gives -----------------------------------------------------------------

_NAME = r"[A-Z][a-z'’]+(?:[ -][A-Z][a-z'’]+){1,2}"
_KEYED = re.compile(rf"(?P<name>{_NAME})\s*\((?P<initials>[A-Z][A-Za-z]{{1,3}})\)")
_LISTED = re.compile(rf"(?P<name>{_NAME})\s*(?:[–—-]|,|\(|$)")


def names_in(lines: Iterable[str], profile: Profile) -> list[str]:
    """Full names the paper prints with their initials ("Kieron O'Hara (KO)"), then those in
    lines that open with an attendance heading (``[action_logs] attendance``)."""
    lines = list(lines)
    keyed = [m.group("name") for line in lines for m in _KEYED.finditer(line)]
    heads = tuple(norm(h) for h in profile.words("action_logs.attendance"))
    listed = []
    for line in lines:
        low = norm(line)
        if heads and low.startswith(heads):
            body = line.split(":", 1)[-1]
            listed.extend(m.group("name") for m in _LISTED.finditer(body))
    return [n for n in dict.fromkeys([*keyed, *listed]) if is_full_name(n)]


def due_of(text: str | None, today: str | None = None) -> str | None:
    """The first full date a due cell gives (ISO), or None ("next meeting", "ASAP")."""
    found = find_dates(text or "")
    return found[0][1].isoformat() if found else None


def iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
