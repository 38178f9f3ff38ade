"""Ingest: find papers under the given paths, skip what the archive already holds, extract the
rest (in worker processes when asked), and store each document whole."""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from cdrp_archive.archive.errors import DocumentError
from cdrp_archive.archive.models import Document, Record
from cdrp_archive.archive.store import Store
from cdrp_archive.extract import EXTRACTOR_VERSION
from cdrp_archive.extract.readers import SUPPORTED_SUFFIXES

log = logging.getLogger(__name__)

Progress = Callable[[str, str], None]  # (file, outcome)

# A folder holding a file of this name is not walked when a folder above it is ingested (name it
# on the command line to ingest it): e.g. the bundled corpus's prints by other producers.
IGNORE_MARKER = ".cdrp-archive-ignore"


@dataclass
class IngestResult:
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    reread: list[str] = field(default_factory=list)  # same file, read by an older extractor
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    records: int = 0

    @property
    def ok(self) -> bool:
        return not self.failed


def discover(paths: Iterable[Path]) -> tuple[list[Path], list[tuple[str, str]]]:
    """Supported files under the paths, and one error per path that gives none."""
    files: list[Path] = []
    errors: list[tuple[str, str]] = []
    for path in paths:
        if not path.exists():
            errors.append((str(path), "no such file or folder"))
        elif path.is_dir():
            found, problems = _walk(path)
            errors.extend(problems)
            if not found and not problems:
                errors.append(
                    (
                        str(path),
                        f"no supported papers in this folder ({', '.join(SUPPORTED_SUFFIXES)})",
                    )
                )
            files.extend(found)
        elif path.suffix.lower() in SUPPORTED_SUFFIXES:
            files.append(path)
        else:
            errors.append((str(path), f"unsupported file type {path.suffix or '(none)'}"))
    unique = list(dict.fromkeys(p.resolve() if p.exists() else p for p in files))
    return unique, errors


def _walk(folder: Path) -> tuple[list[Path], list[tuple[str, str]]]:
    found: list[Path] = []
    errors: list[tuple[str, str]] = []

    def onerror(exc: OSError) -> None:
        errors.append((exc.filename or str(folder), f"cannot read folder ({exc.strerror})"))

    seen: set[tuple[int, int]] = set()
    for root, dirs, names in os.walk(folder, onerror=onerror, followlinks=True):
        stat = os.stat(root)
        if (stat.st_dev, stat.st_ino) in seen:  # a symlink loop
            errors.append((root, "folder already visited (symlink loop); skipped"))
            dirs[:] = []
            continue
        seen.add((stat.st_dev, stat.st_ino))
        if root != str(folder) and IGNORE_MARKER in names:
            dirs[:] = []
            continue
        dirs.sort()
        for name in sorted(names):
            if name.startswith((".", "~$")) or name.upper().startswith("README."):
                continue  # hidden files, Office lock files, a folder's own README
            if Path(name).suffix.lower() in SUPPORTED_SUFFIXES:
                found.append(Path(root) / name)
    return found, errors


def _sha256(data: bytes) -> str:
    """As ``pipeline.sha256_of``, without importing the interpreters (spaCy) to skip a file."""
    return hashlib.sha256(data).hexdigest()


def _work(path: str) -> tuple[str, Document | None, list[Record], str | None]:
    from cdrp_archive.extract.pipeline import extract_file

    try:
        document, records = extract_file(Path(path))
    except DocumentError as exc:
        return path, None, [], exc.reason
    return path, document, records, None


def ingest(
    store: Store,
    paths: Iterable[Path],
    progress: Progress | None = None,
    jobs: int = 1,
    on_total: Callable[[int], None] | None = None,
) -> IngestResult:
    """Ingest files and folders; failures are recorded and the batch goes on."""
    result = IngestResult()
    files, errors = discover(paths)
    for failed, reason in errors:
        _fail(store, result, failed, reason, None)
    if on_total:
        on_total(len(files))

    todo: list[str] = []
    for path in files:
        try:
            data = path.read_bytes()
        except OSError as exc:
            _fail(store, result, str(path), exc.strerror or type(exc).__name__, progress)
            continue
        known = store.document(_sha256(data))
        if (
            known
            and known.extractor_version == EXTRACTOR_VERSION
            and (known.path == str(path) or Path(known.path).exists())
        ):
            result.unchanged.append(str(path))
            if progress:
                progress(str(path), "unchanged")
            continue
        todo.append(str(path))

    if todo:  # import the readers and interpreters and build the pipeline once, before forking
        import cdrp_archive.extract.pipeline
        import cdrp_archive.extract.readers.pdf  # noqa: F401
        from cdrp_archive.extract.language import nlp

        nlp()
    if jobs > 1 and len(todo) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for item in pool.map(_work, todo):
                _store(store, result, *item, progress=progress)
    else:
        for name in todo:
            _store(store, result, *_work(name), progress=progress)
    return result


def _store(
    store: Store,
    result: IngestResult,
    path: str,
    document: Document | None,
    records: list[Record],
    reason: str | None,
    progress: Progress | None,
) -> None:
    if document is None:
        _fail(store, result, path, reason or "unreadable", progress)
        return
    removed = store.replace_document(document, records)
    if document.status == "no_text":
        _fail(store, result, path, document.note or "no text", progress)
        return
    if document.sha256 in removed:
        outcome, bucket = "re-read", result.reread
    elif removed:
        outcome, bucket = "replaced", result.replaced
    else:
        outcome, bucket = "added", result.added
    bucket.append(path)
    result.records += len(records)
    if progress:
        progress(path, outcome)


def _fail(
    store: Store, result: IngestResult, path: str, reason: str, progress: Progress | None
) -> None:
    store.record_failure(path, reason)
    result.failed.append((path, reason))
    if progress:
        progress(path, "failed")
