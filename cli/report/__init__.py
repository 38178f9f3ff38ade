"""Renderers of the yearly assessment: terminal, Markdown, HTML, Word and JSON.

Each renderer is a module of this package, declared once in ``RENDERERS`` with its format
name and the file extensions it writes. A text renderer's module has ``render(assessment) ->
str``; one that writes a file of its own (Word) has ``write(assessment, path)``; one that can
draw straight to the terminal also has ``show(assessment, console)``. Modules are imported
only when used.

Adding a renderer: write its module and add one ``Renderer`` here; ``assess --format`` offers
it, and ``for_extension`` finds it from an output file's name.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType


@dataclass(frozen=True)
class Renderer:
    name: str
    extensions: tuple[str, ...]  # lower case, with the dot
    module: str  # under cdrp_archive.cli.report
    writes_file: bool = False  # writes its own (binary) file: needs an output path
    shows: bool = False  # can draw straight to the terminal

    def load(self) -> ModuleType:
        return importlib.import_module(f"cdrp_archive.cli.report.{self.module}")


RENDERERS: tuple[Renderer, ...] = (
    Renderer("terminal", (".txt",), "terminal", shows=True),
    Renderer("md", (".md", ".markdown"), "markdown"),
    Renderer("html", (".html", ".htm"), "html"),
    Renderer("docx", (".docx",), "docx", writes_file=True),
    Renderer("json", (".json",), "json"),
)
BY_NAME = {r.name: r for r in RENDERERS}


def for_extension(path: Path) -> Renderer | None:
    """The renderer that writes files named like ``path`` (``x.html``: html), if any."""
    suffix = path.suffix.lower()
    return next((r for r in RENDERERS if suffix in r.extensions), None)
