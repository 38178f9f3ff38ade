"""How fast is cdrp-archive? Ingest, re-ingest, index and search, on copies of the corpus.

    python benchmarks/bench.py            # quick: corpus copies, ingest, index, search
    python benchmarks/bench.py --full     # also a synthetic archive of 100,000 records

Not a test: it asserts nothing and prints a table. Timings on a shared machine are noisy; the
load average is printed with the machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import re
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
TABLE_HEAVY = [
    "2009-10-q2-performance-report.pdf",
    "2009-10-q2-performance-report-shading-only.pdf",
]
TYPICAL = ["2011-07-26-board-agenda-pack.pdf", "2010-02-01-rolling-plan-refresh.pdf"]
QUERIES = ["Homeshield", "anti social behaviour", "domestic violence", "ref:4.3d", "Homesheild"]

Row = tuple[str, str, str]


def command() -> list[str]:
    exe = Path(sys.executable).parent / "cdrp-archive"
    return [str(exe)] if exe.exists() else ["cdrp-archive"]


def cli(home: Path, *args: str) -> float:
    """Wall time of one run of the installed command (which must succeed)."""
    start = time.perf_counter()
    proc = subprocess.run([*command(), "--home", str(home), *args], capture_output=True, text=True)
    took = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"cdrp-archive {' '.join(args)} failed:\n{proc.stderr}")
    return took


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def machine() -> str:
    mem = Path("/proc/meminfo").read_text().split("\n")[0].split()[1]
    load = os.getloadavg()
    return (
        f"{os.cpu_count()} cores, {int(mem) / 1024**2:.1f} GB RAM, Python "
        f"{platform.python_version()} on {platform.system()}; load {load[0]:.1f}"
    )


# --- data sets ------------------------------------------------------------------------------


def copies(names: list[str], folder: Path, n: int) -> Path:
    """``n`` copies of each paper, each with a different trailing comment (a new sha256)."""
    folder.mkdir(parents=True)
    for name in names:
        data = (CORPUS / name).read_bytes()
        for i in range(n):
            (folder / f"{i:03d}-{name}").write_bytes(data + f"\n%copy {i}\n".encode())
    return folder


def prose_pdf(folder: Path, n: int) -> Path:
    """Prose-only papers (no ruling) drawn with reportlab from the corpus's original text."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    folder.mkdir(parents=True)
    words = (CORPUS / "originals" / "2011-07-26-board-agenda-pack.txt").read_text().split()
    lines = [" ".join(words[i : i + 14]) for i in range(0, len(words), 14)]
    for copy in range(n):
        pdf = canvas.Canvas(str(folder / f"prose-{copy:03d}.pdf"), pagesize=A4, invariant=1)
        pdf.setTitle(f"Prose paper {copy}")
        for start in range(0, 50 * 20, 50):
            text = pdf.beginText(60, 780)
            text.setFont("Helvetica", 10)
            for j, line in enumerate(lines[start : start + 50]):
                text.textLine(line)
                if j % 6 == 5:
                    text.textLine("")
            pdf.drawText(text)
            pdf.showPage()
        pdf.save()
    return folder


def pages_in(home: Path) -> tuple[int, int]:
    with sqlite3.connect(home / "archive.sqlite3") as db:
        pages, files = db.execute("SELECT sum(pages), count(*) FROM documents").fetchone()
    return int(pages or 0), int(files or 0)


def record_count(home: Path) -> int:
    with sqlite3.connect(home / "archive.sqlite3") as db:
        return int(db.execute("SELECT count(*) FROM records").fetchone()[0])


# --- measurements ---------------------------------------------------------------------------


def reader_speed() -> list[Row]:
    """In-process reader speed by page kind and engine: ruled (table) pages through pdfplumber
    (``hybrid``) or through pdfium's page view (``fast``, the default); unruled pages pdfium."""
    import pypdfium2 as pdfium

    from cdrp_archive.extract.readers.pdf_text import may_hold_table

    rows: list[Row] = []
    for engine in ("hybrid", "fast"):
        totals = {"table": [0, 0.0], "prose": [0, 0.0]}
        for path in sorted(CORPUS.glob("*.pdf")):
            doc = pdfium.PdfDocument(path)
            kinds = ["table" if may_hold_table(doc[i]) else "prose" for i in range(len(doc))]
            doc.close()
            for kind, seconds in zip(kinds, page_times(path, engine), strict=True):
                totals[kind][0] += 1
                totals[kind][1] += seconds
        (table, table_s), (prose, prose_s) = totals["table"], totals["prose"]
        rows += [
            (f"reader, table pages, {engine}", f"{table / table_s:.1f}", "pages/s"),
            (f"reader, prose pages, {engine}", f"{prose / prose_s:.0f}", "pages/s"),
            (
                f"reader, corpus, {engine}",
                f"{(table + prose) / (table_s + prose_s):.1f}",
                "pages/s",
            ),
        ]
    report = CORPUS / "2009-10-q2-performance-report.pdf"
    for engine in ("pdfplumber", "hybrid", "fast"):
        times = page_times(report, engine)
        rows.append(
            (
                f"reader, Q2 report, {engine}",
                f"{sum(times) / len(times) * 1000:.0f}",
                "ms/page",
            )
        )
    return rows


def page_times(path: Path, engine: str) -> list[float]:
    """Seconds spent on each page of one read of ``path`` with ``engine``."""
    from cdrp_archive.extract.readers.pdf import read_pdf

    data = path.read_bytes()
    times: list[float] = []
    last = [time.perf_counter()]

    def on_page(_number: int) -> None:
        now = time.perf_counter()
        times.append(now - last[0])
        last[0] = now

    read_pdf(path, data, on_page=on_page, engine=engine)  # type: ignore[arg-type]
    return times


def ingest_rows(work: Path, n: int, jobs: list[int]) -> list[Row]:
    sets = {
        "table-heavy": copies(TABLE_HEAVY, work / "table-heavy", n),
        "typical": copies(TYPICAL, work / "typical", n),
        "prose-only": prose_pdf(work / "prose-only", max(1, n // 2)),
    }
    rows: list[Row] = []
    for label, folder in sets.items():
        for j in jobs:
            home = work / f"home-{label}-{j}"
            took = cli(home, "ingest", str(folder), "--jobs", str(j))
            pages, files = pages_in(home)
            rows.append(
                (
                    f"ingest {label}, {j} job{'s' * (j > 1)} ({pages} pages)",
                    f"{pages / took:.1f}",
                    "pages/s",
                )
            )
        took = cli(home, "ingest", str(folder))
        rows.append(
            (
                f"re-ingest {label} unchanged ({files} files)",
                f"{files / took:.0f}",
                f"files/s ({took:.2f} s)",
            )
        )
        rows.append(("  peak RSS so far (children)", f"{peak_mb():.0f}", "MB"))
    return rows


def search_rows(home: Path, label: str, runs: int = 20) -> list[Row]:
    from cdrp_archive.index import SearchIndex

    index = SearchIndex(home)
    times = []
    for _ in range(runs):
        for q in QUERIES:
            start = time.perf_counter()
            index.search(q)
            times.append(time.perf_counter() - start)
    times.sort()
    p50 = statistics.median(times) * 1000
    p95 = times[int(len(times) * 0.95) - 1] * 1000
    walls = sorted(cli(home, "search", "Homeshield") for _ in range(5))
    return [
        (f"search {label}, in-process p50 / p95", f"{p50:.0f} / {p95:.0f}", "ms"),
        (f"search {label}, `cdrp-archive search` wall", f"{statistics.median(walls):.2f}", "s"),
    ]


def rebuild_rows(home: Path, label: str) -> list[Row]:
    records = record_count(home)
    took = cli(home, "reindex")
    return [
        (
            f"reindex {label} ({records} records)",
            f"{records / took:.0f}",
            f"records/s ({took:.1f} s)",
        )
    ]


# --- the synthetic 100k archive -------------------------------------------------------------


def synthetic_archive(home: Path, records: int, per_doc: int = 100) -> None:
    """Passage records of council prose (corpus vocabulary) written straight into a Store."""
    from cdrp_archive.archive.models import Document
    from cdrp_archive.archive.store import Store
    from cdrp_archive.extract.context import DocContext

    text = " ".join(p.read_text(errors="ignore") for p in (CORPUS / "originals").iterdir())
    sentences = [s.strip() for s in re.split(r"(?<=[.;:])\s+", text) if len(s.split()) > 4]
    rng = random.Random(1)
    with Store(home) as store:
        for d in range(records // per_doc):
            sha = f"{d:064x}"
            year = 2005 + d % 10
            date = f"{year}-{1 + d % 12:02d}-{1 + d % 27:02d}"
            fy = f"{year}-{(year + 1) % 100:02d}"
            name = f"synthetic-{d:05d}.pdf"
            ctx = DocContext(sha, name, "minutes", date, fy, None)
            recs = [
                ctx.record(
                    "passage", 1 + i // 10, " ".join(rng.sample(sentences, 2)), kind="paragraph"
                )
                for i in range(per_doc)
            ]
            doc = Document(
                sha,
                f"/synthetic/{name}",
                name,
                "minutes",
                name,
                date,
                fy,
                None,
                per_doc // 10,
                "synthetic",
            )
            store.replace_document(doc, recs)


def writer_options_rows(home: Path) -> list[Row]:
    """Whoosh writer options compared on one archive (rebuild in-process)."""
    from cdrp_archive.archive.store import Store
    from cdrp_archive.index import search_index

    rows: list[Row] = []
    original = search_index.PARALLEL_FROM
    for label, parallel_from in (("one process", 10**12), ("parallel (procs, multisegment)", 0)):
        search_index.PARALLEL_FROM = parallel_from
        with Store(home) as store:
            start = time.perf_counter()
            n = search_index.SearchIndex(home).rebuild(store)
            took = time.perf_counter() - start
        speed = f"{n / took:.0f}"
        rows.append((f"rebuild in-process, {label}", speed, f"records/s ({took:.1f} s)"))
    search_index.PARALLEL_FROM = original
    return rows


def full_rows(work: Path) -> list[Row]:
    rows: list[Row] = []
    for size in (20_000, 100_000):
        home = work / f"synthetic-{size}"
        start = time.perf_counter()
        synthetic_archive(home, size)
        rows.append(
            (
                f"synthetic archive written ({size} records)",
                f"{time.perf_counter() - start:.0f}",
                "s",
            )
        )
        if size == 20_000:
            rows += writer_options_rows(home)
        rows += rebuild_rows(home, f"synthetic {size // 1000}k")
        rows += search_rows(home, f"synthetic {size // 1000}k", runs=5)
        rows.append(("  peak RSS so far (children)", f"{peak_mb():.0f}", "MB"))
    return rows


def timed(label: str, make: Callable[[], list[Row]]) -> list[Row]:
    print(f"… {label}", file=sys.stderr, flush=True)
    return make()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--full", action="store_true", help="also the 100,000-record archive")
    parser.add_argument("--quick", action="store_true", help="the default: skip the 100k part")
    parser.add_argument("--copies", type=int, default=10, help="copies of each corpus paper")
    args = parser.parse_args()
    jobs = sorted({1, os.cpu_count() or 1})
    print(machine())
    work = Path(tempfile.mkdtemp(prefix="cdrp-bench-"))
    try:
        rows = timed("reader", reader_speed)
        rows += timed("ingest", lambda: ingest_rows(work, args.copies, jobs))
        corpus_home = work / "corpus"
        cli(corpus_home, "ingest", str(CORPUS))
        rows += timed("index", lambda: rebuild_rows(corpus_home, "corpus"))
        rows += timed("search", lambda: search_rows(corpus_home, "corpus"))
        if args.full:
            rows += timed("100k", lambda: full_rows(work))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    width = max(len(r[0]) for r in rows)
    for label, value, unit in rows:
        print(f"{label:<{width}}  {value:>12}  {unit}")


if __name__ == "__main__":
    main()
