"""A roll call for a class of 20 saved in one request (target: under 100 ms of server time on
SQLite), against marking the same 20 people one request each, measured in the same run.

Server time is the whole request inside the process (middleware, view, services, template),
without a network. The class is the small demo's finished class, its records cleared first."""

from __future__ import annotations

import os
import statistics
import time

os.environ.setdefault("ALLOWED_HOSTS", "testserver")

from _scratch import start_django

start_django("roll_call")

from io import StringIO  # noqa: E402

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from balai.demo.training_data import FINISHED_BATCH_CODE  # noqa: E402
from balai.scheduling.models import TrainingClass  # noqa: E402
from balai.training.models import Attendance  # noqa: E402
from balai.training.selectors import class_roster  # noqa: E402

STATUSES = ["present", "late", "absent", "excused"]


def main() -> None:
    call_command("seed_demo", "--scale", "small", "--seed", "1", stdout=StringIO())
    training_class = TrainingClass.objects.filter(batch__code=FINISHED_BATCH_CODE).first()
    assert training_class is not None and training_class.instructor is not None
    Attendance.objects.filter(session__training_class=training_class).delete()
    seats = class_roster(training_class=training_class)
    sessions = list(training_class.sessions.order_by("date"))
    client = Client()
    client.force_login(training_class.instructor.user)  # type: ignore[arg-type]
    half = len(sessions) // 2
    whole = [
        _timed(client, session.pk, {f"seat_{seat.pk}": "present" for seat in seats})
        for session in sessions[:half]
    ]
    # Corrections too: every mark changes, and each change is audited.
    corrected = [
        _timed(
            client,
            session.pk,
            {f"seat_{seat.pk}": STATUSES[(index + 1) % 4] for index, seat in enumerate(seats)},
        )
        for session in sessions[:half]
    ]
    one_by_one = [
        sum(_timed(client, session.pk, {f"seat_{seat.pk}": "present"}) for seat in seats)
        for session in sessions[half:]
    ]
    recorded = Attendance.objects.filter(session__training_class=training_class).count()
    assert recorded == len(sessions) * len(seats), recorded
    median = statistics.median(whole)
    print(
        f"roll call of {len(seats)} in one request: median {median:.0f} ms over {len(whole)} "
        f"sessions (target under 100 ms); with every mark corrected: "
        f"{statistics.median(corrected):.0f} ms"
    )
    baseline = statistics.median(one_by_one)
    print(
        f"baseline, one request per participant: {baseline:.0f} ms a class; "
        f"ratio {baseline / median:.1f}x"
    )


def _timed(client: Client, session_id: int, marks: dict[str, str]) -> float:
    started = time.perf_counter()
    response = client.post(reverse("training:roll_call", args=[session_id]), marks)
    elapsed = 1000 * (time.perf_counter() - started)
    assert response.status_code == 302, response.status_code
    return elapsed


if __name__ == "__main__":
    main()
