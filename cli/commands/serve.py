"""`cdrp-archive serve`: the archive in the browser, read-only, on this machine."""

from __future__ import annotations

import ipaddress
import secrets
import webbrowser
from typing import Annotated

import typer

from cdrp_archive.cli.context import err, fail, open_store, state


def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port.")] = 8080,
    token: Annotated[
        str | None,
        typer.Option("--token", help="Required to listen beyond this machine; 'new' makes one."),
    ] = None,
    open_browser: Annotated[bool, typer.Option("--open", help="Open it in the browser.")] = False,
) -> None:
    """Serve the archive read-only as a local web site: search, timelines, meetings,
    listings with CSV and JSON downloads, and the yearly assessment.

    Example: cdrp-archive serve --open
    """
    try:
        import uvicorn

        from cdrp_archive.cli.web.app import create_app
    except ImportError:
        raise fail("the web view needs its extra: pip install 'cdrp-archive[web]'") from None
    home = state(ctx).home
    if not _loopback(host):
        if not token:
            raise fail(f"--host {host} serves beyond this machine: give --token (or --token new)")
        if token == "new":
            token = secrets.token_urlsafe(18)
    with open_store(ctx) as store:  # upgrades an old archive and brings the index up to date
        from cdrp_archive.cli.indexing import refresh_index

        refresh_index(store, home)
    url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}/"
    if token:
        url += f"?token={token}"
        err.print(f"listening on {host}:{port} beyond this machine; the token is required: {url}")
    else:
        err.print(f"serving {home} read-only at {url} (Ctrl-C stops)")
    if open_browser:
        webbrowser.open(url)
    uvicorn.run(
        create_app(home, token), host=host, port=port, log_level="warning", access_log=False
    )


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def register(app: typer.Typer) -> None:
    app.command()(serve)
