"""Updates on earlier actions given in minutes: matters arising, and numbered action lists.

Two forms:

- **a matters-arising section**: a heading that opens with the words of ``[action_logs]
  arising_headings`` ("4. Matters Arising:"), then one paragraph per matter up to the next
  numbered item. Each paragraph is one ``action_update``: its ref is the earlier minute it
  names ("Item 4c Minutes dated 12 June" -> ``4c (12 June)``, ``arising_ref``), its action the
  topic before a dash ("Recycling Credits - there is nothing further …") or else the
  paragraph, its status the paragraph's update as printed, its owner the doer the update
  names ("The Clerk reported …", "Highways have inspected …");
- **a numbered action list with updates**: "1) Action: <what>. Update: <how it stands>." (the
  labels are ``action_label`` and ``update_labels``); each number is one update, ref the
  number, section the minute it sits in.

The state comes from the update's words (``[action_states.phrases]``): "still awaiting" is
open, "was then repaired" done; nothing said is unknown. ``as_of`` is the meeting's date
(``meeting``). Pure: the paper view in, records out.
"""

from __future__ import annotations

import re

from cdrp_archive.archive.models import Record
from cdrp_archive.extract.action_fields import doer_of, printed, resolve_owner, state_of
from cdrp_archive.extract.context import DocContext
from cdrp_archive.extract.conventions import Profile
from cdrp_archive.extract.flow import Unit
from cdrp_archive.extract.interpreter import Earlier, Interpreter
from cdrp_archive.extract.view import PaperView

_NUMBERED = re.compile(r"^\s*(?:\d{1,3}[.)]|\d{1,3}/\d{2,4}|\d{3,5}\b)\s+\S")
_TOPIC = re.compile(r"^(?P<topic>[^.\-–—:]{3,70}?)\s+[-–—]\s+(?P<rest>\S.*)$")
_SUBJECT = re.compile(
    r"^(?P<who>(?:[Tt]he\s+)?(?:Cllr\s+|Councillor\s+)?[A-Z][\w'’]*(?:\s+[A-Z][\w'’]*){0,3})\s+"
    r"(?:reported|has|have|had|are|is|was|were|will|would|advised|confirmed|informed|met|"
    r"carried|agreed|wrote|chased|contacted|asked|offered)\b"
)


def _heading_patterns(profile: Profile) -> list[re.Pattern[str]]:
    return [
        re.compile(rf"^\s*(?:\d{{1,3}}[.)]?\s*|\d{{1,3}}/\d{{2,4}}\s*)?(?:{h})\b", re.I)
        for h in profile.words("action_logs.arising_headings")
    ]


def matters_arising(view: PaperView, ctx: DocContext, earlier: Earlier) -> list[Record]:
    """Every action_update of the paper's matters-arising sections and action lists."""
    profile = ctx.conventions
    units = [u for u in view.items if isinstance(u, Unit)]
    names = [n for r in earlier.get("attendance", ()) if (n := r.fields.get("name"))]
    heads = _heading_patterns(profile)
    records: list[Record] = []
    section: str | None = None
    minute: str | None = None
    for unit in units:
        text = " ".join(unit.text.split())
        if any(p.match(text) for p in heads) and len(text) <= 80:
            section = text.rstrip(":").strip()
            section = re.sub(r"^\s*\d{1,3}[.)]?\s*", "", section)
            continue
        listed = _action_list(text, profile)
        if _NUMBERED.match(text) and not listed:
            section = None
            minute = _minute_title(text)
        if listed:
            for ref, action, status in listed:
                # the owner is the doer the action names; who gave the update is not
                who = doer_of(action) or _subject(action) or ""
                records.append(_record(ctx, unit.page, ref, action, status, minute, names, who))
            continue
        if section is not None and len(text) >= 20:
            ref, body = _arising_ref(text, profile)
            topic = _TOPIC.match(body)
            action, status = (topic.group("topic"), topic.group("rest")) if topic else (body, body)
            records.append(_record(ctx, unit.page, ref, action, status, section, names))
    return records


INTERPRETER = Interpreter(
    "matters_arising", emits=("action_update",), reads=("attendance",), run=matters_arising
)


_PRONOUNS = frozenset(
    ["he", "she", "they", "it", "we", "this", "that", "these", "those", "there", "i", "you"]
)


def _subject(text: str | None) -> str | None:
    """Who a sentence says acted: "The Clerk reported …" -> The Clerk (not a pronoun)."""
    match = _SUBJECT.match(text or "")
    if not match or match.group("who").lower() in _PRONOUNS:
        return None
    return match.group("who").strip()


def _minute_title(text: str) -> str:
    """A minute's heading: its number and the words before its first bullet or sentence."""
    head = re.split(r"\s+[•·]\s+|(?<=[a-z])\.\s", text, maxsplit=1)[0]
    return head if len(head) <= 80 else " ".join(head.split()[:6])


def _arising_ref(text: str, profile: Profile) -> tuple[str | None, str]:
    """("4c (12 June)", the rest) for "Item 4c Minutes dated 12 June - …"; (None, text)."""
    pattern = profile.value("action_logs.arising_ref")
    match = re.match(str(pattern), text, re.I) if pattern else None
    if not match:
        return None, text
    ref, when = match.group("ref"), (match.group("when") or "").strip()
    return (f"{ref} ({when})" if when else ref), text[match.end() :].strip()


def _action_list(text: str, profile: Profile) -> list[tuple[str, str, str | None]]:
    """(number, action, update) for each "1) Action: … Update: …" entry of a paragraph."""
    label = profile.value("action_logs.action_label")
    updates = profile.words("action_logs.update_labels")
    if not label or not updates:
        return []
    starts = list(re.finditer(rf"(?:^|\s)(?P<n>\d{{1,2}})\)\s*(?:{label})\s*:\s*", text, re.I))
    if not starts:
        return []
    ends = [m.start() for m in starts[1:]] + [len(text)]
    update = re.compile(rf"(?:^|\s)(?:{'|'.join(updates)})\b[^:]{{0,160}}:\s*", re.I)
    out = []
    for m, end in zip(starts, ends, strict=True):
        body = text[m.end() : end].strip()
        found = update.search(body)
        if found is None:
            continue
        action, status = body[: found.start()].strip(), body[found.end() :].strip()
        further = re.search(r"\s(?:further action agreed)\s*:", status, re.I)
        status = status[: further.start()].strip() if further else status
        out.append((m.group("n"), action, status or None))
    return out


def _record(
    ctx: DocContext,
    page: int,
    ref: str | None,
    action: str,
    status: str | None,
    section: str | None,
    names: list[str],
    who: str | None = None,
) -> Record:
    profile = ctx.conventions
    raw = (who or None) if who is not None else _subject(status)
    state = state_of(status, profile, prose=True)
    owner = resolve_owner(raw, names, profile) if raw else None
    if owner and owner.lower().startswith("the "):
        owner = owner[4:]  # "The Clerk": the role
        owner = owner[:1].upper() + owner[1:]
    text = f"{action} — {status or 'no update'} ({state})"
    return ctx.record(
        "action_update",
        page,
        text,
        ref=ref,
        action=printed(action),
        owner=owner,
        owner_raw=raw,
        status=printed(status),
        state=state,
        section=section,
        as_of=ctx.date,
        as_of_source="meeting" if ctx.date else None,
    )
