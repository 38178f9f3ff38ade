"""The search index: a Whoosh view derived from the archive, rebuildable at any time.

Every Whoosh call stays behind this package's interface (``SearchIndex``), so another engine
could serve very large archives without touching the rest. Installs as ``cdrp_archive.index``.
"""

from cdrp_archive.index.search_index import Hit, SearchIndex, SearchResult

__all__ = ["Hit", "SearchIndex", "SearchResult"]
