"""A polite HTTP client for someone else's server: one request at a time with a delay between
them, an honest User-Agent, timeouts, retries with backoff on timeouts and 5xx, ``Retry-After``
honoured on 429 and 503, redirects followed, no page asked for twice in a run, and downloads
written whole or not at all. Standard library only."""

from __future__ import annotations

import email.utils
import http.client
import importlib.metadata
import os
import socket
import ssl
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path


def user_agent() -> str:
    try:
        version = importlib.metadata.version("cdrp-archive")
    except importlib.metadata.PackageNotFoundError:
        version = "dev"
    return (
        f"cdrp-archive/{version} (archiver of a partnership's committee papers; "
        "one request at a time)"
    )


class FetchError(Exception):
    """A URL that could not be fetched as asked: ``reason`` is one plain sentence."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason


@dataclass(frozen=True)
class Response:
    url: str  # after redirects
    status: int
    headers: dict[str, str]
    body: bytes


@dataclass(frozen=True)
class Download:
    url: str
    path: Path
    size: int
    etag: str | None
    last_modified: str | None
    not_modified: bool = False


@dataclass
class Client:
    delay: float = 1.0  # seconds between requests
    timeout: float = 30.0
    retries: int = 3  # further tries after a timeout or a 5xx
    backoff: float = 2.0  # seconds before the first retry, doubled each time
    max_wait: float = 120.0  # the longest Retry-After honoured
    agent: str = field(default_factory=user_agent)
    sleep: Callable[[float], None] = time.sleep
    requests: int = 0
    _last: float = 0.0
    _pages: dict[str, Response] = field(default_factory=dict)

    def get(self, url: str) -> Response:
        """A page, asked for once a run however often it is wanted."""
        if url not in self._pages:
            self._pages[url] = self._request(url, {}, None)
        return self._pages[url]

    def download(
        self, url: str, dest: Path, etag: str | None = None, last_modified: str | None = None
    ) -> Download:
        """Write ``url`` to ``dest`` whole: into a hidden part file beside it, checked against
        its announced length, then renamed; a conditional GET when a validator is known."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        dest.parent.mkdir(parents=True, exist_ok=True)
        part = dest.with_name(f".{dest.name}.part")
        result = self._request(url, headers, part)
        if result.status == 304:
            return Download(
                url,
                dest,
                dest.stat().st_size if dest.exists() else 0,
                etag,
                last_modified,
                not_modified=True,
            )
        os.replace(part, dest)
        return Download(
            url,
            dest,
            dest.stat().st_size,
            result.headers.get("etag"),
            result.headers.get("last-modified"),
        )

    # --- the one place a request is made -----------------------------------------------

    def _request(self, url: str, headers: dict[str, str], to: Path | None) -> Response:
        tries = 0
        wait = self.backoff
        while True:
            self._pause()
            try:
                return self._once(url, headers, to)
            except _Retry as retry:
                tries += 1
                if tries > self.retries:
                    raise FetchError(url, retry.reason) from None
                pause = retry.after if retry.after is not None else wait
                if pause > self.max_wait:
                    raise FetchError(
                        url, f"{retry.reason}; the site asks to wait {pause:.0f} s"
                    ) from None
                self.sleep(pause)
                wait *= 2

    def _pause(self) -> None:
        since = time.monotonic() - self._last
        if self._last and since < self.delay:
            self.sleep(self.delay - since)
        self._last = time.monotonic()

    def _once(self, url: str, headers: dict[str, str], to: Path | None) -> Response:
        request = urllib.request.Request(url, headers={"User-Agent": self.agent, **headers})
        self.requests += 1
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:
                got = {k.lower(): v for k, v in answer.headers.items()}
                if to is None:
                    body = answer.read()
                    _check_length(url, got, len(body))
                else:
                    _stream(url, answer, got, to)
                    body = b""
                return Response(answer.geturl(), answer.status, got, body)
        except urllib.error.HTTPError as exc:
            if exc.code == 304:
                return Response(url, 304, {}, b"")
            if exc.code in (429, 503) or 500 <= exc.code < 600:
                raise _Retry(f"HTTP {exc.code} {exc.reason}", _retry_after(exc.headers)) from None
            raise FetchError(url, f"HTTP {exc.code} {exc.reason}") from None
        except TimeoutError:
            raise _Retry(f"no answer within {self.timeout:g} s", None) from None
        except urllib.error.URLError as exc:
            raise FetchError(url, _why(exc.reason)) from None
        except http.client.IncompleteRead:
            if to is not None:
                to.unlink(missing_ok=True)
            raise FetchError(
                url,
                "truncated download (the connection closed before the end)",
            ) from None
        except (ConnectionError, OSError, http.client.HTTPException) as exc:
            if to is not None:
                to.unlink(missing_ok=True)
            raise FetchError(url, f"connection failed ({exc})") from None


class _Retry(Exception):
    def __init__(self, reason: str, after: float | None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.after = after


def _retry_after(headers: object) -> float | None:
    value = getattr(headers, "get", lambda _k: None)("Retry-After")
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    when = email.utils.parsedate_to_datetime(value)
    if when is None:
        return None
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _why(reason: object) -> str:
    if isinstance(reason, ssl.SSLError):
        return f"TLS failure ({getattr(reason, 'reason', None) or reason})"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused (is the host up?)"
    if isinstance(reason, socket.gaierror):
        return "host not found"
    if isinstance(reason, TimeoutError | socket.timeout):
        return "no answer in time"
    return f"cannot connect ({reason})"


def _check_length(url: str, headers: dict[str, str], got: int) -> None:
    announced = headers.get("content-length")
    if announced and announced.isdigit() and int(announced) != got:
        raise FetchError(url, f"truncated download ({got} of {announced} bytes)")


def _stream(url: str, answer: object, headers: dict[str, str], to: Path) -> None:
    size = 0
    try:
        with open(to, "wb") as out:
            while chunk := answer.read(1 << 16):  # type: ignore[attr-defined]
                out.write(chunk)
                size += len(chunk)
            out.flush()
            os.fsync(out.fileno())
        _check_length(url, headers, size)
    except BaseException:
        to.unlink(missing_ok=True)
        raise
