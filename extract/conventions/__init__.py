"""Conventions as data: a body's habits of writing papers, kept in profiles, not in code.

Outcome words, action forms, reference patterns, status vocabularies, the section headings of a
body's forms, fund and organisation names, acronyms: each body has its own, and a partnership's
own change over the years. A ``Profile`` holds them as data read from TOML:

- ``profiles/default.toml`` (installed with the package) is the generic default, made from the
  common forms of English local-government papers; it must serve a body never seen;
- other installed profiles (one body's habits) and the user's own, in ``<archive home>/profiles/
  *.toml``, *extend* a profile (``extends = "default"`` unless they say otherwise): tables merge
  key by key, lists are added to (duplicates dropped); ``replace = ["a.b"]`` makes the file's
  ``a.b`` replace the inherited value instead;
- a paper is read with the profile the user names at ingest, else the one whose ``select``
  phrases its opening text holds most often, else the default.

Keys are dotted paths (``outcomes.words``); readers of a profile ask for the shape they expect
(``words``, ``mapping``, ``patterns``, ``value``) and get an empty value for a key no profile
sets, so an interpreter works with any profile.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from cdrp_archive.archive.errors import ParseError

DEFAULT = "default"


@dataclass(frozen=True)
class Profile:
    """One body's conventions, already merged with everything it extends."""

    name: str
    description: str = ""
    select: tuple[str, ...] = ()
    data: Mapping[str, Any] = field(default_factory=dict, hash=False, compare=False)
    source: str = ""  # where it was read from, for messages

    def value(self, key: str, default: Any = None) -> Any:
        node: Any = self.data
        for part in key.split("."):
            if not isinstance(node, Mapping) or part not in node:
                return default
            node = node[part]
        return node

    def words(self, key: str) -> tuple[str, ...]:
        """A list of strings (empty when unset)."""
        found = self.value(key, ())
        if isinstance(found, str):
            return (found,)
        return tuple(str(x) for x in found) if isinstance(found, list | tuple) else ()

    def mapping(self, key: str) -> Mapping[str, Any]:
        """A table (empty when unset)."""
        found = self.value(key, {})
        return found if isinstance(found, Mapping) else {}

    def patterns(self, key: str) -> tuple[re.Pattern[str], ...]:
        """A list of regular expressions, compiled case-insensitively (empty when unset)."""
        return _compiled(self.words(key))

    def matches(self, text: str) -> int:
        """How many of the profile's ``select`` phrases the text holds (case-insensitive)."""
        low = text.lower()
        return sum(1 for phrase in self.select if phrase.lower() in low)


@functools.lru_cache(maxsize=256)
def _compiled(sources: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(s, re.IGNORECASE) for s in sources)


# --- reading and merging profile files ---------------------------------------------------


def _read(text: str, source: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ParseError(f"{source}: not a valid profile ({exc})") from None


def merge(base: Mapping[str, Any], extra: Mapping[str, Any], replace: Iterable[str] = ()) -> dict:
    """``extra`` laid over ``base``: tables merge, lists are added to, other values replace;
    a dotted key in ``replace`` is taken from ``extra`` whole."""
    replacing = set(replace)
    return _merge(base, extra, replacing, "")


def _merge(base: Mapping[str, Any], extra: Mapping[str, Any], replacing: set[str], at: str) -> dict:
    out = dict(base)
    for key, value in extra.items():
        path = f"{at}{key}"
        old = out.get(key)
        if path in replacing or old is None:
            out[key] = value
        elif isinstance(old, Mapping) and isinstance(value, Mapping):
            out[key] = _merge(old, value, replacing, path + ".")
        elif isinstance(old, list) and isinstance(value, list):
            out[key] = _joined(old, value)
        else:
            out[key] = value
    return out


def _joined(old: list[Any], new: list[Any]) -> list[Any]:
    """``old`` then the items of ``new`` it lacks (items may be tables, so compared by value)."""
    out = list(old)
    for item in new:
        if item not in out:
            out.append(item)
    return out


_META = ("name", "description", "extends", "select", "replace")


def _builtin_files() -> dict[str, tuple[str, str]]:
    folder = resources.files(__package__).joinpath("profiles")
    out: dict[str, tuple[str, str]] = {}
    for entry in folder.iterdir():
        if entry.name.endswith(".toml"):
            out[entry.name[: -len(".toml")]] = (entry.read_text(encoding="utf-8"), str(entry))
    return out


def load_profiles(folders: Sequence[Path] = ()) -> dict[str, Profile]:
    """Every profile: the installed ones, then the ``*.toml`` files of ``folders`` (a file
    named like an installed profile extends it). Raises ParseError for a bad file."""
    raw: dict[str, tuple[dict[str, Any], str]] = {}
    for stem, (text, source) in sorted(_builtin_files().items()):
        raw[stem] = (_read(text, source), source)
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            data = _read(path.read_text(encoding="utf-8"), str(path))
            name = str(data.get("name") or path.stem)
            if name in raw and "extends" not in data:
                data = {**data, "extends": f"{name}@builtin"}
                raw[f"{name}@builtin"] = raw[name]
            raw[name] = (data, str(path))
    return {name: _resolve(name, raw, ()) for name in raw if "@" not in name}


def _resolve(
    name: str, raw: Mapping[str, tuple[dict[str, Any], str]], chain: tuple[str, ...]
) -> Profile:
    if name not in raw:
        raise ParseError(f"profile {chain[-1]!r} extends {name!r}, which no profile file defines")
    if name in chain:
        raise ParseError(f"profiles extend each other in a loop: {' -> '.join((*chain, name))}")
    data, source = raw[name]
    parent = data.get("extends", None if name.split("@", 1)[0] == DEFAULT else DEFAULT)
    body = {k: v for k, v in data.items() if k not in _META}
    if parent:
        base = _resolve(str(parent), raw, (*chain, name))
        body = merge(base.data, body, data.get("replace", ()))
    select = data.get("select", [])
    return Profile(
        name=name.split("@", 1)[0],
        description=str(data.get("description", "")),
        select=tuple(select) if isinstance(select, list) else (str(select),),
        data=body,
        source=source,
    )


@functools.cache
def builtin_profiles() -> Mapping[str, Profile]:
    """The installed profiles (read once per process)."""
    return load_profiles()


def default_profile() -> Profile:
    return builtin_profiles()[DEFAULT]


def choose(profiles: Mapping[str, Profile], head: str, name: str | None = None) -> Profile:
    """The profile to read a paper with: the named one, else the one whose ``select`` phrases
    the paper's opening text holds most often (ties and no match: the default)."""
    if name is not None:
        if name not in profiles:
            known = ", ".join(sorted(profiles))
            raise ParseError(f"no profile named {name!r} (profiles: {known})")
        return profiles[name]
    scored = sorted(
        ((p.matches(head), p.name) for p in profiles.values() if p.name != DEFAULT and p.select),
        reverse=True,
    )
    if scored and scored[0][0] > 0 and (len(scored) == 1 or scored[0][0] > scored[1][0]):
        return profiles[scored[0][1]]
    return profiles[DEFAULT]
