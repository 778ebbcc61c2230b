"""What a page weighs on a phone's first visit: its compressed HTML and the static files it
links, each compressed as collectstatic compresses them, with their headers."""

from __future__ import annotations

import gzip
import re
from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders

# The files a browser fetches before a page is whole: stylesheets, scripts, the icon.
LINKED_FILE = re.compile(r'<(?:link|script)\b[^>]*?\b(?:href|src)="([^"]+)"')


def linked_static_files(html: str) -> list[str]:
    """Return the static files (paths under STATIC_URL) that `html` links."""
    prefix = "/" + settings.STATIC_URL.lstrip("/")
    return [url.removeprefix(prefix) for url in LINKED_FILE.findall(html) if url.startswith(prefix)]


def header_bytes(response: Any) -> int:
    """Return the size of `response`'s status line and headers as sent."""
    return len("HTTP/1.1 200 OK\r\n\r\n") + sum(
        len(f"{name}: {value}\r\n") for name, value in response.items()
    )


def static_file_bytes(path: str) -> int:
    """Return what WhiteNoise sends for static file `path`: its gzip copy when smaller."""
    found = finders.find(path)
    assert isinstance(found, str), f"{path} is linked but not a static file"
    with open(found, "rb") as file:
        content = file.read()
    return min(len(content), len(gzip.compress(content, compresslevel=9)))


def first_visit_bytes(response: Any) -> int:
    """Return the bytes a first visit to the page of `response` (asked for with
    `Accept-Encoding: gzip`) transfers: the page and every static file it links, each with
    headers about as large as the page's."""
    body = response.content
    if response.get("Content-Encoding") == "gzip":
        html = gzip.decompress(body).decode()
    else:
        html = body.decode()
    files = linked_static_files(html)
    headers = header_bytes(response) * (1 + len(files))
    return len(body) + sum(static_file_bytes(path) for path in files) + headers
