"""Running headers and footers found by repetition, on small hand-made pages; and the printed
page numbers they give (extract/readers/furniture.py)."""

from __future__ import annotations

from cdrp_archive.extract.readers.furniture import page_number, running_lines, strip_furniture
from cdrp_archive.extract.readers.model import Page, Paragraph, Table


def page(number: int, *texts: str) -> Page:
    return Page(number, [Paragraph(number, 50.0 * i, t) for i, t in enumerate(texts)])


def test_page_numbers_as_printed() -> None:
    assert page_number("Page 3 of 15") == "3"
    assert page_number("page 12") == "12"
    assert page_number("- 7 -") == "7"
    assert page_number("7") == "7"
    assert page_number("Page 3/15") == "3"
    assert page_number("3 April 2011") is None
    assert page_number("Pages 3 and 4") is None


def test_a_title_and_a_page_number_on_every_page_are_furniture() -> None:
    pages = [
        page(n, "Board papers, July 2011", f"Item {n} text", f"Page {n + 4} of 9")
        for n in (1, 2, 3)
    ]
    assert running_lines(pages) == {("head", "board papers, july 2011"), ("foot", "page # of #")}
    out = strip_furniture(pages)
    assert [[b.text for b in p.blocks] for p in out] == [
        ["Item 1 text"],
        ["Item 2 text"],
        ["Item 3 text"],
    ]
    assert [p.label for p in out] == ["5", "6", "7"]


def test_a_line_on_too_few_pages_stays() -> None:
    pages = [page(1, "Minutes", "text", "Page 1"), page(2, "Agenda", "text", "Page 2")]
    assert strip_furniture(pages) == pages  # two pages: no repetition to go by
    pages = [page(n, f"Heading {n}", "text", "Page 1") for n in range(1, 11)]
    pages[0] = page(1, "Heading 1", "text", "Signed")
    out = strip_furniture(pages)
    assert out[0].blocks[-1].text == "Signed" and out[0].label is None
    assert out[1].blocks[0].text == "Heading 2"  # numbered headings, not page numbers: kept
    assert out[1].label == "1" and not [b for b in out[1].blocks if b.text == "Page 1"]


def test_furniture_run_into_a_paragraph_is_cut_off_its_line_only() -> None:
    pages = [
        page(n, f"Performance report Q3\nPriority {n}", "text\nPage " + str(n))
        for n in (1, 2, 3, 4)
    ]
    out = strip_furniture(pages)
    assert [b.text for b in out[2].blocks] == ["Priority 3", "text"]
    assert out[2].label == "3"


def test_a_page_of_one_table_or_one_paragraph_is_left_alone() -> None:
    table = Table(1, 0, 10.0, 20.0, [])
    pages = [Page(n, [Paragraph(n, 0.0, "Title")]) for n in (1, 2, 3)]
    pages.append(Page(4, [table]))
    assert strip_furniture(pages) == pages
