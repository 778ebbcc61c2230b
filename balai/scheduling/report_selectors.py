"""What reporting reads of scheduling: every class with its place, and sessions counted per
class and instructor, for the summaries."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import NamedTuple

from django.conf import settings
from django.db.models import Count, Q

from balai.scheduling.models import ClassSession, TrainingClass


class ClassFact(NamedTuple):
    class_id: int
    kelurahan_code: str
    programme_name: str
    number: int
    batch_name: str


def class_facts() -> Iterator[ClassFact]:
    """Every class held in the deployment's kelurahan, by batch, programme and number."""
    classes = (
        TrainingClass.objects.filter(
            offering__kelurahan__kecamatan__regency=settings.BALAI_REGENCY_CODE
        )
        .order_by("batch_id", "programme__name", "number")
        .values_list("pk", "offering__kelurahan_id", "programme__name", "number", "batch__name")
    )
    for row in classes.iterator(chunk_size=5000):
        yield ClassFact(*row)


class SessionCount(NamedTuple):
    """The sessions one instructor teaches in one class: held (dated up to today) and all."""

    class_id: int
    instructor_id: int
    held: int
    planned: int


def session_counts(*, today: datetime.date) -> Iterator[SessionCount]:
    """Every class's sessions counted per instructor who teaches them, in the database (one
    row per class and instructor). A session counts for the instructor it names, who may
    stand in for the class's lead instructor."""
    counts = (
        ClassSession.objects.values("training_class_id", "instructor_id")
        .annotate(held=Count("pk", filter=Q(date__lte=today)), planned=Count("pk"))
        .order_by("training_class_id", "instructor_id")
        .values_list("training_class_id", "instructor_id", "held", "planned")
    )
    for row in counts.iterator(chunk_size=5000):
        yield SessionCount(*row)


class InstructorWindow(NamedTuple):
    """The training window of a batch an instructor teaches a session in."""

    instructor_id: int
    starts_on: datetime.date
    ends_on: datetime.date


def instructor_windows() -> list[InstructorWindow]:
    """Each instructor's batches' training windows, once per instructor and batch."""
    windows = (
        ClassSession.objects.order_by()
        .values_list(
            "instructor_id",
            "training_class__batch__training_starts_on",
            "training_class__batch__training_ends_on",
        )
        .distinct()
    )
    return [InstructorWindow(*row) for row in windows]
