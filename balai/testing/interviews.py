"""Shortlisted applications and interview slots for the interview and job fair tests.

Applications are rows as the applications part leaves them once the employer shortlisted
them; slots are made through the service, as an employer would."""

from __future__ import annotations

import datetime

from django.utils import timezone

from balai.accounts.models import User
from balai.placement.interviews import interview_slot_create
from balai.placement.models import (
    ApplicationStatus,
    InterviewSlot,
    JobApplication,
    JobFair,
    Vacancy,
)
from balai.training.models import Enrolment


def make_shortlisted(
    enrolment: Enrolment, vacancy: Vacancy, *, job_fair: JobFair | None = None
) -> JobApplication:
    """The graduate of `enrolment`'s application to `vacancy`, shortlisted."""
    return JobApplication.objects.create(
        vacancy=vacancy,
        person=enrolment.person,
        enrolment=enrolment,
        job_fair=job_fair,
        status=ApplicationStatus.SHORTLISTED,
        status_changed_at=timezone.now(),
    )


def make_slot(
    vacancy: Vacancy,
    employer: User,
    *,
    starts_in: datetime.timedelta = datetime.timedelta(days=3),
    minutes: int = 30,
    video_link: str = "https://meet.example.org/wawancara",
    location: str = "",
) -> InterviewSlot:
    """A slot of `vacancy` starting `starts_in` from now, by video unless a place is given."""
    starts_at = timezone.now().replace(second=0, microsecond=0) + starts_in
    return interview_slot_create(
        vacancy=vacancy,
        user=employer,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(minutes=minutes),
        video_link="" if location else video_link,
        location=location,
    )
