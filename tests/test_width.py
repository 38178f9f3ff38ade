"""Issue 10, part 7: listings read at 80 columns. Rendered through the installed command at
80 and 120 columns, no line is wider than the terminal and no word is broken across lines
(every word printed is a word of the same listing printed 2,000 columns wide)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_cli

pytestmark = pytest.mark.slow

BORDERS = str.maketrans({c: " " for c in "┏┓┗┛┃━┳┻╇┡┩│─┼├┤└┘┌┐┬┴╋╈┣┫"})

# the listings drawn with cli/tables.Listing (the others are still to be moved onto it)
LISTINGS = [
    ["search", "Homeshield"],
    ["search", "burglary", "--limit", "5"],
    ["people"],
    ["people", "Simon Kerss"],
]


def words(stdout: str) -> set[str]:
    return set(stdout.translate(BORDERS).split())


@pytest.mark.parametrize("args", LISTINGS, ids=" ".join)
@pytest.mark.parametrize("width", [80, 120])
def test_listing_fits_and_breaks_no_word(corpus_home: Path, args: list[str], width: int) -> None:
    narrow = run_cli(corpus_home, *args, env={"COLUMNS": str(width)})
    assert narrow.code == 0, narrow.stderr
    wide = run_cli(corpus_home, *args, env={"COLUMNS": "2000"})
    lines = narrow.stdout.splitlines()
    assert lines and max(len(line) for line in lines) <= width
    known = words(wide.stdout)
    # a column folded under the text is labelled with its header ("role: ...")
    broken = {w for w in words(narrow.stdout) - known if w.removesuffix(":") not in known}
    assert not broken, f"words broken at {width} columns: {sorted(broken)[:10]}"
