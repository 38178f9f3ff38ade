"""Who owns an action: the words a paper uses for its owner, resolved through the meeting.

An owner may be written as a full name, a surname or first name ("Mrs Chandler", "Olivia"),
initials ("WM", "AW/IB"), a role ("Clerk", "the Chair", "Secretariat"), an organisation ("MoJ
and HO", "DCLG") or several of these. A ``Roster`` holds the meeting's attendance (with the
initials the paper prints beside names, else the initials each full name gives) and the
profile's roles; ``Roster.resolve`` says what the words name. Pure functions, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from cdrp_archive.archive.people import display_name, name_key, strip_title

_SPLIT = re.compile(r"\s*/\s*|\s*&\s*|\s+and\s+|\s*,\s*|\s*;\s*")
_INITIALS = re.compile(r"^[A-Z]{2,4}$")
_ACRONYM = re.compile(r"^[A-Z][A-Za-z]{0,2}[A-Z]{1,5}s?$")  # DCLG, MoJ, HO, LGA
_LEADING = re.compile(r"^(?:the|a|an|all)\s+", re.I)


@dataclass(frozen=True)
class Owner:
    """What an owner's words name: ``kind`` person | role | organisation | several | none."""

    kind: str
    name: str | None  # the person, role or organisation; None when several or none
    owners: tuple[tuple[str, str], ...] = ()  # (name, kind) of each owner named


NONE = Owner("none", None)


@dataclass
class Roster:
    """The people of one meeting and the roles a body's papers use."""

    people: list[str] = field(default_factory=list)  # display names, attendance first
    initials: dict[str, str] = field(default_factory=dict)  # printed initials -> name
    roles: Sequence[str] = ()
    organisations: Sequence[str] = ()

    @classmethod
    def of(
        cls,
        names: Iterable[str],
        initials: dict[str, str] | None = None,
        roles: Sequence[str] = (),
        organisations: Sequence[str] = (),
    ) -> Roster:
        people = [display_name(_plain(n)) for n in dict.fromkeys(names) if _plain(n)]
        return cls(list(dict.fromkeys(people)), dict(initials or {}), roles, organisations)

    def person(self, words: str) -> str | None:
        """The one attendee the words name (full name, surname, first name or initials)."""
        words = _plain(words)
        if not words:
            return None
        if _INITIALS.match(words):
            if words in self.initials:
                return self.initials[words]
            fits = [p for p in self.people if _initials_of(p) == words]
            return fits[0] if len(fits) == 1 else None
        key = name_key(words)
        if key is None:
            return None
        fits = []
        for person in self.people:
            pkey = name_key(person)
            if pkey is None:
                continue
            if (key.first is None and (pkey.last == key.last or pkey.first == key.last)) or (
                key.first is not None and key.matches(pkey)
            ):
                fits.append(person)
        fits = list(dict.fromkeys(fits))
        return fits[0] if len(fits) == 1 else None

    def role(self, words: str) -> str | None:
        bare = _LEADING.sub("", words.strip(" .")).strip()
        for role in sorted(self.roles, key=len, reverse=True):
            if bare.lower() == role.lower() or bare.lower() == f"{role.lower()}s":
                return role
        return None

    def organisation(self, words: str) -> str | None:
        bare = _LEADING.sub("", words.strip(" .")).strip()
        for org in self.organisations:
            if bare.lower() == org.lower():
                return org
        if _ACRONYM.match(bare) and not _INITIALS.match(bare):
            return bare
        if _INITIALS.match(bare) and len(bare) >= 3 and bare not in self.initials:
            return bare if not any(_initials_of(p) == bare for p in self.people) else None
        return None

    def one(self, words: str) -> tuple[str, str] | None:
        """(name, kind) of one owner, or None when the words name nobody known."""
        words = words.strip(" .:;()")
        if not words:
            return None
        if role := self.role(words):
            return role, "role"
        if person := self.person(words):
            return person, "person"
        if org := self.organisation(words):
            return org, "organisation"
        return None

    def resolve(self, raw: str | None, strict: bool = False) -> Owner:
        """What ``raw`` names. With ``strict``, words that name nobody known give NONE (for
        prose, where the subject of "... agreed to" may be anything); otherwise a name that
        looks like a person's is kept as printed."""
        if not raw or not raw.strip(" .:;()"):
            return NONE
        raw = raw.strip(" .:;")
        whole = self.one(raw)
        if whole:
            return Owner(whole[1], whole[0], (whole,))
        parts = [p for p in _SPLIT.split(raw) if p.strip(" .")]
        if len(parts) > 1:
            found = [self.one(p) for p in parts]
            if all(found) or (not strict and any(found)):
                owners = tuple(
                    f or (p.strip(" ."), "unknown") for f, p in zip(found, parts, strict=True)
                )
                return Owner("several", None, owners)
            return NONE
        if strict:
            return NONE
        if name_key(_plain(raw)) and _plain(raw)[:1].isupper():
            return Owner(
                "person", display_name(_plain(raw)), ((display_name(_plain(raw)), "person"),)
            )
        return NONE


def _plain(name: str) -> str:
    """A name without its title, honours, initials in brackets and single-letter initials
    ("Mr B J Sweetland, CBE" -> "Sweetland")."""
    name = re.sub(r"\([^()]*\)", "", name)
    name = re.sub(r",?\s*\b(?:OBE|MBE|CBE|KBE|DBE|JP|DL|QPM)\b\.?", "", name)
    name = strip_title(name.strip())
    words = [w for w in name.split() if not re.fullmatch(r"[A-Z]\.?", w)]
    return " ".join(words).strip(" ,.")


def _initials_of(name: str) -> str:
    words = [w for w in re.split(r"[\s\-]+", name) if w[:1].isalpha()]
    return "".join(w[0].upper() for w in words) if len(words) >= 2 else ""
