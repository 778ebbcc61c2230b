"""Graduates as later stages read them: one completed enrolment each, with its programme,
the graduate's domicile and how many of the programme's competency units they were assessed
kompeten in (placement's matching reads these, never training's tables)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, F

from balai.catalogue.models import CompetencyUnit
from balai.training.models import Assessment, AssessmentResult, Enrolment, EnrolmentStatus


@dataclass(frozen=True)
class GraduateRecord:
    enrolment_id: int
    person_id: int
    programme_id: int
    programme_name: str
    kelurahan_code: str
    kelurahan_name: str
    competent_units: int
    programme_units: int


def graduate_records(*, person_ids: Iterable[int]) -> list[GraduateRecord]:
    """Return the completed enrolments of the people `person_ids`, oldest first (four
    queries, whatever their number). The caller has decided that it may see these people."""
    enrolments = list(
        Enrolment.objects.filter(person_id__in=list(person_ids), status=EnrolmentStatus.COMPLETED)
        .order_by("pk")
        .values_list(
            "pk",
            "person_id",
            "training_class__programme_id",
            "training_class__programme__name",
            "person__domicile_kelurahan_id",
            "person__domicile_kelurahan__name",
        )
    )
    competent = dict(
        Assessment.objects.filter(
            enrolment_id__in=[row[0] for row in enrolments],
            result=AssessmentResult.COMPETENT,
            # A unit of another programme (a moved class) does not count towards this one.
            unit__programme_id=F("enrolment__training_class__programme_id"),
        )
        .values("enrolment_id")
        .annotate(units=Count("pk"))
        .values_list("enrolment_id", "units")
    )
    units = dict(
        CompetencyUnit.objects.filter(programme_id__in={row[2] for row in enrolments})
        .values("programme_id")
        .annotate(units=Count("pk"))
        .values_list("programme_id", "units")
    )
    return [
        GraduateRecord(
            enrolment_id=row[0],
            person_id=row[1],
            programme_id=row[2],
            programme_name=row[3],
            kelurahan_code=row[4],
            kelurahan_name=row[5],
            competent_units=competent.get(row[0], 0),
            programme_units=units.get(row[2], 0),
        )
        for row in enrolments
    ]
