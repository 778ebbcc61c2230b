"""The virtual job fair: events an admin sets up, the booths verified companies hold there
(added by an admin or joined by the company itself), their logos, and the count of visitors
that tops the fair's funnel."""

from __future__ import annotations

import datetime
import secrets
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from balai.accounts.models import User
from balai.core.encryption import keyed_hash
from balai.core.errors import ApplicationError, PermissionDeniedError
from balai.placement.companies import company_of_user
from balai.placement.models import (
    Booth,
    Company,
    CompanyStatus,
    FairVisit,
    JobFair,
    Vacancy,
    VacancyStatus,
)
from balai.placement.uploads import JPEG, PNG, WEBP, UploadRules, upload_checked

LOGO_MAXIMUM_BYTES = 1024 * 1024
LOGO_RULES = UploadRules(
    field="logo",
    kinds=(PNG, JPEG, WEBP),
    maximum_bytes=LOGO_MAXIMUM_BYTES,
    too_big_message=gettext_lazy("The logo may be at most 1 MB."),
    wrong_kind_message=gettext_lazy("The logo must be a PNG, JPEG or WebP image."),
)


def _fair_validated(job_fair: JobFair) -> None:
    if job_fair.starts_on and job_fair.ends_on and job_fair.ends_on < job_fair.starts_on:
        raise ApplicationError(
            _("A job fair cannot end before it starts."), code="job_fair_dates_reversed"
        )
    job_fair.full_clean()


@transaction.atomic
def job_fair_create(
    *, name: str, description: str, starts_on: datetime.date, ends_on: datetime.date
) -> JobFair:
    """Set up a job fair (an admin's work)."""
    job_fair = JobFair(name=name, description=description, starts_on=starts_on, ends_on=ends_on)
    _fair_validated(job_fair)
    job_fair.save()
    return job_fair


@transaction.atomic
def job_fair_update(*, job_fair: JobFair, fields: dict[str, Any]) -> JobFair:
    """Change a job fair's name, description or dates."""
    job_fair = JobFair.objects.select_for_update().get(pk=job_fair.pk)
    for name, value in fields.items():
        setattr(job_fair, name, value)
    _fair_validated(job_fair)
    job_fair.save()
    return job_fair


def _booth_create(*, job_fair: JobFair, company: Company) -> Booth:
    if company.status != CompanyStatus.VERIFIED:
        raise ApplicationError(
            _("Only a verified company may hold a booth."), code="company_not_verified"
        )
    try:
        with transaction.atomic():
            return Booth.objects.create(
                job_fair=job_fair, company=company, description=company.description
            )
    except IntegrityError:
        raise ApplicationError(
            _("This company already has a booth at this job fair."), code="booth_exists"
        ) from None


@transaction.atomic
def booth_add(*, job_fair: JobFair, company: Company) -> Booth:
    """Give a verified company a booth at a job fair (an admin inviting it)."""
    return _booth_create(job_fair=job_fair, company=company)


@transaction.atomic
def booth_join(*, job_fair: JobFair, user: User, today: datetime.date | None = None) -> Booth:
    """Take a booth for the employer's own verified company at a fair not yet over."""
    today = today or timezone.localdate()
    company = company_of_user(user)
    if company is None:
        raise PermissionDeniedError(_("Only a company's people may take its booth."))
    if job_fair.ends_on < today:
        raise ApplicationError(_("This job fair is over."), code="job_fair_over")
    return _booth_create(job_fair=job_fair, company=company)


@transaction.atomic
def booth_update(
    *,
    booth: Booth,
    user: User,
    description: str,
    vacancies: list[Vacancy],
    logo: UploadedFile[bytes] | None = None,
) -> Booth:
    """Change what a company's booth shows: its description, the company's logo, and which
    of the company's published vacancies it shows."""
    booth = Booth.objects.select_for_update().select_related("company").get(pk=booth.pk)
    company = company_of_user(user)
    if company is None or company.pk != booth.company_id:
        raise PermissionDeniedError(_("Only the company's people may change its booth."))
    if company.status != CompanyStatus.VERIFIED:
        raise ApplicationError(
            _("Only a verified company may hold a booth."), code="company_not_verified"
        )
    foreign = [
        vacancy
        for vacancy in vacancies
        if vacancy.company_id != company.pk or vacancy.status != VacancyStatus.PUBLISHED
    ]
    if foreign:
        raise ApplicationError(
            _("A booth shows only its company's published vacancies."), code="vacancy_not_shown"
        )
    if logo is not None:
        kind, _content = upload_checked(logo, rules=LOGO_RULES)
        # A new name for every upload: the logo's address changes with it, so browsers may
        # keep a logo for a year without ever showing an old one.
        previous = booth.company.logo.name
        booth.company.logo.save(
            f"{company.pk}-{secrets.token_hex(8)}.{kind.extension}", logo, save=False
        )
        booth.company.save(update_fields=["logo", "updated_at"])
        if previous:
            storage = booth.company.logo.storage
            # Only once the new logo is committed: a rollback keeps the old one in use.
            transaction.on_commit(lambda: storage.delete(previous))
    booth.description = description
    booth.full_clean()
    booth.save(update_fields=["description"])
    booth.vacancies.set(vacancies)
    return booth


def visitor_key(*, user: User | None, session_key: str) -> str:
    """Who a visitor is, for counting: a signed-in user's id, or a keyed hash of the
    anonymous session (never an address that could be traced back)."""
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    return keyed_hash(f"fair-visitor:{session_key}")[:64]


def fair_visit_record(
    *, job_fair: JobFair, booth: Booth | None, key: str, day: datetime.date | None = None
) -> None:
    """Count `key` as a visitor of the fair (or a booth) today, once however often it comes."""
    visit = FairVisit(
        job_fair=job_fair, booth=booth, visitor_key=key, day=day or timezone.localdate()
    )
    # A second visit the same day meets the unique constraints and is not counted again.
    FairVisit.objects.bulk_create([visit], ignore_conflicts=True)
