"""The command line: a thin Typer layer. Installs as ``cdrp_archive.cli``."""
