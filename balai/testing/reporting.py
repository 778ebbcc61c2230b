"""A small city whose every figure is worked out by hand, for reporting's tests.

Four residents of Sukarasa apply for the three seats of one tata boga class:

| person | sex | age | seat | attended | certified (completed) | channelled |
| --- | --- | --- | --- | --- | --- | --- |
| 1 | male | 30 | yes | 16 of 20 | yes | a job |
| 2 | female | 30 | yes | 16 of 20 | yes | a business group |
| 3 | female | 30 | yes | 16 of 20 | no | no |
| 4 | male | 20 | none left: waiting | - | - | - |

So Sukarasa (and Kecamatan Tangerang, and the city) count: registered 4, eligible 4,
offered 3, accepted 3, enrolled 3, attending 3, completed 2, certified 2, channelled 2
(employed 1, business group 1). Everyone is unemployed, so a priority applicant.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from balai.catalogue.models import Programme
from balai.intake.models import Application
from balai.placement.models import PlacementChannel, PlacementKind
from balai.placement.outcomes import placement_record
from balai.registry.models import Person, Sex
from balai.reporting.models import SummaryRefresh
from balai.reporting.refresh import summaries_refresh
from balai.testing.training import Classroom, assess_all, attend, make_classroom
from balai.training.certificates.services import certificate_issue


@dataclass
class ReportingCity:
    classroom: Classroom
    waiting: Person
    refresh: SummaryRefresh

    @property
    def class_id(self) -> str:
        return str(self.classroom.training_class.pk)


def years_ago(years: int) -> datetime.date:
    today = timezone.localdate()
    return today.replace(year=today.year - years, day=min(today.day, 28))


def make_reporting_city(programmes: list[Programme]) -> ReportingCity:
    """The city of the module's docstring, its summaries refreshed (needs kota_tangerang)."""
    classroom = make_classroom(programmes, applicants=4, seats=3)
    attend(classroom, 16)
    assess_all(classroom)
    first, second, _third = classroom.enrolments
    for enrolment in (first, second):
        certificate_issue(enrolment=enrolment)
    enrolled = [enrolment.person_id for enrolment in classroom.enrolments]
    waiting = (
        Person.objects.filter(applications__in=Application.objects.all())
        .exclude(pk__in=enrolled)
        .get()
    )
    Person.objects.filter(pk__in=enrolled).update(birth_date=years_ago(30), sex=Sex.FEMALE)
    Person.objects.filter(pk__in=[first.person_id, waiting.pk]).update(sex=Sex.MALE)
    Person.objects.filter(pk=waiting.pk).update(birth_date=years_ago(20))
    for enrolment, kind in (
        (first, PlacementKind.WAGE_EMPLOYMENT),
        (second, PlacementKind.BUSINESS_GROUP),
    ):
        placement_record(
            enrolment=enrolment,
            kind=kind,
            channel=PlacementChannel.OPERATOR,
            employer_name="Warung Sukarasa",
            starts_on=timezone.localdate(),
            by=None,
        )
    return ReportingCity(classroom=classroom, waiting=waiting, refresh=summaries_refresh())
