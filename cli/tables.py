"""One table helper for every listing: it fits the table to the terminal's width.

Each column says how it may give way when the terminal is narrow: ``keep`` columns (dates,
refs, amounts) are never wrapped; ``wrap`` columns wrap at spaces, never narrower than their
longest word; a column with a ``fold`` rank moves, lowest rank first, into the main column as
a second line ("owner: Helen Turner", or a source as "paper.pdf p.3" under the text); a column
with a ``short`` form (a status as G/A/R) takes it when even that is not enough. No word is
ever broken unless a single word is wider than the terminal.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

Cell = str | Text
KEEP, WRAP = "keep", "wrap"
MAIN_FLOOR = 24  # the main column is not squeezed below this while others can give way


@dataclass(frozen=True)
class Column:
    header: str
    fit: str = WRAP  # keep | wrap
    justify: str = "left"
    main: bool = False  # the column that folded columns go under (one per table)
    fold: int | None = None  # fold under the main column, lowest rank first
    label: bool = True  # a folded cell is prefixed "header: " (sources are not)
    short: tuple[int, Callable[[str], str]] | None = None  # (rank, abbreviation)
    style: str = ""


def width_of(console: Console | None = None) -> int:
    return (console or Console()).size.width


def _text(cell: Cell) -> Text:
    return cell.copy() if isinstance(cell, Text) else Text(cell)


def _natural(cells: Sequence[Text], header: str) -> int:
    widths = [cell_len(line) for c in cells for line in c.plain.split("\n")]
    return max([cell_len(header), *widths])


def _longest_word(cells: Sequence[Text], header: str) -> int:
    words = [w for c in [header, *(c.plain for c in cells)] for w in c.split()]
    return max((cell_len(w) for w in words), default=1)


@dataclass
class _Plan:
    folded: list[int]
    shortened: set[int]


def _columns_of(rows: list[list[Text]], n: int) -> list[list[Text]]:
    return [[row[i] for row in rows] for i in range(n)]


class Listing:
    """Columns and rows; ``render(width)`` gives the Rich table fitted to ``width``."""

    def __init__(
        self,
        columns: Sequence[Column],
        title: Cell | None = None,
        caption: Cell | None = None,
        lines: bool = False,
    ) -> None:
        self.columns = list(columns)
        self.title = title
        self.caption = caption
        self.lines = lines
        self.rows: list[list[Text]] = []
        mains = [i for i, c in enumerate(self.columns) if c.main]
        self.main = mains[0] if mains else None

    def add_row(self, *cells: Cell) -> None:
        if len(cells) != len(self.columns):
            raise ValueError(f"{len(cells)} cells for {len(self.columns)} columns")
        self.rows.append([_text(c) for c in cells])

    # --- fitting ----------------------------------------------------------------------

    def _cells(self, plan: _Plan) -> tuple[list[int], list[list[Text]]]:
        """The columns shown and each row's cells under ``plan``."""
        shown = [i for i in range(len(self.columns)) if i not in plan.folded]
        out = []
        for row in self.rows:
            cells = {}
            for i in shown:
                cell = row[i]
                short = self.columns[i].short
                if i in plan.shortened and short:
                    style = cell.style or (cell.spans[0].style if cell.spans else "")
                    cell = Text(short[1](cell.plain), style=style)
                cells[i] = cell
            if self.main is not None and plan.folded:
                main = cells[self.main].copy()
                for i in sorted(plan.folded):
                    value = row[i]
                    if not value.plain.strip():
                        continue
                    column = self.columns[i]
                    extra = Text(f"{column.header}: ", style="dim") if column.label else Text()
                    extra.append_text(value)
                    if not column.label:
                        extra.stylize("dim")
                    main.append("\n")
                    main.append_text(extra)
                cells[self.main] = main
            out.append([cells[i] for i in shown])
        return shown, out

    def _minimums(self, shown: list[int], cells: list[list[Text]]) -> list[int]:
        mins = []
        for i, col in zip(shown, _columns_of(cells, len(shown)), strict=True):
            column = self.columns[i]
            if column.fit == KEEP:
                mins.append(_natural(col, column.header))
                continue
            least = _longest_word(col, column.header)
            if i == self.main:
                least = max(least, min(MAIN_FLOOR, _natural(col, column.header)))
            mins.append(least)
        return mins

    def _steps(self) -> list[tuple[int, str, int]]:
        steps = []
        for i, column in enumerate(self.columns):
            if column.fold is not None and self.main is not None and i != self.main:
                steps.append((column.fold, "fold", i))
            if column.short is not None:
                steps.append((column.short[0], "short", i))
        return sorted(steps)

    def plan(self, width: int) -> tuple[list[int], list[list[Text]], list[int]]:
        """Which columns are shown, their cells and widths, to fit ``width``."""
        plan = _Plan(folded=[], shortened=set())
        steps = self._steps()
        while True:
            shown, cells = self._cells(plan)
            mins = self._minimums(shown, cells)
            if sum(mins) + 3 * len(shown) + 1 <= width or not steps:
                break
            _, action, i = steps.pop(0)
            if action == "fold":
                plan.folded.append(i)
            else:
                plan.shortened.add(i)
        naturals = [
            _natural(col, self.columns[i].header)
            for i, col in zip(shown, _columns_of(cells, len(shown)), strict=True)
        ]
        return shown, cells, _spread(mins, naturals, width - 3 * len(shown) - 1)

    def render(self, width: int) -> Table:
        shown, cells, widths = self.plan(width)
        table = Table(
            title=_text(self.title) if self.title is not None else None,
            caption=_text(self.caption) if self.caption is not None else None,
            show_lines=self.lines,
            box=box.HEAVY_HEAD,
            expand=False,
        )
        for i, w in zip(shown, widths, strict=True):
            column = self.columns[i]
            table.add_column(
                column.header,
                justify=column.justify,  # type: ignore[arg-type]
                width=w,
                no_wrap=column.fit == KEEP,
                overflow="fold",
                style=column.style,
            )
        for row in cells:
            table.add_row(*row)
        return table

    def print(self, console: Console) -> None:
        console.print(self.render(width_of(console)))


def _spread(mins: list[int], naturals: list[int], room: int) -> list[int]:
    """Widths from each column's minimum towards its natural width, the room left shared in
    proportion to what each still lacks."""
    widths = list(mins)
    lacking = [max(0, n - m) for n, m in zip(naturals, mins, strict=True)]
    spare = room - sum(widths)
    if spare <= 0:
        return widths
    if sum(lacking) <= spare:
        return [max(m, n) for m, n in zip(mins, naturals, strict=True)]
    total = sum(lacking)
    for i, lack in enumerate(lacking):
        widths[i] += lack * spare // total
    left = room - sum(widths)
    for i in sorted(range(len(widths)), key=lambda j: -lacking[j]):
        if left <= 0:
            break
        if widths[i] < naturals[i]:
            widths[i] += 1
            left -= 1
    return widths


def plural(n: int, word: str, many: str | None = None) -> str:
    """``1 result``, ``2 results``, ``1 activity``/``2 activities`` given ``many``."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


def shorten(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis
    where it was cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut and not text[limit - 1].isspace():
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:—-") + "…"
