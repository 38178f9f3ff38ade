"""Value types with one parser each: financial year, quarter, money, dates (the RAG status is
decided in ``extract.rag``, with the fill colours and a paper's key).

English public bodies use April-March financial years: FY 2009-10 runs from 1 April 2009 to
31 March 2010, and its Q1 is April-June, Q2 July-September, Q3 October-December, Q4
January-March.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from cdrp_archive.archive.errors import ParseError

MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
# Month names and their short forms (``sep`` and ``sept``), lower case, to month numbers.
MONTHS = {
    name: number
    for number, full in enumerate(MONTH_NAMES, start=1)
    for name in (full, full[:3], *(("sept",) if number == 9 else ()))
}


@dataclass(frozen=True, order=True)
class FinancialYear:
    """An April-March year, named by the calendar year it starts in."""

    start: int

    def __str__(self) -> str:
        return f"{self.start}-{(self.start + 1) % 100:02d}"

    @property
    def first_day(self) -> date:
        return date(self.start, 4, 1)

    @property
    def last_day(self) -> date:
        return date(self.start + 1, 3, 31)

    def next(self) -> FinancialYear:
        return FinancialYear(self.start + 1)

    @classmethod
    def of(cls, day: date) -> FinancialYear:
        return cls(day.year if day.month >= 4 else day.year - 1)

    @classmethod
    def parse(cls, text: str) -> FinancialYear:
        """Parse ``2009-10``, ``2009/10``, ``2009/2010``, ``FY2009/10``, ``09/10``."""
        match = _FY_RE.fullmatch(text.strip())
        if not match:
            raise ParseError(f"not a financial year: {text!r} (expected e.g. 2009-10)")
        first, second = match.group("first"), match.group("second")
        start = int(first) if len(first) == 4 else 2000 + int(first)
        end = int(second) % 100
        if (start + 1) % 100 != end:
            raise ParseError(
                f"not a financial year: {text!r} ({first} is not followed by {second})"
            )
        return cls(start)


_FY_RE = re.compile(
    r"(?:FY\s*)?(?P<first>(?:19|20)\d{2}|\d{2})\s*[-/–]\s*(?P<second>(?:19|20)?\d{2})",
    re.IGNORECASE,
)

QUARTERS = ("Q1", "Q2", "Q3", "Q4")


def parse_quarter(text: str) -> str:
    """Parse ``Q2``, ``q2``, ``Quarter 2``, ``2`` into ``Q2``."""
    match = re.fullmatch(r"(?:q|qtr|quarter)?\s*([1-4])", text.strip(), re.IGNORECASE)
    if not match:
        raise ParseError(f"not a quarter: {text!r} (expected Q1-Q4)")
    return f"Q{match.group(1)}"


def quarter_of(day: date) -> str:
    """The financial-year quarter a day falls in (April-June is Q1)."""
    return QUARTERS[((day.month - 4) % 12) // 3]


def quarter_months(quarter: str) -> tuple[int, int, int]:
    index = QUARTERS.index(parse_quarter(quarter))
    first = (3 + 3 * index) % 12 + 1
    return (first, first % 12 + 1, (first + 1) % 12 + 1)


def period_key(financial_year: str | None, quarter: str | None) -> tuple[int, int]:
    """A sort key for (financial year, quarter); unknowns sort first."""
    fy = FinancialYear.parse(financial_year).start if financial_year else 0
    q = QUARTERS.index(quarter) + 1 if quarter in QUARTERS else 0
    return (fy, q)


# --- Money --------------------------------------------------------------------------------

_MONEY_RE = re.compile(
    r"(?P<sign>-)?(?P<cur>£|GBP\s?)?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?)"
    r"\s*(?P<mult>k|m|million)?\b",
    re.IGNORECASE,
)


def parse_money(text: str) -> Decimal:
    """Parse ``£50,000``, ``23,167.00``, ``£1.5m``, ``£5k`` exactly, as Decimal."""
    match = _MONEY_RE.fullmatch(text.strip().replace("\u00a0", " "))
    if not match:
        raise ParseError(f"not an amount: {text!r}")
    try:
        value = Decimal(match.group("num").replace(",", ""))
    except InvalidOperation as exc:  # pragma: no cover - the regex admits only digits
        raise ParseError(f"not an amount: {text!r}") from exc
    mult = (match.group("mult") or "").lower()
    if mult == "k":
        value *= 1000
    elif mult in ("m", "million"):
        value *= 1_000_000
    return -value if match.group("sign") else value


def money(value: Decimal | None, symbol: str = "£") -> str:
    """``£1,560.00``: the one way an amount is written (two decimals, thousands separated;
    ``symbol=""`` for the bare figure); no amount is ""."""
    if value is None:
        return ""
    return f"{symbol}{value:,.2f}"


# --- Dates --------------------------------------------------------------------------------

_DAY_MONTH_YEAR = re.compile(
    r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month>[A-Za-z]{3,9})\.?,?\s+(?P<year>(?:19|20)\d{2})\b"
)
_NUMERIC_DATE = re.compile(r"\b(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>(?:19|20)\d{2})\b")


def find_dates(text: str) -> list[tuple[int, date]]:
    """Every ``26 July 2011``, ``26th April 2011`` or ``26/04/2011`` in text, with its offset."""
    found: list[tuple[int, date]] = []
    for match in _DAY_MONTH_YEAR.finditer(text):
        month = MONTHS.get(match.group("month").lower())
        if month:
            day = _safe_date(int(match.group("year")), month, int(match.group("day")))
            if day:
                found.append((match.start(), day))
    for match in _NUMERIC_DATE.finditer(text):
        day = _safe_date(
            int(match.group("year")), int(match.group("month")), int(match.group("day"))
        )
        if day:
            found.append((match.start(), day))
    return sorted(found)


def parse_date(text: str) -> date:
    """Parse an ISO date or a written one (``26 July 2011``)."""
    text = text.strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    found = find_dates(text)
    if not found:
        raise ParseError(f"not a date: {text!r} (expected YYYY-MM-DD or e.g. 26 July 2011)")
    return found[0][1]


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
