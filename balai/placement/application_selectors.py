"""Reads of applications: a graduate's own, an employer's applicants, and the profile an
employer may see of a graduate who shared it. Writes are in `applications`."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from balai.accounts.models import Role, User
from balai.core.errors import NotFoundError, PermissionDeniedError
from balai.core.scoping import scope_to_user
from balai.placement.companies import companies_acted_for
from balai.placement.models import (
    ApplicationStatus,
    JobApplication,
    JobPreference,
    ProfileShare,
    Vacancy,
)
from balai.registry.models import Person
from balai.registry.selectors import person_of_user
from balai.training.models import Certificate, Enrolment, EnrolmentStatus
from balai.training.selectors import certificates_of_person, graduate_list


def person_of_graduate(*, user: User) -> Person:
    """The registry record of `user` if they are a graduate (a completed training)."""
    person = person_of_user(user=user) if user.role == Role.PARTICIPANT else None
    if person is None or not completed_trainings(person=person, user=user).exists():
        raise PermissionDeniedError(
            _("Only graduates who completed a training may apply for jobs here."),
            code="not_a_graduate",
        )
    return person


def completed_trainings(*, person: Person, user: User) -> QuerySet[Enrolment]:
    """`person`'s completed trainings that `user` (the graduate themself) sees, newest first:
    training's graduates, of one person."""
    return (
        graduate_list(user=user)
        .filter(person=person)
        .select_related("training_class__offering__kelurahan")
        .order_by("-joined_on", "-pk")
    )


@dataclass(frozen=True)
class TrainingRecord:
    """A completed training a graduate may attach, with its certificate if one is valid."""

    enrolment: Enrolment
    certificate: Certificate | None

    @property
    def label(self) -> str:
        training_class = self.enrolment.training_class
        text = _("%(programme)s, %(kelurahan)s, completed %(date)s") % {
            "programme": training_class.programme.name,
            "kelurahan": training_class.offering.kelurahan.name,
            "date": self.enrolment.left_on.strftime("%d-%m-%Y") if self.enrolment.left_on else "",
        }
        if self.certificate is not None:
            text += " · " + _("certificate %(number)s") % {"number": self.certificate.number}
        return text


def training_records(*, person: Person, user: User) -> list[TrainingRecord]:
    """`person`'s completed trainings with their valid certificates, newest first."""
    certificates = {
        certificate.enrolment_id: certificate
        for certificate in certificates_of_person(person=person, user=user).filter(
            revoked_at__isnull=True
        )
    }
    return [
        TrainingRecord(enrolment=enrolment, certificate=certificates.get(enrolment.pk))
        for enrolment in completed_trainings(person=person, user=user)
    ]


def valid_certificate_of(*, enrolment: Enrolment) -> Certificate | None:
    """The certificate of `enrolment` unless it was revoked."""
    return Certificate.objects.filter(enrolment=enrolment, revoked_at__isnull=True).first()


def my_applications(*, user: User) -> QuerySet[JobApplication]:
    """`user`'s own applications, newest first, with what the page shows of each."""
    applications = JobApplication.objects.filter(person__user=user).select_related(
        "vacancy__company", "enrolment__training_class__programme", "certificate", "job_fair"
    )
    return scope_to_user(applications, user).order_by("-created_at", "-pk")


def my_application_to(*, user: User | AnonymousUser, vacancy: Vacancy) -> JobApplication | None:
    """`user`'s own application to `vacancy`, if they are a participant who applied to it."""
    if not isinstance(user, User) or user.role != Role.PARTICIPANT:
        return None
    return my_applications(user=user).filter(vacancy=vacancy).first()


def my_shares(*, user: User) -> list[ProfileShare]:
    """The companies `user`'s profile is shared with, newest first."""
    shares = ProfileShare.objects.filter(person__user=user).select_related("company")
    return list(scope_to_user(shares, user).order_by("-created_at", "-pk"))


def my_job_preference(*, user: User) -> JobPreference | None:
    preferences = JobPreference.objects.filter(person__user=user)
    return scope_to_user(preferences, user).first()


def employer_vacancy(*, user: User, vacancy_id: int) -> Vacancy:
    """A vacancy of the verified company `user` acts for (anyone else's: not found)."""
    vacancy = (
        Vacancy.objects.filter(pk=vacancy_id, company__in=companies_acted_for(user))
        .select_related("company")
        .first()
    )
    if vacancy is None:
        raise NotFoundError(_("Not found, or not a vacancy of your company."))
    return vacancy


def vacancy_applicants(
    *, user: User, vacancy: Vacancy, status: str = ""
) -> QuerySet[JobApplication]:
    """The applicants of `vacancy` that `user` may see, oldest first, in one query whatever
    their number. `profile_visible` says whether the graduate still shares their profile
    with the company: a share revoked leaves the name and status, nothing else."""
    applications = (
        JobApplication.objects.filter(vacancy=vacancy)
        .select_related(
            "person",
            "enrolment__training_class__programme",
            "enrolment__training_class__offering__kelurahan",
            "certificate",
        )
        .annotate(
            profile_visible=Exists(
                ProfileShare.objects.filter(
                    person=OuterRef("person"), company=OuterRef("vacancy__company")
                )
            )
            | Exists(
                JobPreference.objects.filter(
                    person=OuterRef("person"), visible_to_all_employers=True
                )
            )
        )
    )
    if status:
        applications = applications.filter(status=status)
    return scope_to_user(applications, user).order_by("created_at", "pk")


def applicant_counts(*, user: User, vacancy: Vacancy) -> dict[str, int]:
    """How many applicants of `vacancy` are in each status (one query)."""
    rows = (
        scope_to_user(JobApplication.objects.filter(vacancy=vacancy), user)
        .values("status")
        .annotate(count=Count("pk"))
        .order_by()
    )
    return {row["status"]: row["count"] for row in rows}


@dataclass(frozen=True)
class GraduateProfile:
    person: Person
    records: list[TrainingRecord]
    preference: JobPreference | None
    applications: list[JobApplication]


def graduate_profile(*, user: User, public_id: uuid.UUID) -> GraduateProfile:
    """The profile of a graduate for an employer: only if they shared it with the employer's
    verified company, or let every verified employer see it. Anything else: not found."""
    companies = companies_acted_for(user)
    shared = scope_to_user(ProfileShare.objects.filter(person__public_id=public_id), user)
    visible = (
        Person.objects.filter(public_id=public_id)
        .filter(
            Exists(shared.filter(person=OuterRef("pk")))
            | Q(job_preference__visible_to_all_employers=True)
        )
        .filter(Exists(companies))  # an employer of no verified company sees no one
        .first()
    )
    if visible is None:
        raise Http404(_("Not found, or this graduate has not shared their profile with you."))
    # The graduate's consent, checked just above, is what opens their trainings to this
    # employer: training's own scopes know nothing of companies.
    enrolments = (
        Enrolment.objects.filter(person=visible, status=EnrolmentStatus.COMPLETED)
        .select_related("training_class__programme", "training_class__offering__kelurahan")
        .order_by("-left_on", "-pk")
    )
    certificates = {
        certificate.enrolment_id: certificate
        for certificate in Certificate.objects.filter(
            enrolment__person=visible, revoked_at__isnull=True
        )
    }
    applications = scope_to_user(
        JobApplication.objects.filter(person=visible).select_related("vacancy"), user
    ).order_by("-created_at")
    return GraduateProfile(
        person=visible,
        records=[TrainingRecord(e, certificates.get(e.pk)) for e in enrolments],
        preference=JobPreference.objects.filter(person=visible).first(),
        applications=list(applications),
    )


NEXT_STEPS = {
    ApplicationStatus.APPLIED: gettext_lazy(
        "The company has your application. Wait for its answer."
    ),
    ApplicationStatus.SHORTLISTED: gettext_lazy(
        "You are shortlisted. Book an interview time when the company offers some."
    ),
    ApplicationStatus.INTERVIEW: gettext_lazy("Your interview is booked. Be there on time."),
    ApplicationStatus.HIRED: gettext_lazy("You are hired. Congratulations!"),
    ApplicationStatus.NOT_SELECTED: gettext_lazy(
        "Not selected this time. Look at other vacancies."
    ),
    ApplicationStatus.WITHDRAWN: gettext_lazy("You withdrew this application."),
}


def next_step(status: str) -> str:
    """What a graduate does next with an application in `status`."""
    return str(NEXT_STEPS.get(ApplicationStatus(status), ""))
