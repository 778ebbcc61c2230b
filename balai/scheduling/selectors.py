"""Reads of the scheduling app: week calendars and loads."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet
from django.utils import timezone

from balai.accounts.models import User
from balai.catalogue.availability import SLOTS, WEEKDAYS
from balai.catalogue.models import Instructor
from balai.intake.models import Batch
from balai.scheduling.models import CalendarFeed, ClassSession, Holiday, ScheduleRun
from balai.scheduling.participants import participant_class_ids


@dataclass
class Week:
    monday: datetime.date
    days: list[datetime.date]
    rows: list[tuple[int, list[list[ClassSession]]]] = field(default_factory=list)

    @property
    def days_with_sessions(self) -> list[tuple[datetime.date, list[ClassSession]]]:
        """Each day that has sessions, with them by half-day: the week as a phone lists it."""
        listed = [
            (day, [session for _slot, cells in self.rows for session in cells[index]])
            for index, day in enumerate(self.days)
        ]
        return [(day, sessions) for day, sessions in listed if sessions]

    @property
    def previous(self) -> datetime.date:
        return self.monday - datetime.timedelta(weeks=1)

    @property
    def next(self) -> datetime.date:
        return self.monday + datetime.timedelta(weeks=1)


def monday_of(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def batch_weeks(batch: Batch) -> tuple[datetime.date, datetime.date]:
    """The first Monday and the last Sunday of the weeks the batch's training touches (the
    weeks over which an instructor's weekly limit is counted)."""
    return (
        monday_of(batch.training_starts_on),
        monday_of(batch.training_ends_on) + datetime.timedelta(days=6),
    )


def opening_week(sessions: QuerySet[ClassSession]) -> datetime.date:
    """The Monday a calendar of `sessions` opens on: this week if it has sessions, else the
    next week that has; with none ahead, the week of the last one; with none, this week."""
    this_monday = monday_of(timezone.localdate())
    ahead = sessions.filter(date__gte=this_monday).order_by("date").values_list("date", flat=True)
    behind = sessions.order_by("-date").values_list("date", flat=True)
    day = ahead.first() or behind.first() or this_monday
    return monday_of(day)


def week_calendar(sessions: QuerySet[ClassSession], monday: datetime.date) -> Week:
    """The sessions of one week (Monday to Saturday) laid out by half-day and day."""
    days = [monday + datetime.timedelta(days=offset) for offset in range(WEEKDAYS)]
    cells: dict[tuple[datetime.date, int], list[ClassSession]] = defaultdict(list)
    for session in sessions.filter(date__range=(days[0], days[-1])).select_related(
        "training_class__programme",
        "training_class__offering__kelurahan",
        "instructor",
        "venue",
    ):
        cells[(session.date, session.slot)].append(session)
    week = Week(monday=monday, days=days)
    week.rows = [(slot, [cells[(day, slot)] for day in days]) for slot in range(SLOTS)]
    return week


def instructor_loads(*, batch: Batch) -> QuerySet[Instructor]:
    """Every instructor with their classes and sessions in `batch`, busiest first."""
    return (
        Instructor.objects.filter(sessions__training_class__batch=batch)
        .annotate(
            session_count=Count("sessions", distinct=True),
            class_count=Count("sessions__training_class", distinct=True),
        )
        .select_related("home_kelurahan")
        .order_by("-session_count", "full_name")
    )


def latest_schedule_run(*, batch: Batch) -> ScheduleRun | None:
    return ScheduleRun.objects.filter(batch=batch).first()


def sessions_of_user(user: User) -> QuerySet[ClassSession]:
    """What `user` attends or teaches: an instructor's sessions; a participant's, those of
    the classes they are enrolled in; nobody else has any."""
    instructor = Instructor.objects.filter(user=user).first()
    if instructor is not None:
        return ClassSession.objects.filter(instructor=instructor)
    return ClassSession.objects.filter(training_class_id__in=participant_class_ids(user))


def calendar_feed_owner(*, token: str) -> User | None:
    feed = CalendarFeed.objects.filter(token=token, revoked_at=None).select_related("user").first()
    return feed.user if feed is not None and feed.user.is_active else None


def upcoming_sessions_of_user(user: User, *, limit: int = 5) -> list[ClassSession]:
    """The next `limit` sessions `user` attends or teaches, from today on."""
    return list(
        sessions_of_user(user)
        .filter(date__gte=timezone.localdate())
        .select_related(
            "training_class__offering__programme", "training_class__offering__kelurahan", "venue"
        )
        .order_by("date", "slot")[:limit]
    )


def holiday_dates_between(*, start: datetime.date, end: datetime.date) -> set[datetime.date]:
    """Return the days off (national, cuti bersama, local) from `start` to `end` inclusive."""
    return set(Holiday.objects.filter(date__range=(start, end)).values_list("date", flat=True))


def working_days_between(
    start: datetime.date, end: datetime.date, *, days_off: set[datetime.date] | None = None
) -> int:
    """Return how many working days (Monday to Friday, not a holiday) follow `start` up to
    and including `end`: registered on a Friday, it is one working day old on Monday.
    `days_off` spares the holidays' look-up to a caller counting many spans at once."""
    if end <= start:
        return 0
    if days_off is None:
        days_off = holiday_dates_between(start=start, end=end)
    return sum(
        1
        for offset in range(1, (end - start).days + 1)
        if (day := start + datetime.timedelta(days=offset)).weekday() < 5 and day not in days_off
    )
