"""How the PDF reader's tables fare on a set of PDFs: per file, the tables read, their widths,
and how many of the hand-read goldens' table sample rows are found as a row of a read table.

    python benchmarks/tables_measure.py [--json] [FOLDER_OR_PDF ...]

With no arguments it reads ../shared/real-papers (goldens from tests/golden/real-papers) and
the corpus PDFs. A sample row is found when a read table row, its cells joined by spaces and
white space squeezed, contains it (digits, letters and signs compared as printed).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from cdrp_archive.extract.readers.pdf import read_pdf

ROOT = Path(__file__).resolve().parent.parent
GOLDENS = ROOT / "tests" / "golden" / "real-papers"
DEFAULTS = [ROOT.parent.parent / "shared" / "real-papers", ROOT / "corpus"]


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _samples(pdf: Path) -> list[str]:
    golden = GOLDENS / pdf.parent.name / f"{pdf.name}.json"
    if not golden.exists():
        return []
    data = json.loads(golden.read_text())
    return [_squeeze(s) for t in data.get("tables", []) for s in t.get("samples", [])]


def measure(pdf: Path) -> dict[str, object]:
    paper = read_pdf(pdf, pdf.read_bytes())
    tables = paper.tables()
    rows = [
        _squeeze(" ".join(c.text for c in row if c is not None)) for t in tables for row in t.rows
    ]
    samples = _samples(pdf)
    found = [s for s in samples if any(s in r for r in rows)]
    shaded = sum(1 for t in tables for row in t.rows for c in row if c is not None and c.fill)
    return {
        "file": f"{pdf.parent.name}/{pdf.name}",
        "tables": len(tables),
        "widths": sorted({max(len(r) for r in t.rows) for t in tables if t.rows}),
        "cells": sum(1 for t in tables for row in t.rows for c in row if c is not None),
        "shaded": shaded,
        "samples": len(samples),
        "samples_found": len(found),
    }


def main(argv: list[str]) -> None:
    as_json = "--json" in argv
    targets = [Path(a) for a in argv if a != "--json"] or DEFAULTS
    pdfs = sorted(p for t in targets for p in ([t] if t.is_file() else t.rglob("*.pdf")))
    results = [measure(p) for p in pdfs]
    if as_json:
        print(json.dumps(results, indent=1))
        return
    for r in results:
        print(
            f"{r['file'][:60]:60} tables {r['tables']:3} cells {r['cells']:5} shaded "
            f"{r['shaded']:4} samples {r['samples_found']}/{r['samples']}"
        )
    found = sum(int(r["samples_found"]) for r in results)  # type: ignore[call-overload]
    total = sum(int(r["samples"]) for r in results)  # type: ignore[call-overload]
    print(f"golden table samples found: {found}/{total}")


if __name__ == "__main__":
    main(sys.argv[1:])
