"""Where the archive lives: ``--home``, else ``$CDRP_ARCHIVE_HOME``, else the user data folder
(``$XDG_DATA_HOME/cdrp-archive``, by default ``~/.local/share/cdrp-archive``)."""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "CDRP_ARCHIVE_HOME"


def default_home() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "cdrp-archive"


def resolve_home(option: Path | None) -> Path:
    if option is not None:
        return option.expanduser()
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    return default_home()
