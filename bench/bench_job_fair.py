"""A job fair opens: 500 graduates apply within a minute on PostgreSQL (gunicorn, concurrent clients
through the API, the same service as the page) while employers' and graduates' pages are read.

Checks that nothing is lost (rows = successful answers, no duplicates, every double-click
refused) and reports the p99 of the pages read during the rush against the same pages read
on the quiet server in the same run (baseline). Medians of the rounds; timeouts and errors
are counted. Target: p99 under 500 ms.

The pages timed, in turn: the public vacancy search (/jobs/) and the vacancy being applied
to (/jobs/<id>/), read by visitors, the apply page (/jobs/<id>/apply/, a graduate's GET) and
the employer's applicants page of that vacancy (/employers/vacancies/<id>/applicants/),
which grows to 500 applicants during the rush. Needs PostgreSQL
(DATABASE_URL, default postgres://postgres@127.0.0.1:5432/balai_job_fair) and Redis.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/balai_job_fair")

from _scratch import PROJECT, server_wait, start_django

start_django("job_fair")

from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402

from balai.accounts.models import Role, User  # noqa: E402
from balai.accounts.services import api_token_create  # noqa: E402
from balai.intake.models import Application, Offer  # noqa: E402
from balai.placement.models import JobApplication  # noqa: E402
from balai.regions.services import regions_load  # noqa: E402
from balai.registry.models import Person  # noqa: E402
from balai.testing.batches import make_programmes  # noqa: E402
from balai.testing.placement import make_company, make_graduates, make_vacancy  # noqa: E402
from balai.training.models import Enrolment  # noqa: E402

ADDRESS = "127.0.0.1:8766"
WORKERS = 4
THREADS = 8
GRADUATES = 500
# "Within a minute"; BENCH_APPLY_SECONDS=30 sends them at twice the rate.
APPLY_SECONDS = float(os.environ.get("BENCH_APPLY_SECONDS", "60"))
BASELINE_SECONDS = 30.0
PAGE_READS_PER_SECOND = 10.0
CONCURRENT_CLIENTS = 100  # enough that every request leaves on time
DOUBLE_CLICKS = 50
ROUNDS = 3
TIMEOUT = 10.0


def graduates_cloned(count: int) -> list[tuple[User, int]]:
    """`count` graduates, each with an account and a completed training of their own: one real
    graduate's rows (a class that ran, was assessed and certified), copied in bulk."""
    model = Enrolment.objects.select_related("person", "offer__application").first()
    assert model is not None
    users = User.objects.bulk_create(
        User(username=f"lulusan-{index}", role=Role.PARTICIPANT) for index in range(count)
    )
    people = []
    for index, user in enumerate(users):
        person = Person.objects.get(pk=model.person_id)
        person.pk, person.public_id, person.user = None, uuid.uuid4(), user
        person.nik_hash, person.full_name = f"bench-{index}", f"Lulusan {index}"
        person.phone = f"0813{index:08d}"
        people.append(person)
    people = Person.objects.bulk_create(people)
    applications = []
    for person in people:
        application = Application.objects.get(pk=model.offer.application_id)
        application.pk, application.public_id, application.person = None, uuid.uuid4(), person
        application.idempotency_key = uuid.uuid4().hex
        applications.append(application)
    applications = Application.objects.bulk_create(applications)
    offers = []
    for application in applications:
        offer = Offer.objects.get(pk=model.offer_id)
        offer.pk, offer.public_id, offer.application = None, uuid.uuid4(), application
        offers.append(offer)
    offers = Offer.objects.bulk_create(offers)
    enrolments = []
    for person, offer in zip(people, offers, strict=True):
        enrolment = Enrolment.objects.get(pk=model.pk)
        enrolment.pk, enrolment.person, enrolment.offer = None, person, offer
        enrolments.append(enrolment)
    enrolments = Enrolment.objects.bulk_create(enrolments)
    return [(user, enrolment.pk) for user, enrolment in zip(users, enrolments, strict=True)]


@dataclass
class World:
    graduates: list[tuple[str, int]]  # API token, enrolment id
    vacancies: list[int]  # one per round
    employer_cookie: str
    graduate_cookie: str


def prepare() -> World:
    regions_load(code="36.71")
    make_graduates(make_programmes(), count=1)
    company, (employer,) = make_company()
    vacancies = [make_vacancy(company, title=f"Operator {n}").pk for n in range(ROUNDS)]
    graduates = [
        (api_token_create(user=user, label="bench")[1], enrolment_id)
        for user, enrolment_id in graduates_cloned(GRADUATES)
    ]
    reader = User.objects.get(username="lulusan-0")
    return World(graduates, vacancies, _session_cookie(employer), _session_cookie(reader))


def _session_cookie(user: User) -> str:
    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    timeouts: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, status: int, seconds: float) -> None:
        with self.lock:
            self.latencies.append(seconds * 1000)
            self.statuses[status] = self.statuses.get(status, 0) + 1


def request(
    tally: Tally, path: str, *, headers: dict[str, str], body: dict[str, object] | None = None
) -> int:
    data = json.dumps(body).encode() if body is not None else None
    sent = urllib.request.Request(
        f"http://{ADDRESS}{path}",
        data=data,
        headers={**headers, **({"Content-Type": "application/json"} if data else {})},
        method="POST" if data else "GET",
    )
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(sent, timeout=TIMEOUT) as answer:
            answer.read()
            status = int(answer.status)
    except urllib.error.HTTPError as error:
        status = int(error.code)
    except OSError:
        with tally.lock:
            tally.timeouts += 1
        return 0
    tally.add(status, time.perf_counter() - started)
    return status


def paced(count: int, seconds: float, send: Callable[[int], object]) -> None:
    """Send request `number` at `number * seconds / count` seconds from now, whatever the
    answers before it take (open loop: a slow server does not slow the arrivals)."""
    started = time.perf_counter()

    def at_its_time(number: int) -> object:
        time.sleep(max(0.0, started + number * seconds / count - time.perf_counter()))
        return send(number)

    with ThreadPoolExecutor(CONCURRENT_CLIENTS) as clients:
        list(clients.map(at_its_time, range(count)))


def page_reader(world: World, vacancy_id: int, tally: Tally) -> Callable[[int], object]:
    pages = [
        ("/jobs/", ""),
        (f"/jobs/{vacancy_id}/", ""),
        (f"/employers/vacancies/{vacancy_id}/applicants/", world.employer_cookie),
        (f"/jobs/{vacancy_id}/apply/", world.graduate_cookie),
    ]

    def read(number: int) -> int:
        path, cookie = pages[number % len(pages)]
        return request(tally, path, headers={"Cookie": cookie})

    return read


def p99(values: list[float]) -> float:
    return statistics.quantiles(values, n=100)[98] if len(values) > 1 else float("nan")


def baseline(world: World, vacancy_id: int) -> Tally:
    """The same pages at the same pace on the quiet server."""
    tally = Tally()
    reads = int(PAGE_READS_PER_SECOND * BASELINE_SECONDS)
    paced(reads, BASELINE_SECONDS, page_reader(world, vacancy_id, tally))
    return tally


@dataclass
class Rush:
    reads: Tally
    applies: Tally
    created: int
    duplicates_refused: int
    seconds: float


def rush(world: World, vacancy_id: int) -> Rush:
    """Every graduate applies within APPLY_SECONDS, the first DOUBLE_CLICKS of them twice
    (the second click 200 ms after the first), while the pages are read at their pace."""
    reads, applies = Tally(), Tally()
    answers: dict[int, list[int]] = {}
    clicks = sorted(
        [(index * APPLY_SECONDS / GRADUATES, index) for index in range(GRADUATES)]
        + [(index * APPLY_SECONDS / GRADUATES + 0.2, index) for index in range(DOUBLE_CLICKS)]
    )
    started = time.perf_counter()

    def click(number: int) -> int:
        moment, index = clicks[number]
        time.sleep(max(0.0, started + moment - time.perf_counter()))
        token, enrolment_id = world.graduates[index]
        status = request(
            applies,
            "/api/v1/placement/applications/",
            headers={"Authorization": f"Bearer {token}"},
            body={"vacancy_id": vacancy_id, "enrolment_id": enrolment_id},
        )
        answers.setdefault(index, []).append(status)
        return status

    reading = threading.Thread(
        target=paced,
        args=(
            int(PAGE_READS_PER_SECOND * APPLY_SECONDS),
            APPLY_SECONDS,
            page_reader(world, vacancy_id, reads),
        ),
    )
    reading.start()
    with ThreadPoolExecutor(CONCURRENT_CLIENTS) as clients:
        statuses = list(clients.map(click, range(len(clicks))))
    seconds = time.perf_counter() - started
    reading.join()
    twice = [sorted(answers[index]) for index in range(DOUBLE_CLICKS)]
    return Rush(
        reads,
        applies,
        statuses.count(201),
        sum(1 for pair in twice if pair == [201, 400]),
        seconds,
    )


def main() -> None:
    world = prepare()
    environment = {
        **os.environ,
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECRET_KEY": settings.SECRET_KEY,
        "FIELD_ENCRYPTION_KEY": ",".join(settings.FIELD_ENCRYPTION_KEYS),
        "FIELD_HASH_KEY": settings.FIELD_HASH_KEY,
        "LOG_LEVEL": "WARNING",
        "CACHE_URL": os.environ.get("CACHE_URL", "redis://127.0.0.1:6379/4"),
    }
    # DEBUG off serves collectstatic's hashed files, as production does.
    subprocess.run(
        [sys.executable, str(PROJECT / "manage.py"), "collectstatic", "--no-input", "-v0"],
        cwd=PROJECT,
        env=environment,
        check=True,
    )
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "config.wsgi",
            "-w",
            str(WORKERS),
            "-k",
            "gthread",
            "--threads",
            str(THREADS),
            "-b",
            ADDRESS,
            "--log-level",
            "warning",
            # The access log would print every request of every round.
            "--access-logfile",
            os.devnull,
        ],
        cwd=PROJECT,
        env=environment,
    )
    rounds = []
    try:
        server_wait(ADDRESS)
        # Every worker's first pages compile templates and open connections: not measured.
        paced(40, 2.0, page_reader(world, world.vacancies[0], Tally()))
        for vacancy_id in world.vacancies:
            quiet = baseline(world, vacancy_id)
            busy = rush(world, vacancy_id)
            rows = JobApplication.objects.filter(vacancy_id=vacancy_id)
            people = rows.values("person_id").distinct().count()
            rounds.append((quiet, busy, rows.count(), people))
            print(
                f"round {len(rounds)}: {busy.created} applications in {busy.seconds:.1f} s, "
                f"rows {rows.count()} (distinct graduates {people}), double-clicks refused "
                f"{busy.duplicates_refused}/{DOUBLE_CLICKS}; pages p99 "
                f"{p99(busy.reads.latencies):.0f} ms busy vs {p99(quiet.latencies):.0f} ms quiet; "
                f"apply p99 "
                f"{p99(busy.applies.latencies):.0f} ms; apply answers {busy.applies.statuses}, "
                f"page answers {busy.reads.statuses}, timeouts "
                f"{busy.applies.timeouts + busy.reads.timeouts}"
            )
    finally:
        server.terminate()
        server.wait(timeout=30)
    report(rounds)


def report(rounds: list[tuple[Tally, Rush, int, int]]) -> None:
    lost = [busy.created - rows for _quiet, busy, rows, _people in rounds]
    duplicated = [rows - people for _quiet, _busy, rows, people in rounds]
    busy_p99 = statistics.median(p99(busy.reads.latencies) for _q, busy, _r, _p in rounds)
    quiet_p99 = statistics.median(p99(quiet.latencies) for quiet, _b, _r, _p in rounds)
    apply_p99 = statistics.median(p99(busy.applies.latencies) for _q, busy, _r, _p in rounds)
    seconds = statistics.median(busy.seconds for _q, busy, _r, _p in rounds)
    errors = sum(
        count
        for _q, busy, _r, _p in rounds
        for tally in (busy.reads, busy.applies)
        for status, count in tally.statuses.items()
        if status >= 500
    )
    timeouts = sum(busy.reads.timeouts + busy.applies.timeouts for _q, busy, _r, _p in rounds)
    print(
        f"median of {len(rounds)} rounds: {GRADUATES} graduates applied in {seconds:.1f} s "
        f"(target: within 60 s); lost {sum(lost)}, duplicated {sum(duplicated)} (target 0, 0)"
    )
    print(
        f"pages p99 during the rush {busy_p99:.0f} ms (target under 500 ms) vs {quiet_p99:.0f} ms "
        f"quiet: ratio {busy_p99 / quiet_p99:.1f}; apply p99 {apply_p99:.0f} ms; "
        f"server errors {errors}, timeouts {timeouts} — gunicorn {WORKERS}x{THREADS} threads, "
        f"{PAGE_READS_PER_SECOND:.0f} page reads a second, PostgreSQL, {os.cpu_count()} CPUs"
    )


if __name__ == "__main__":
    main()
