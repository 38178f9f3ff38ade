"""People: one person behind the many ways papers name them.

"Inspector Savage", "Chris Savage" and "Insp Chris Savage" are one person; so are "Dave
Sargent", "Chief Inspector Dave Sargent" and "David Sargent". A name is reduced to a
``NameKey`` (first name or initial, surname) without titles; a partial name ("Inspector
Savage", "Councillor Manning") resolves to the one known person with that surname, when there
is exactly one. Known people come from attendance lists, "Lead Officer:" lines and report
authors across the archive (see ``known_people``). Pure functions, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

TITLES = (
    "detective chief inspector",
    "detective inspector",
    "chief superintendent",
    "superintendent",
    "chief inspector",
    "inspector",
    "insp",
    "ch insp",
    "dci",
    "di",
    "ci",
    "sgt",
    "sergeant",
    "pc",
    "pcso",
    "county councillor",
    "district councillor",
    "councillor",
    "cllr",
    "magistrate",
    "chief executive",
    "cdrp chairman",
    "chairman",
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
)
_TITLE_RE = re.compile(
    r"^(?:(?:" + "|".join(re.escape(t) for t in TITLES) + r")\.?\s+)+", re.IGNORECASE
)
# Short forms that name the same first name.
NICKNAMES = {
    "dave": "david",
    "phil": "philip",
    "chris": "christopher",
    "mike": "michael",
    "mick": "michael",
    "jenny": "jennifer",
    "jennie": "jennifer",
    "jen": "jennifer",
    "tom": "thomas",
    "rick": "richard",
    "dick": "richard",
    "steve": "stephen",
    "jim": "james",
    "bob": "robert",
    "rob": "robert",
    "liz": "elizabeth",
    "sue": "susan",
}
_NAME_WORD = re.compile(r"^[A-Z][a-zA-Z'’\-]+$")


@dataclass(frozen=True)
class NameKey:
    first: str | None  # normalised first name (nicknames expanded), or None
    last: str

    def matches(self, other: NameKey) -> bool:
        """Same surname, and first names that agree: equal, one of them unknown, or one an
        initial of the other ("H Turner" and "Helen Turner")."""
        if self.last != other.last:
            return False
        a, b = self.first, other.first
        if a is None or b is None or a == b:
            return True
        return (len(a) == 1 or len(b) == 1) and a[0] == b[0]


def strip_title(name: str) -> str:
    return _TITLE_RE.sub("", " ".join(name.split())).strip(" ,.-–")


def title_of(name: str) -> str | None:
    match = _TITLE_RE.match(" ".join(name.split()))
    return match.group(0).strip() if match else None


def name_key(name: str, loose: bool = False) -> NameKey | None:
    """The (first, last) key of a person's name; None if it does not look like a name.

    A paper's capitals are part of what makes a name; ``loose`` is for a name a user typed:
    any case ("helen turner", "SAVAGE"), and initials before the surname ("H. Turner").
    """
    words = [w for w in re.split(r"\s+", strip_title(name)) if w]
    words = [w.strip(".,()") for w in words if w.strip(".,()")]
    if loose:
        words = [w[:1].upper() + w[1:] for w in words]
        if len(words) > 1 and all(len(w) == 1 and w.isalpha() for w in words[:-1]):
            return _key_of(words[0], words[-1]) if _NAME_WORD.match(words[-1]) else None
    if not words or not all(_NAME_WORD.match(w) for w in words) or len(words) > 4:
        return None
    if len(words) == 1:
        return NameKey(None, words[0].lower())
    return _key_of(words[0], words[-1])


def _key_of(first: str, last: str) -> NameKey:
    first = first.lower()
    return NameKey(NICKNAMES.get(first, first), last.lower())


def display_name(name: str) -> str:
    """A name as shown: title removed, spacing tidied ("Insp Chris Savage" -> "Chris Savage")."""
    return " ".join(strip_title(name).split())


def is_full_name(name: str) -> bool:
    key = name_key(name)
    return key is not None and key.first is not None


def resolve(name: str, known: Iterable[str], loose: bool = False) -> str | None:
    """The one known full name this name refers to, or None when none or several fit.

    Among several spellings of the same person ("Dave Sargent", "David Sargent"), the first
    given wins, so pass the most authoritative source (attendance lists) first. ``loose``
    reads ``name`` as typed by a user (``name_key``).
    """
    key = name_key(name, loose)
    if key is None:
        return None
    people: list[tuple[NameKey, str]] = []
    for candidate in known:
        ckey = name_key(candidate)
        if ckey is None or ckey.first is None:
            continue
        if any(ckey == seen for seen, _ in people):
            continue
        people.append((ckey, display_name(candidate)))
    fits = [shown for ckey, shown in people if key.matches(ckey)]
    return fits[0] if len(fits) == 1 else None


def canonical(name: str, known: Iterable[str]) -> str:
    """The resolved full name, else the name without its title."""
    return resolve(name, known) or display_name(name)


def same_person(a: str, b: str, known: Iterable[str] = ()) -> bool:
    """Whether two names refer to one person (through ``known`` for partial names)."""
    return person_matcher(a, known)(b)


def wanted_key(name: str, known: Iterable[str] = ()) -> NameKey | None:
    """The key of the person a user names, in any case or spelling the resolver knows: the
    known person it resolves to, else the name itself."""
    resolved = resolve(name, known, loose=True)
    return name_key(resolved) if resolved else name_key(name, loose=True)


def surname_of(name: str, known: Iterable[str] = ()) -> str | None:
    """The surname (lower case) of the person a user names: what the store indexes."""
    key = wanted_key(name, list(known))
    return key.last if key else None


def person_matcher(name: str, known: Iterable[str] = ()) -> Callable[[str], bool]:
    """``same_person(name, other, known)`` as a test of ``other``, resolving ``name`` (as a
    user typed it) once."""
    known = list(known)
    wanted = wanted_key(name, known)

    def matches(other: str) -> bool:
        key = name_key(canonical(other, known))
        return wanted is not None and key is not None and wanted.matches(key)

    return matches


# Where a full name is best spelled: attendance lists first, then lead officers, authors ...
_AUTHORITY = {"attendance": 0, "update": 1, "recommendation": 2, "action": 3, "decision": 4}


def known_people(names: Iterable[tuple[str, str]]) -> list[str]:
    """Every full name the archive knows from (record type, name) pairs (``Store.person_names``),
    attendance lists first (the best spelled)."""
    ranked = [
        (_AUTHORITY.get(kind, 9), display_name(name))
        for kind, name in names
        if isinstance(name, str) and is_full_name(name)
    ]
    seen: dict[str, None] = {}
    for _, name in sorted(ranked, key=lambda pair: pair[0]):
        seen.setdefault(name, None)
    return list(seen)
