"""The small parsers: financial years, quarters, RAG statuses, money, dates."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cdrp_archive.archive.errors import ParseError
from cdrp_archive.archive.values import (
    FinancialYear,
    find_dates,
    parse_date,
    parse_money,
    parse_quarter,
    quarter_of,
)
from cdrp_archive.extract.rag import parse_rag, rag_of_colour


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("2009-10", 2009),
        ("2009/10", 2009),
        ("2009/2010", 2009),
        ("FY2011/12", 2011),
        ("09/10", 2009),
        ("2010–11", 2010),
    ],
)
def test_financial_year_forms(text: str, start: int) -> None:
    assert FinancialYear.parse(text) == FinancialYear(start)


@pytest.mark.parametrize("text", ["2009-11", "2009", "Q2", "", "20x9-10"])
def test_financial_year_rejects(text: str) -> None:
    with pytest.raises(ParseError):
        FinancialYear.parse(text)


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)))
def test_every_day_falls_in_its_financial_year_and_quarter(day: date) -> None:
    fy = FinancialYear.of(day)
    assert fy.first_day <= day <= fy.last_day
    assert FinancialYear.parse(str(fy)) == fy
    q = quarter_of(day)
    assert (
        q
        == {
            4: "Q1",
            5: "Q1",
            6: "Q1",
            7: "Q2",
            8: "Q2",
            9: "Q2",
            10: "Q3",
            11: "Q3",
            12: "Q3",
            1: "Q4",
            2: "Q4",
            3: "Q4",
        }[day.month]
    )


def test_july_to_september_2009_is_q2_of_2009_10() -> None:
    assert str(FinancialYear.of(date(2009, 9, 30))) == "2009-10"
    assert quarter_of(date(2009, 9, 30)) == "Q2"
    assert str(FinancialYear.of(date(2010, 3, 31))) == "2009-10"


@pytest.mark.parametrize(
    ("text", "q"), [("Q2", "Q2"), ("q4", "Q4"), ("Quarter 1", "Q1"), ("3", "Q3")]
)
def test_quarters(text: str, q: str) -> None:
    assert parse_quarter(text) == q


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Green", "green"),
        ("AMBER", "amber"),
        ("red", "red"),
        ("G", "green"),
        ("A", "amber"),
        ("R", "red"),
        (" Green ", "green"),
        ("Green - on track", "green"),
        ("8", None),
        ("•", None),
        ("", None),
        (None, None),
        ("Stats Awaited", None),
        ("Regular", None),
    ],
)
def test_rag_words(text: str | None, status: str | None) -> None:
    assert parse_rag(text) == status


@given(st.text(max_size=30))
def test_rag_parser_never_invents_from_junk(text: str) -> None:
    result = parse_rag(text)
    assert result in (None, "green", "amber", "red")
    if result is not None:
        assert text.strip()[:1].lower() in "garoy"


@pytest.mark.parametrize(
    ("rgb", "status"),
    [
        ((0, 0.69, 0.31), "green"),
        ((0, 1, 0), "green"),
        ((1, 0.75, 0), "amber"),
        ((1, 1, 0), "amber"),
        ((1, 0, 0), "red"),
        ((0.8, 0.1, 0.1), "red"),
        ((1, 1, 1), None),
        ((0.85, 0.85, 0.85), None),
        ((0, 0, 0), None),
        ((0.2, 0.4, 0.8), None),
        (None, None),
    ],
)
def test_fill_colours(rgb: tuple[float, float, float] | None, status: str | None) -> None:
    assert rag_of_colour(rgb) == status


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("£50,000", Decimal("50000")),
        ("23,167", Decimal("23167")),
        ("£67,273.23", Decimal("67273.23")),
        ("60,279.00", Decimal("60279.00")),
        ("£5k", Decimal("5000")),
        ("£1.5m", Decimal("1500000")),
        ("0.00", Decimal("0")),
    ],
)
def test_money(text: str, amount: Decimal) -> None:
    assert parse_money(text) == amount


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_money_round_trip(value: Decimal) -> None:
    assert parse_money(f"£{value:,.2f}") == value


@pytest.mark.parametrize("text", ["fifty pounds", "£", "1,00,0"])
def test_money_rejects(text: str) -> None:
    with pytest.raises(ParseError):
        parse_money(text)


def test_dates() -> None:
    assert parse_date("2011-07-26") == date(2011, 7, 26)
    assert parse_date("26 July 2011") == date(2011, 7, 26)
    assert parse_date("26th April 2011") == date(2011, 4, 26)
    assert [d for _, d in find_dates("on 1 February 2010 and 26/10/2009")] == [
        date(2010, 2, 1),
        date(2009, 10, 26),
    ]
    with pytest.raises(ParseError):
        parse_date("next Tuesday")
