"""The record model and its store: the archive is the source of truth.

Everything else (the Whoosh index, the CLI's tables and reports) is derived from what is stored
here. Import names: this folder installs as ``cdrp_archive.archive``.
"""
