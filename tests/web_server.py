"""The web view for the tests: an archive of the corpus plus a hostile paper, served by the
installed `cdrp-archive serve` on a free loopback port."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from conftest import FIXTURES, cli_env, command, run_cli

HOSTILE = FIXTURES / "web" / "hostile-paper.html"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def web_home(corpus_home: Path, tmp: Path) -> Path:
    """A copy of the corpus archive with the hostile paper added."""
    home = tmp / "web-archive"
    shutil.copytree(corpus_home, home)
    result = run_cli(home, "ingest", str(HOSTILE))
    assert result.code == 0, result.stderr
    return home


@contextmanager
def serving(home: Path, *args: str, host: str = "127.0.0.1") -> Iterator[str]:
    port = free_port()
    proc = subprocess.Popen(
        [*command(), "--home", str(home), "serve", "--port", str(port), *args],
        env=cli_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    base = f"http://{host}:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/static/style.css", timeout=2).read()
                break
            except urllib.error.HTTPError as exc:  # it answers (401 without its token): it is up
                exc.close()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    proc.kill()  # before reading its stderr, which is open while it runs
                    raise AssertionError(f"serve did not start: {proc.stderr.read()}") from None
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        for pipe in (proc.stdout, proc.stderr):
            if pipe:
                pipe.close()
