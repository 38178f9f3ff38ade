"""Fuzzing the readers and interpreters: whatever text comes in, they give records or raise the
project's own errors, never anything else."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from cdrp_archive.archive.errors import ArchiveError
from cdrp_archive.extract.pipeline import extract

WORDS = [
    "Priority",
    "Number",
    "Action",
    "Milestones",
    "Q1 Status",
    "Q2 Progress",
    "Green",
    "Amber",
    "Red",
    "G",
    "8",
    "•",
    "1.3a",
    "4.3d Set up",
    "Homeshield",
    "Stats Awaited",
    "£50,000",
    "23,167.00",
    "Action:",
    "Helen Turner to",
    "The Group NOTED",
    "APPROVED",
    "88.",
    "MINUTES",
    "Lead Officer:",
    "Key Achievements",
    "Quarter 2",
    "July to September 2009",
    "2009-10",
    "It is recommended that the Board approve",
    "Present:",
    "Apologies",
    "Totals",
    "SSCF",
    "Pooled fund",
    "¹",
    "responsivenes s",
    "Anti- Social",
    "\t",
    "\n",
    "\n\n",
    "\f",
    "<b>",
    "|",
]
tokens = st.lists(st.sampled_from(WORDS) | st.text(max_size=8), max_size=120)


def check(name: str, data: bytes) -> None:
    try:
        document, records = extract(Path(name), data)
    except ArchiveError:
        return
    assert document.name == name
    for record in records:
        assert record.document == name
        assert record.sha256 == document.sha256
        record.to_dict()


@settings(max_examples=200, deadline=None)
@given(tokens)
def test_text_papers(parts: list[str]) -> None:
    check("fuzz.txt", " ".join(parts).encode("utf-8"))


@settings(max_examples=30, deadline=None)
@given(tokens)
def test_markdown_papers(parts: list[str]) -> None:
    check("fuzz.md", ("# " + " ".join(parts)).encode("utf-8"))


@settings(max_examples=40, deadline=None)
@given(tokens, st.sampled_from(["p", "td", "tr", "table", "script", "div", "li"]))
def test_html_papers(parts: list[str], tag: str) -> None:
    body = "".join(f"<{tag}>{p}</{tag}>" if i % 3 else p for i, p in enumerate(parts))
    check("fuzz.html", f"<html><body><table><tr>{body}</body></html>".encode())


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes(data: bytes) -> None:
    for name in ("fuzz.txt", "fuzz.html", "fuzz.pdf"):
        check(name, data)
