"""Renderers of the yearly assessment: terminal, Markdown, HTML, Word and JSON."""
