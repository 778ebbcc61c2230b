"""Page weight and time to usable on a cheap phone's slow connection: Chromium emulating
slow 3G (400 ms latency, 400 kbit/s each way, CPU slowed 4x) against gunicorn serving the
demo as in production (DEBUG off, collectstatic's hashed and compressed files, Redis).

For the resident pages (home, registration form, sign-in; target 50 KB on a first visit) and
an instructor's roll call (a class of 20; target 30 KB): the bytes a first visit transfers
(headers included, from the browser's own count), DOMContentLoaded (deferred scripts run:
the page is usable) and the load event, medians of ROUNDS visits with an empty cache, and the
bytes of a repeat visit. Baseline, in the same run: the same visits with the browser asking
for no compression (`Accept-Encoding: identity`), as every page was served before.

The registration form is that of a batch offered in all 104 kelurahan (five programmes
each), as Kota Tangerang's is, not the small demo's six. Needs Redis (CACHE_URL, default
redis://127.0.0.1:6379/5) and Debian's Chromium.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from _scratch import PROJECT, open_batch, server_wait, start_django

# The server's collected static files and the bench's own secrets, apart from var/static.
os.environ["BALAI_VAR_DIR"] = str(PROJECT / "var" / "bench" / "reach")
start_django("reach")

from io import StringIO  # noqa: E402

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from playwright.sync_api import Browser, sync_playwright  # noqa: E402

from balai.catalogue.models import Programme  # noqa: E402
from balai.demo.training_data import FINISHED_BATCH_CODE  # noqa: E402
from balai.intake.batches import offerings_create  # noqa: E402
from balai.regions.selectors import kelurahan_list  # noqa: E402
from balai.scheduling.models import TrainingClass  # noqa: E402

ADDRESS = "127.0.0.1:8767"
ROUNDS = 3
SLOW_3G = {
    "offline": False,
    "latency": 400,
    "downloadThroughput": 400_000 / 8,
    "uploadThroughput": 400_000 / 8,
}
CPU_SLOWDOWN = 4
RESIDENT_TARGET = 50_000
INSTRUCTOR_TARGET = 30_000
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGUMENTS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 360, "height": 740}


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    target: int
    session_cookie: str | None = None  # signed in as this session, or anonymous


@dataclass(frozen=True)
class Visit:
    first_bytes: int
    repeat_bytes: int
    requests: int
    usable_ms: float  # DOMContentLoaded ended
    loaded_ms: float  # load event ended


def prepare() -> list[Page]:
    """Seed the small demo, add a city-wide batch, and return the pages to measure."""
    call_command("seed_demo", "--scale", "small", "--seed", "1", stdout=StringIO())
    city = open_batch("kota-tangerang")
    programmes = list(Programme.objects.order_by("code"))
    rows = [
        (programmes[(index * 5 + offset) % len(programmes)], kelurahan, None, 20)
        for index, kelurahan in enumerate(kelurahan_list(regency_code=settings.BALAI_REGENCY_CODE))
        for offset in range(5)
    ]
    offerings_create(batch=city, rows=rows)
    training_class = TrainingClass.objects.filter(batch__code=FINISHED_BATCH_CODE).first()
    assert training_class is not None and training_class.instructor is not None
    session = training_class.sessions.order_by("date").first()
    assert session is not None
    registration = f"/register/{city.code}/"
    instructor = Client()
    instructor.force_login(training_class.instructor.user)  # type: ignore[arg-type]
    return [
        Page("home", "/", RESIDENT_TARGET),
        Page(f"registration form ({len(rows)} offerings)", registration, RESIDENT_TARGET),
        Page("sign-in", "/accounts/login/", RESIDENT_TARGET),
        Page(
            "roll call (instructor)",
            f"/training/sessions/{session.pk}/roll-call/",
            INSTRUCTOR_TARGET,
            instructor.cookies[settings.SESSION_COOKIE_NAME].value,
        ),
    ]


def server_environment() -> dict[str, str]:
    return {
        **os.environ,
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECRET_KEY": settings.SECRET_KEY,
        "FIELD_ENCRYPTION_KEY": ",".join(settings.FIELD_ENCRYPTION_KEYS),
        "FIELD_HASH_KEY": settings.FIELD_HASH_KEY,
        "LOG_LEVEL": "WARNING",
        "CACHE_URL": os.environ.get("CACHE_URL", "redis://127.0.0.1:6379/5"),
    }


def visit(browser: Browser, page: Page, *, compressed: bool) -> Visit:
    """Open `page` with an empty cache on slow 3G, then once more with the cache filled."""
    context = browser.new_context(viewport=PHONE, locale="id-ID")  # type: ignore[arg-type]
    if page.session_cookie:
        context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": page.session_cookie,
                    "url": f"http://{ADDRESS}/",
                }
            ]
        )
    tab = context.new_page()
    devtools = context.new_cdp_session(tab)
    devtools.send("Network.enable")
    devtools.send("Network.emulateNetworkConditions", SLOW_3G)
    devtools.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    if not compressed:
        devtools.send("Network.setExtraHTTPHeaders", {"headers": {"Accept-Encoding": "identity"}})
    network = NetworkLog(devtools)
    try:
        first = _load(tab, page.path, network)
        first_bytes, requests = network.bytes_and_requests()
        network.received.clear()
        _load(tab, page.path, network)
        repeat_bytes, _requests = network.bytes_and_requests()
    finally:
        context.close()
    if network.failed:
        raise RuntimeError(f"{page.name}: requests failed: {network.failed}")
    return Visit(first_bytes, repeat_bytes, requests, first["usable"], first["loaded"])


class NetworkLog:
    """What the browser fetched over the network (data: URIs aside), as DevTools reports it:
    bytes received per request, headers included; requests still under way; failures."""

    def __init__(self, devtools: Any) -> None:
        self.received: dict[str, int] = {}
        self.pending: set[str] = set()
        self.fetched: set[str] = set()
        self.failed: list[str] = []
        devtools.on("Network.requestWillBeSent", self._sent)
        devtools.on("Network.loadingFinished", self._finished)
        devtools.on("Network.loadingFailed", self._refused)

    def bytes_and_requests(self) -> tuple[int, int]:
        return sum(self.received.values()), len(self.received)

    def _sent(self, event: dict[str, Any]) -> None:
        self.pending.add(event["requestId"])
        if event["request"]["url"].startswith("http"):
            self.fetched.add(event["requestId"])

    def _finished(self, event: dict[str, Any]) -> None:
        if event["requestId"] in self.fetched:
            self.received[event["requestId"]] = event["encodedDataLength"]
        self.pending.discard(event["requestId"])

    def _refused(self, event: dict[str, Any]) -> None:
        self.failed.append(event["errorText"])
        self.pending.discard(event["requestId"])


def _load(tab: Any, path: str, network: NetworkLog) -> dict[str, float]:
    response = tab.goto(f"http://{ADDRESS}{path}", wait_until="load", timeout=120_000)
    if response is None or response.status != 200:
        raise RuntimeError(f"{path}: {response.status if response else 'no answer'}")
    # The favicon is asked for after the load event, and Playwright's "networkidle" does not
    # wait for it: wait until every request the page made has ended, and a second more.
    quiet_since = time.monotonic()
    while time.monotonic() - quiet_since < 1:
        tab.wait_for_timeout(100)
        if network.pending:
            quiet_since = time.monotonic()
    timing = tab.evaluate(
        "(() => { const n = performance.getEntriesByType('navigation')[0];"
        " return {usable: n.domContentLoadedEventEnd, loaded: n.loadEventEnd}; })()"
    )
    return {"usable": float(timing["usable"]), "loaded": float(timing["loaded"])}


def median_visits(browser: Browser, page: Page) -> tuple[Visit, Visit]:
    """Return the median visits to `page` served compressed and uncompressed, the two
    alternating round by round after one visit that warms the server up."""
    visit(browser, page, compressed=True)
    compressed: list[Visit] = []
    uncompressed: list[Visit] = []
    for _round in range(ROUNDS):
        compressed.append(visit(browser, page, compressed=True))
        uncompressed.append(visit(browser, page, compressed=False))
    return _median(compressed), _median(uncompressed)


def _median(visits: list[Visit]) -> Visit:
    return Visit(
        first_bytes=int(statistics.median(v.first_bytes for v in visits)),
        repeat_bytes=int(statistics.median(v.repeat_bytes for v in visits)),
        requests=int(statistics.median(v.requests for v in visits)),
        usable_ms=statistics.median(v.usable_ms for v in visits),
        loaded_ms=statistics.median(v.loaded_ms for v in visits),
    )


def report(page: Page, measured: Visit, baseline: Visit) -> bool:
    """Print the figures of `page` against its target and the baseline; return whether the
    target is met."""
    met = measured.first_bytes <= page.target
    print(
        f"{page.name}: first visit {measured.first_bytes / 1000:.1f} KB in {measured.requests} "
        f"requests (target {page.target / 1000:.0f} KB: {'met' if met else 'NOT MET'}), "
        f"usable {measured.usable_ms / 1000:.2f} s, loaded {measured.loaded_ms / 1000:.2f} s; "
        f"repeat visit {measured.repeat_bytes / 1000:.1f} KB"
    )
    print(
        f"  baseline, uncompressed: {baseline.first_bytes / 1000:.1f} KB, usable "
        f"{baseline.usable_ms / 1000:.2f} s, loaded {baseline.loaded_ms / 1000:.2f} s; ratio "
        f"bytes {baseline.first_bytes / measured.first_bytes:.1f}x, "
        f"usable {baseline.usable_ms / measured.usable_ms:.2f}x"
    )
    return met


def main() -> None:
    pages = prepare()
    environment = server_environment()
    manage = [sys.executable, str(PROJECT / "manage.py")]
    subprocess.run(
        [*manage, "collectstatic", "--no-input", "-v0"], cwd=PROJECT, env=environment, check=True
    )
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    server = subprocess.Popen(
        # gunicorn.conf.py's access log would print every request of every round.
        [gunicorn, "config.wsgi", "-w", "2", "-b", ADDRESS, "--access-logfile", os.devnull],
        cwd=PROJECT,
        env=environment,
    )
    try:
        server_wait(ADDRESS)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGUMENTS)
            results = [report(page, *median_visits(browser, page)) for page in pages]
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(
        f"slow 3G (400 ms, 400 kbit/s, CPU 4x slower), phone viewport, medians of {ROUNDS} "
        f"rounds; targets met on {sum(results)} of {len(results)} pages"
    )


if __name__ == "__main__":
    main()
