"""Changes without chaos: an absence re-planned with substitutes; a move and a new instructor
checked on save."""

from __future__ import annotations

import datetime

import pytest

from balai.catalogue.models import Instructor, Programme
from balai.catalogue.services import instructor_create
from balai.core.errors import ApplicationError
from balai.core.models import AuditAction, AuditEntry
from balai.intake.models import Batch
from balai.scheduling.changes import (
    class_instructor_change,
    instructor_absence_record,
    session_move,
)
from balai.scheduling.models import ClassSession, TrainingClass
from balai.scheduling.services import schedule_solve
from balai.scheduling.validator import timetable_check
from balai.testing.factories import kelurahan
from balai.testing.places import BABAKAN
from balai.testing.scheduling import local_holiday_of

pytestmark = pytest.mark.django_db


def audited(target_type: str, action: AuditAction) -> int:
    return AuditEntry.objects.filter(target_type=target_type, action=action).count()


def snapshot() -> dict[int, tuple[datetime.date, int, int, int]]:
    return {
        pk: (date, slot, instructor_id, venue_id)
        for pk, date, slot, instructor_id, venue_id in ClassSession.objects.values_list(
            "pk", "date", "slot", "instructor_id", "venue_id"
        )
    }


def test_an_absence_changes_only_the_sessions_it_touches(
    city: Batch, programmes: list[Programme]
) -> None:
    schedule_solve(batch=city, created_by=None, time_limit=5)
    session = (
        ClassSession.objects.select_related("training_class__programme").order_by("date").first()
    )
    assert session is not None
    away = session.instructor
    instructor_create(
        full_name="Pengganti",
        home_kelurahan=kelurahan(BABAKAN),
        programmes=[session.training_class.programme],
    )
    before = snapshot()
    touched = set(
        ClassSession.objects.filter(
            instructor=away, date__range=(session.date, session.date + datetime.timedelta(days=1))
        ).values_list("pk", flat=True)
    )
    replan = instructor_absence_record(
        instructor=away,
        starts_on=session.date,
        ends_on=session.date + datetime.timedelta(days=1),
        reason="Sakit",
    )
    after = snapshot()
    changed = {pk for pk in before if before[pk] != after[pk]}
    assert changed == touched == {item.pk for item in replan.changed}
    assert replan.unresolved == []
    for pk in changed:  # only the instructor changed: same day, half-day and hall
        assert before[pk][0:2] == after[pk][0:2] and before[pk][3] == after[pk][3]
    assert timetable_check(batch=city) == []
    # Audited: the timetable solved, the absence, and each session's new instructor.
    assert audited("scheduling.schedulerun", AuditAction.CREATE) == 1
    assert audited("scheduling.instructorabsence", AuditAction.CREATE) == 1
    handed = AuditEntry.objects.filter(target_type="scheduling.classsession")
    assert {int(entry.target_id) for entry in handed} == changed
    assert all(set(entry.changes) == {"instructor_id"} for entry in handed)


def test_a_move_onto_a_holiday_is_refused_and_a_valid_move_is_saved(city: Batch) -> None:
    schedule_solve(batch=city, created_by=None, time_limit=5)
    last = ClassSession.objects.order_by("-date").first()
    assert last is not None
    with pytest.raises(ApplicationError) as refused:
        session_move(session=last, date=local_holiday_of(city), slot=last.slot)
    assert refused.value.code == "session_move_conflict"
    assert "hari libur" in str(refused.value)
    moved = False
    day = last.date
    while not moved and day < city.training_ends_on:
        day += datetime.timedelta(days=1)
        try:
            session_move(session=last, date=day, slot=last.slot)
            moved = True
        except ApplicationError:
            continue
    assert moved
    assert timetable_check(batch=city) == []
    [entry] = AuditEntry.objects.filter(target_type="scheduling.classsession")  # refused: none
    assert entry.changes["date"] == {"old": last.date.isoformat(), "new": day.isoformat()}


def test_an_absence_ending_before_it_starts_is_refused(city: Batch) -> None:
    instructor = Instructor.objects.first()
    assert instructor is not None
    with pytest.raises(ApplicationError):
        instructor_absence_record(
            instructor=instructor,
            starts_on=city.training_starts_on + datetime.timedelta(days=1),
            ends_on=city.training_starts_on,
        )


def test_a_class_handed_to_a_free_instructor_changes_only_its_later_sessions(
    city: Batch,
) -> None:
    schedule_solve(batch=city, created_by=None, time_limit=5)
    training_class = TrainingClass.objects.select_related("programme").first()
    assert training_class is not None
    dates = list(training_class.sessions.order_by("date").values_list("date", flat=True))
    halfway = dates[len(dates) // 2]
    leader = training_class.instructor_id
    newcomer = instructor_create(
        full_name="Pengganti",
        home_kelurahan=kelurahan(BABAKAN),
        programmes=[training_class.programme],
    )
    before = snapshot()
    changed = class_instructor_change(
        training_class=training_class, instructor=newcomer, starts_on=halfway
    )
    after = snapshot()
    handed = {pk for pk in before if before[pk] != after[pk]}
    assert changed == len(handed) == len(dates) - len(dates) // 2
    assert set(ClassSession.objects.filter(pk__in=handed).values_list("instructor", flat=True)) == {
        newcomer.pk
    }
    assert all(after[pk][0] >= halfway for pk in handed)
    training_class.refresh_from_db()
    assert training_class.instructor == newcomer
    assert timetable_check(batch=city) == []
    handed_over, new_leader = AuditEntry.objects.filter(
        target_type="scheduling.trainingclass"
    ).order_by("pk")
    assert handed_over.changes == {
        "handed_over_from": {"old": "", "new": halfway.isoformat()},
        "sessions_handed_over": {"old": "", "new": str(changed)},
    }
    assert new_leader.changes["instructor_id"] == {"old": str(leader), "new": str(newcomer.pk)}


def test_a_class_is_not_handed_to_an_unqualified_instructor(
    city: Batch, programmes: list[Programme]
) -> None:
    schedule_solve(batch=city, created_by=None, time_limit=5)
    training_class = TrainingClass.objects.filter(programme=programmes[0]).first()
    assert training_class is not None
    outsider = instructor_create(
        full_name="Penjahit Saja", home_kelurahan=kelurahan(BABAKAN), programmes=[programmes[1]]
    )
    before = snapshot()
    with pytest.raises(ApplicationError) as refused:
        class_instructor_change(
            training_class=training_class, instructor=outsider, starts_on=city.training_starts_on
        )
    assert refused.value.code == "instructor_change_conflict"
    assert "Penjahit Saja tidak dapat mengampu kelas ini" in str(refused.value)
    assert "tidak memenuhi syarat" in str(refused.value)
    assert snapshot() == before
