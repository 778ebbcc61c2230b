"""Timetables over the API: classes and sessions (staff and leadership), one's own schedule
(instructors and participants), solve jobs and changes by hand (admins). The same selectors
and services as the pages."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from balai.accounts.models import Role
from balai.api.auth import SIGNED_IN_AUTH
from balai.api.schemas import ErrorOut, InputSchema, JobStarted
from balai.catalogue.models import Instructor
from balai.core.access import ADMIN_ONLY, register_route_access, request_user, roles
from balai.intake.models import Batch
from balai.scheduling.changes import class_instructor_change, session_move
from balai.scheduling.jobs import schedule_solve_start
from balai.scheduling.models import ClassSession, ScheduleRun, TrainingClass
from balai.scheduling.selectors import sessions_of_user

router = Router(tags=["scheduling"], auth=SIGNED_IN_AUTH)
READERS = roles(Role.ADMIN, Role.KECAMATAN_OPERATOR, Role.KELURAHAN_OPERATOR, Role.VIEWER)


class ClassOut(Schema):
    id: int
    label: str
    programme: str
    kelurahan_code: str
    number: int
    status: str
    instructor_id: int | None
    instructor: str | None
    venue: str | None
    problem: str


class SessionOut(Schema):
    id: int
    class_id: int
    number: int
    date: datetime.date
    slot: int = Field(description="0: morning 08:00-12:00, 1: afternoon 13:00-17:00")
    programme: str
    instructor: str
    venue: str


class SolveIn(InputSchema):
    batch_code: str
    time_limit: int = Field(60, ge=5, le=1800)


class SessionMoveIn(InputSchema):
    date: datetime.date
    slot: int = Field(ge=0, le=1, description="0: morning, 1: afternoon")


class InstructorChangeIn(InputSchema):
    instructor_id: int
    starts_on: datetime.date = Field(description="The first day the new instructor teaches.")


class InstructorChangeOut(Schema):
    changed: int = Field(description="How many sessions went to the new instructor.")


class ScheduleRunOut(Schema):
    id: int
    status: str
    classes_scheduled: int
    classes_unscheduled: int
    travel_km: float | None
    travel_lower_bound_km: float | None
    objective: int | None
    components: dict[str, Any]
    explanations: list[str]
    violations: list[str]
    seconds: float
    created_at: datetime.datetime


def _sessions_out(sessions: QuerySet[ClassSession]) -> list[SessionOut]:
    return [
        SessionOut(
            id=session.pk,
            class_id=session.training_class_id,
            number=session.number,
            date=session.date,
            slot=session.slot,
            programme=session.training_class.programme.name,
            instructor=session.instructor.full_name,
            venue=str(session.venue),
        )
        for session in sessions.select_related(
            "training_class__programme", "instructor", "venue__kelurahan"
        ).order_by("date", "slot")
    ]


@router.get(
    "/classes",
    response={200: list[ClassOut], 401: ErrorOut, 403: ErrorOut},
    url_name="schedule_classes",
)
def schedule_classes(request: HttpRequest, batch_code: str) -> list[ClassOut]:
    """A batch's classes with their lead instructor, hall and status."""
    return [
        ClassOut(
            id=item.pk,
            label=str(item),
            programme=item.programme.name,
            kelurahan_code=item.offering.kelurahan_id,
            number=item.number,
            status=item.status,
            instructor_id=item.instructor_id,
            instructor=item.instructor.full_name if item.instructor else None,
            venue=str(item.venue) if item.venue else None,
            problem=item.problem,
        )
        for item in TrainingClass.objects.filter(batch__code=batch_code).select_related(
            "programme",
            "offering__kelurahan",
            "offering__programme",
            "instructor",
            "venue__kelurahan",
        )
    ]


@router.get(
    "/classes/{int:class_id}/sessions",
    response={200: list[SessionOut], 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    url_name="schedule_class_sessions",
)
def schedule_class_sessions(request: HttpRequest, class_id: int) -> list[SessionOut]:
    training_class = get_object_or_404(TrainingClass, pk=class_id)
    return _sessions_out(ClassSession.objects.filter(training_class=training_class))


@router.post(
    "/sessions/{int:session_id}/move",
    response={200: SessionOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    url_name="schedule_session_move",
)
def schedule_session_move(
    request: HttpRequest, session_id: int, payload: SessionMoveIn
) -> SessionOut:
    """Move one session; refused (400, every rule it would break in `details.problems`)."""
    session = get_object_or_404(ClassSession, pk=session_id)
    session_move(session=session, date=payload.date, slot=payload.slot)
    return _sessions_out(ClassSession.objects.filter(pk=session.pk))[0]


@router.post(
    "/classes/{int:class_id}/instructor",
    response={
        200: InstructorChangeOut,
        400: ErrorOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
    },
    url_name="schedule_class_instructor",
)
def schedule_class_instructor(
    request: HttpRequest, class_id: int, payload: InstructorChangeIn
) -> InstructorChangeOut:
    """Hand the class's sessions from `starts_on` on to another instructor; refused (400)
    with every rule it would break."""
    training_class = get_object_or_404(TrainingClass, pk=class_id)
    instructor = get_object_or_404(Instructor, pk=payload.instructor_id)
    changed = class_instructor_change(
        training_class=training_class, instructor=instructor, starts_on=payload.starts_on
    )
    return InstructorChangeOut(changed=changed)


@router.get(
    "/mine",
    response={200: list[SessionOut], 401: ErrorOut, 403: ErrorOut},
    url_name="schedule_mine",
)
def schedule_mine(request: HttpRequest) -> list[SessionOut]:
    """The caller's own sessions: an instructor's teaching, a participant's class."""
    return _sessions_out(sessions_of_user(request_user(request)))


@router.post(
    "/solve",
    response={202: JobStarted, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    url_name="schedule_solve",
)
def schedule_solve_endpoint(request: HttpRequest, payload: SolveIn) -> Status[JobStarted]:
    """Solve a batch's timetable as a job; follow it at /api/v1/jobs/{job_id}."""
    batch = get_object_or_404(Batch, code=payload.batch_code)
    job = schedule_solve_start(
        batch=batch, time_limit=payload.time_limit, created_by=request_user(request)
    )
    return Status(202, JobStarted(job_id=job.id))


@router.get(
    "/runs",
    response={200: list[ScheduleRunOut], 401: ErrorOut, 403: ErrorOut},
    url_name="schedule_runs",
)
def schedule_runs(request: HttpRequest, batch_code: str) -> QuerySet[ScheduleRun]:
    """A batch's solves, newest first, with their figures and explanations."""
    return ScheduleRun.objects.filter(batch__code=batch_code)


register_route_access(
    "api-v1",
    {
        "schedule_classes": READERS,
        "schedule_class_sessions": READERS,
        "schedule_session_move": ADMIN_ONLY,
        "schedule_class_instructor": ADMIN_ONLY,
        "schedule_mine": roles(Role.INSTRUCTOR, Role.PARTICIPANT),
        "schedule_solve": ADMIN_ONLY,
        "schedule_runs": ADMIN_ONLY,
    },
)
