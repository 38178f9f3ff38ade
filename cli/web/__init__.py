"""The local web view (`cdrp-archive serve`): the archive read-only in the browser.

Starlette serves server-rendered Jinja2 pages (autoescaped: papers are untrusted input) and the
same data as JSON under ``/api/``; uvicorn runs it. Install with ``pip install
'cdrp-archive[web]'``."""
