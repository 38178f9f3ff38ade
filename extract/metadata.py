"""What a paper is and when it speaks of: kind, title, date, financial year and quarter.

Pure functions over the paper's opening text. A report that prints only the period it covers
("Quarter 2 ... July to September 2009") is dated the last day of that period.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from cdrp_archive.archive.errors import ParseError
from cdrp_archive.archive.values import (
    MONTH_NAMES,
    MONTHS,
    FinancialYear,
    find_dates,
    parse_quarter,
    quarter_of,
)


@dataclass(frozen=True)
class PaperMeta:
    kind: str
    title: str | None
    date: date | None
    financial_year: str | None
    quarter: str | None


_MONTH = "(" + "|".join(MONTH_NAMES) + ")"
_PERIOD = re.compile(rf"{_MONTH}\s*(?:to|-|–)\s*{_MONTH}\s+((?:19|20)\d\d)", re.IGNORECASE)
_Q_FY = re.compile(
    r"\b(?:Q|Quarter|Qtr)\s*([1-4])\s*(?:[-–,:]|of)?\s*(?:FY\s*)?((?:19|20)\d\d\s*[-/–]\s*(?:19|20)?\d\d)\b",
    re.IGNORECASE,
)
_FY_Q = re.compile(
    r"\b((?:19|20)\d\d\s*[-/–]\s*(?:19|20)?\d\d)\s*(?:Q|Quarter)\s*([1-4])\b", re.IGNORECASE
)
_FY_ANY = re.compile(r"\b((?:19|20)\d\d)\s*[-/–]\s*((?:19|20)?\d\d)\b")
_MEETING_DATE = re.compile(
    r"(?:meeting\s+(?:held\s+)?on|held\s+on)\s+(?:[A-Za-z]+day,?\s+)?(\d{1,2}(?:st|nd|rd|th)?\s*\n?\s*[A-Za-z]+\s*\n?\s*(?:19|20)\d\d)",
    re.IGNORECASE,
)
_INVITE_DATE = re.compile(
    r"\b(?:MON|TUES|WEDNES|THURS|FRI|SATUR|SUN)DAY,?\s+(\d{1,2}\s+[A-Z]+\s+(?:19|20)\d\d)",
    re.IGNORECASE,
)


def classify(head: str) -> str:
    """The paper's kind from its opening text (the first page or two)."""
    low = head.lower()
    if "you are invited to attend" in low:
        return "agenda"
    if re.search(r"minutes of the meeting|^\s*minutes:?\s*$", low, re.MULTILINE):
        return "minutes"
    if re.search(r"^\s*agenda(\s+pages)?\s*$", low, re.MULTILINE):
        return "agenda"
    if "performance" in low and ("report" in low or "monitoring" in low):
        return "performance_report"
    if re.search(r"quarterly progress report|action plan progress", low):
        return "performance_report"
    if re.search(r"\bfunding\b", low[:1500]):
        return "funding_report"
    if re.search(r"rolling plan|action plan|community safety plan|partnership plan", low):
        return "plan_report"
    return "other"


def title_of(head: str, fallback: str | None = None) -> str | None:
    """The paper's title: the first substantial lines that are not a date or an address."""
    lines = [line.strip() for line in head.splitlines() if line.strip()]
    for line in lines[:12]:
        if len(line) < 8 or (find_dates(line) and len(line) < 30):
            continue
        if line.lower().startswith(("to:", "dear", "report to", "author")):
            continue
        return line[:200]
    return fallback


def period_of(head: str) -> tuple[FinancialYear | None, str | None, date | None]:
    """(financial year, quarter, period end) the paper says it reports on, if it says."""
    match = _PERIOD.search(head)
    if match:
        end_month = MONTHS[match.group(2).lower()]
        year = int(match.group(3))
        end = date(year, end_month, calendar.monthrange(year, end_month)[1])
        return FinancialYear.of(end), quarter_of(end), end
    match = _Q_FY.search(head)
    if match:
        return _fy(match.group(2)), parse_quarter(match.group(1)), None
    match = _FY_Q.search(head)
    if match:
        return _fy(match.group(1)), parse_quarter(match.group(2)), None
    return None, None, None


def _fy(text: str) -> FinancialYear | None:
    try:
        return FinancialYear.parse(text.replace(" ", ""))
    except ParseError:
        return None


def meeting_date(head: str) -> date | None:
    for pattern in (_INVITE_DATE, _MEETING_DATE):
        match = pattern.search(head)
        if match:
            found = find_dates(" ".join(match.group(1).split()))
            if found:
                return found[0][1]
    return None


def describe(head: str, fallback_title: str | None = None) -> PaperMeta:
    """Kind, title, date, financial year and quarter from a paper's opening text."""
    kind = classify(head)
    fy, quarter, period_end = period_of(head)
    day = meeting_date(head) if kind in ("agenda", "minutes") else None
    if day is None:
        dates = find_dates(head[:3000])
        day = dates[0][1] if dates else period_end
    if fy is None:
        fy = first_financial_year(head[:1500])
    if fy is None and day is not None:
        fy = FinancialYear.of(day)
        quarter = quarter or quarter_of(day)
    return PaperMeta(
        kind=kind,
        title=title_of(head, fallback_title),
        date=day,
        financial_year=str(fy) if fy else None,
        quarter=quarter,
    )


def first_financial_year(text: str) -> FinancialYear | None:
    """The first valid financial year a text writes as ``2010-11`` / ``2010/2011``."""
    for match in _FY_ANY.finditer(text):
        found = _fy(f"{match.group(1)}-{match.group(2)}")
        if found:
            return found
    return None
