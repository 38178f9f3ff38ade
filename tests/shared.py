"""Where the third-party reference papers are: ``shared/`` beside the checkout.

They are never part of the repository (see ``shared/real-papers/README.md``): tests that read
them call ``shared_dir("real-papers")``, which skips the test, saying why, where they are absent.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def shared_root() -> Path | None:
    """``$CDRP_SHARED``, else ``<checkout>/../shared``, else ``/work/shared``; None if none is."""
    candidates = [os.environ.get("CDRP_SHARED"), ROOT.parent / "shared", "/work/shared"]
    for candidate in candidates:
        if candidate and Path(candidate).is_dir():
            return Path(candidate)
    return None


def shared_dir(name: str) -> Path:
    """``shared/<name>``, or skip the test: those third-party files are not in the repository."""
    root = shared_root()
    folder = root / name if root else None
    if folder is None or not folder.is_dir():
        pytest.skip(
            f"shared/{name} is absent: these third-party papers are not part of the "
            "repository (set CDRP_SHARED to the folder that holds them)"
        )
    return folder
