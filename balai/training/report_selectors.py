"""What reporting reads of training: each enrolment as a plain tuple, with whether its person
attended and holds a certificate, for the pre-computed summaries (never shown row by row)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from django.db.models import Exists, OuterRef

from balai.training.models import ATTENDED, Attendance, Certificate, Enrolment


class EnrolmentFact(NamedTuple):
    enrolment_id: int
    person_id: int
    status: str
    class_id: int
    programme_id: int
    class_kelurahan_code: str
    attended: bool
    certified: bool


def enrolment_facts() -> Iterator[EnrolmentFact]:
    """Every enrolment, oldest first: its class, whether its person attended a session, and
    whether they hold a certificate of it that is not revoked."""
    attended = Attendance.objects.filter(enrolment=OuterRef("pk"), status__in=ATTENDED)
    certified = Certificate.objects.filter(enrolment=OuterRef("pk"), revoked_at__isnull=True)
    enrolments = (
        Enrolment.objects.annotate(attended=Exists(attended), certified=Exists(certified))
        .order_by("pk")
        .values_list(
            "pk",
            "person_id",
            "status",
            "training_class_id",
            "training_class__programme_id",
            "training_class__offering__kelurahan_id",
            "attended",
            "certified",
        )
    )
    for row in enrolments.iterator(chunk_size=5000):
        yield EnrolmentFact(*row)
