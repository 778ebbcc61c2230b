"""A graduate's applications to vacancies, what they share with employers, and an employer's
answers to them: the writes. Reads are in `application_selectors`.

Applying shares the graduate's profile (name, phone, training record, certificate) with the
vacancy's company, so an application and its profile share are made in one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.accounts.models import Role, User
from balai.core.audit import AuditPolicy, audit_record, audit_record_created, model_update
from balai.core.errors import ApplicationError, NotFoundError, PermissionDeniedError
from balai.core.models import AuditAction
from balai.core.scoping import scoped_get
from balai.placement.application_selectors import (
    completed_trainings,
    person_of_graduate,
    valid_certificate_of,
)
from balai.placement.models import (
    ApplicationStatus,
    Booth,
    JobApplication,
    JobFair,
    JobPreference,
    ProfileShare,
    Sector,
    Vacancy,
)
from balai.placement.outcomes import APPLICATION_AUDIT_POLICY, application_status_set
from balai.placement.vacancy_selectors import vacancy_refusal
from balai.registry.models import Person

PROFILE_SHARE_AUDIT_POLICY = AuditPolicy(fields=["person_id", "company_id"])
JOB_PREFERENCE_AUDIT_POLICY = AuditPolicy(
    fields=[
        "wants_wage_employment",
        "wants_self_employment",
        "max_distance_km",
        "min_wage",
        "sectors",
        "visible_to_all_employers",
    ]
)

# What a graduate may still withdraw from: once an interview is booked, the booking is
# cancelled first (on the interview's page), so that the slot goes back to the company.
WITHDRAWABLE = (ApplicationStatus.APPLIED, ApplicationStatus.SHORTLISTED)
# An employer's answers from the applicants list, and the statuses each may follow.
EMPLOYER_DECISIONS: dict[str, tuple[str, ...]] = {
    ApplicationStatus.SHORTLISTED: (ApplicationStatus.APPLIED,),
    ApplicationStatus.NOT_SELECTED: (
        ApplicationStatus.APPLIED,
        ApplicationStatus.SHORTLISTED,
        ApplicationStatus.INTERVIEW,
    ),
}


@transaction.atomic
def job_application_submit(
    *,
    user: User,
    vacancy_id: int,
    enrolment_id: int,
    note: str = "",
    job_fair_id: int | None = None,
) -> JobApplication:
    """Apply `user` (a graduate) to a vacancy with one of their training records, sharing
    their profile with its company; refuse, recording nothing, anything not open to them."""
    person = person_of_graduate(user=user)
    vacancy = _open_vacancy(vacancy_id)
    enrolment = completed_trainings(person=person, user=user).filter(pk=enrolment_id).first()
    if enrolment is None:
        raise ApplicationError(
            _("Choose one of your completed trainings to attach."),
            code="training_record_invalid",
            details={"enrolment_id": enrolment_id},
        )
    job_fair = _job_fair_of(vacancy, job_fair_id)
    if JobApplication.objects.filter(vacancy=vacancy, person=person).exists():
        raise _already_applied()
    try:
        # A savepoint: two clicks racing past the check above meet the unique constraint,
        # and the loser is told, not shown an error page.
        with transaction.atomic():
            application = JobApplication.objects.create(
                vacancy=vacancy,
                person=person,
                enrolment=enrolment,
                certificate=valid_certificate_of(enrolment=enrolment),
                job_fair=job_fair,
                note=note.strip(),
                status=ApplicationStatus.APPLIED,
                status_changed_at=timezone.now(),
            )
    except IntegrityError:
        raise _already_applied() from None
    audit_record_created(target=application, policy=APPLICATION_AUDIT_POLICY)
    _profile_share(person=person, company_id=vacancy.company_id)
    return application


def _open_vacancy(vacancy_id: int) -> Vacancy:
    """The vacancy `vacancy_id` if it takes applications today; refused otherwise."""
    vacancy = Vacancy.objects.select_related("company").filter(pk=vacancy_id).first()
    if vacancy is None:
        raise NotFoundError(_("This vacancy does not exist."))
    refusal = vacancy_refusal(vacancy)
    if refusal:
        raise ApplicationError(refusal, code="vacancy_not_open")
    return vacancy


def _already_applied() -> ApplicationError:
    return ApplicationError(
        _("You have already applied to this vacancy. See it under My job applications."),
        code="already_applied",
    )


def _job_fair_of(vacancy: Vacancy, job_fair_id: int | None) -> JobFair | None:
    """The job fair an application came from: one on today where the company has a booth."""
    if job_fair_id is None:
        return None
    today = timezone.localdate()
    job_fair = JobFair.objects.filter(
        pk=job_fair_id, starts_on__lte=today, ends_on__gte=today
    ).first()
    if (
        job_fair is None
        or not Booth.objects.filter(job_fair=job_fair, company_id=vacancy.company_id).exists()
    ):
        raise ApplicationError(
            _(
                "This job fair is not on today, or the company has no booth there. "
                "Apply from the vacancy's own page instead."
            ),
            code="job_fair_invalid",
        )
    return job_fair


def _profile_share(*, person: Person, company_id: int) -> None:
    """Share `person`'s profile with a company, once: a race of two applications to the
    same company ends in one row (the second insert does nothing)."""
    if ProfileShare.objects.filter(person=person, company_id=company_id).exists():
        return
    ProfileShare.objects.bulk_create(
        [ProfileShare(person=person, company_id=company_id)], ignore_conflicts=True
    )
    share = ProfileShare.objects.get(person=person, company_id=company_id)
    audit_record_created(target=share, policy=PROFILE_SHARE_AUDIT_POLICY)


@transaction.atomic
def job_application_withdraw(*, user: User, application_id: int) -> JobApplication:
    """Withdraw one of `user`'s own applications (it stays, as withdrawn, for the record)."""
    application = scoped_get(
        JobApplication.objects.filter(person__user=user), user, pk=application_id
    )
    if application.status not in WITHDRAWABLE:
        raise ApplicationError(
            _("This application can no longer be withdrawn.")
            if application.status != ApplicationStatus.INTERVIEW
            else _("Cancel your interview booking first, then withdraw."),
            code="not_withdrawable",
        )
    return application_status_set(
        application=application, status=ApplicationStatus.WITHDRAWN, reason="withdrawn"
    )


@transaction.atomic
def job_application_decide(*, user: User, application_id: int, status: str) -> JobApplication:
    """An employer shortlists an applicant of their company, or marks them not selected."""
    if status not in EMPLOYER_DECISIONS:
        raise ApplicationError(_("Choose shortlist or not selected."), code="status_invalid")
    if user.role != Role.EMPLOYER:
        raise PermissionDeniedError(_("Only the company's own people answer its applicants."))
    application = scoped_get(JobApplication.objects.all(), user, pk=application_id)
    if application.status not in EMPLOYER_DECISIONS[status]:
        raise ApplicationError(
            _("This applicant is %(status)s: that cannot change to %(wanted)s.")
            % {
                "status": application.get_status_display(),
                "wanted": ApplicationStatus(status).label,
            },
            code="status_transition_invalid",
        )
    return application_status_set(application=application, status=ApplicationStatus(status))


@dataclass(frozen=True)
class JobPreferenceInput:
    wants_wage_employment: bool
    wants_self_employment: bool
    max_distance_km: int | None
    min_wage: int | None
    sectors: list[str]
    visible_to_all_employers: bool


@transaction.atomic
def job_preference_save(*, user: User, preference: JobPreferenceInput) -> JobPreference:
    """Save what `user` (a graduate) looks for and who may see their profile (audited)."""
    person = person_of_graduate(user=user)
    unknown = sorted(set(preference.sectors) - set(Sector.values))
    if unknown:
        raise ApplicationError(
            _("Unknown sectors: %(sectors)s.") % {"sectors": ", ".join(unknown)},
            code="sector_invalid",
        )
    fields = {
        "wants_wage_employment": preference.wants_wage_employment,
        "wants_self_employment": preference.wants_self_employment,
        "max_distance_km": preference.max_distance_km,
        "min_wage": preference.min_wage,
        "sectors": _ordered_sectors(preference.sectors),
        "visible_to_all_employers": preference.visible_to_all_employers,
    }
    existing = JobPreference.objects.filter(person=person).first()
    if existing is None:
        created = JobPreference.objects.create(person=person, **fields)
        audit_record_created(target=created, policy=JOB_PREFERENCE_AUDIT_POLICY)
        return created
    model_update(instance=existing, fields=fields, policy=JOB_PREFERENCE_AUDIT_POLICY)
    return existing


def _ordered_sectors(sectors: Iterable[str]) -> list[str]:
    chosen = set(sectors)
    return [value for value in Sector.values if value in chosen]


@transaction.atomic
def profile_share_revoke(*, user: User, share_id: int) -> None:
    """Stop sharing `user`'s profile with one company. Their applications stay; the company
    sees only the name and status of them from now on (see application_selectors)."""
    share = scoped_get(ProfileShare.objects.filter(person__user=user), user, pk=share_id)
    audit_record(
        action=AuditAction.DELETE,
        target=share,
        changes={"company_id": {"old": str(share.company_id), "new": ""}},
    )
    share.delete()
