"""Changes to a batch's timetable take the batch's lock before they check the timetable,
and a solve checks again under it before it stores its plan."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from balai.catalogue.models import Programme
from balai.catalogue.services import instructor_create
from balai.core.errors import ApplicationError
from balai.intake.models import Batch
from balai.scheduling.changes import class_instructor_change, session_move
from balai.scheduling.models import ClassSession, TrainingClass
from balai.scheduling.problem import Weights
from balai.scheduling.services import _store, planned_classes, problem_for, schedule_solve
from balai.scheduling.solver import solve
from balai.testing.factories import kelurahan
from balai.testing.places import BABAKAN
from balai.testing.scheduling import make_city, past_window_monday

pytestmark = pytest.mark.django_db
ROW_LOCK = re.compile(r"FOR (NO KEY )?UPDATE")


def first_query(queries: list[str], *, table: str, locking: bool) -> int:
    """The index of the first query on `table` that locks (or reads without locking) it."""
    return next(
        index
        for index, sql in enumerate(queries)
        if f'FROM "{table}"' in sql and bool(ROW_LOCK.search(sql)) == locking
    )


def batch_locked_before_sessions_read(captured: CaptureQueriesContext) -> bool:
    queries = [query["sql"] for query in captured.captured_queries]
    return first_query(queries, table="intake_batch", locking=True) < first_query(
        queries, table="scheduling_classsession", locking=False
    )


def test_a_solve_that_finishes_after_training_began_stores_nothing(
    kota_tangerang: None, programmes: list[Programme]
) -> None:
    begun = make_city(programmes, monday=past_window_monday())
    classes = planned_classes(batch=begun)
    # Solved while the first session was still to come; the plan is stored once it has been
    # held (the plan of the first solve below stands for the sessions held meanwhile).
    solution = solve(problem_for(batch=begun, classes=classes, weights=Weights()), time_limit=5)
    schedule_solve(batch=begun, created_by=None, time_limit=5)
    before = set(ClassSession.objects.values_list("pk", "date", "slot", "instructor_id"))
    with pytest.raises(ApplicationError) as refused:
        _store(begun, classes, solution, [], {}, {}, None)
    assert refused.value.code == "training_begun"
    assert set(ClassSession.objects.values_list("pk", "date", "slot", "instructor_id")) == before


@pytest.mark.postgres_only
def test_moves_and_hand_overs_lock_the_batch_before_they_check_its_timetable(
    city: Batch,
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("only PostgreSQL takes row locks (SQLite locks the whole database)")
    schedule_solve(batch=city, created_by=None, time_limit=5)
    last = ClassSession.objects.order_by("-date").first()
    assert last is not None
    with CaptureQueriesContext(connection) as moving:
        session_move(session=last, date=last.date, slot=last.slot)  # where it is: allowed
    assert batch_locked_before_sessions_read(moving)
    training_class = TrainingClass.objects.select_related("programme").get(
        pk=last.training_class_id
    )
    newcomer = instructor_create(
        full_name="Pengganti",
        home_kelurahan=kelurahan(BABAKAN),
        programmes=[training_class.programme],
    )
    with CaptureQueriesContext(connection) as handing:
        class_instructor_change(
            training_class=training_class,
            instructor=newcomer,
            starts_on=last.date - datetime.timedelta(days=1),
        )
    assert batch_locked_before_sessions_read(handing)


@pytest.mark.postgres_only
def test_a_solve_locks_the_batch_before_it_checks_again_and_stores(city: Batch) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("only PostgreSQL takes row locks (SQLite locks the whole database)")
    with CaptureQueriesContext(connection) as solving:
        schedule_solve(batch=city, created_by=None, time_limit=5)
    queries = [query["sql"] for query in solving.captured_queries]
    lock = first_query(queries, table="intake_batch", locking=True)
    store = next(
        index
        for index, sql in enumerate(queries)
        if sql.startswith('INSERT INTO "scheduling_classsession"')
    )
    recheck = [
        index
        for index, sql in enumerate(queries)
        if 'FROM "scheduling_classsession"' in sql and '"date" <' in sql
    ]
    assert lock < recheck[-1] < store
