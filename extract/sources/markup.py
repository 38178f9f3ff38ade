"""A small element tree over ``html.parser``: enough to find ModernGov's ``mg*`` markup by tag,
class and id inside a council's own page template, with no dependency beyond the standard
library. Pure: text in, nodes out."""

from __future__ import annotations

import html
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)
    parent: Node | None = field(default=None, repr=False)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def iter(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def find_all(
        self, tag: str | None = None, cls: str | None = None, id: str | None = None
    ) -> list[Node]:
        return [
            n
            for n in self.iter()
            if (tag is None or n.tag == tag)
            and (cls is None or cls in n.classes)
            and (id is None or n.attrs.get("id") == id)
        ]

    def find(
        self, tag: str | None = None, cls: str | None = None, id: str | None = None
    ) -> Node | None:
        found = self.find_all(tag, cls, id)
        return found[0] if found else None

    def text(self) -> str:
        """The node's text, whitespace collapsed (a ``<br>`` or block ends a line)."""
        parts: list[str] = []

        def walk(node: Node) -> None:
            for child in node.children:
                if isinstance(child, str):
                    parts.append(child)
                else:
                    if child.tag in ("br", "p", "div", "li", "tr"):
                        parts.append("\n")
                    walk(child)

        walk(self)
        lines = (" ".join(line.split()) for line in "".join(parts).splitlines())
        return "\n".join(line for line in lines if line)

    def inner_html(self) -> str:
        out: list[str] = []

        def walk(node: Node) -> None:
            for child in node.children:
                if isinstance(child, str):
                    out.append(html.escape(child, quote=False))
                else:
                    attrs = "".join(f' {k}="{html.escape(v)}"' for k, v in child.attrs.items())
                    out.append(f"<{child.tag}{attrs}>")
                    walk(child)
                    if child.tag not in _VOID:
                        out.append(f"</{child.tag}>")

        walk(self)
        return "".join(out)


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document")
        self.at = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if (tag == "p" and self.at.tag == "p") or (tag == "li" and self.at.tag == "li"):
            self._close(tag)
        node = Node(tag, {k: v or "" for k, v in attrs}, parent=self.at)
        self.at.children.append(node)
        if tag not in _VOID:
            self.at = node

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.at.children.append(Node(tag, {k: v or "" for k, v in attrs}, parent=self.at))

    def handle_endtag(self, tag: str) -> None:
        self._close(tag)

    def _close(self, tag: str) -> None:
        node: Node | None = self.at
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:  # unmatched end tags are ignored
            self.at = node.parent

    def handle_data(self, data: str) -> None:
        if data:
            self.at.children.append(data)


def parse(text: str) -> Node:
    builder = _Builder()
    builder.feed(text)
    builder.close()
    return builder.root
