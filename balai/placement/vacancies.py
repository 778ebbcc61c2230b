"""Vacancies: an employer drafts and submits, an admin verifies or rejects, the employer closes.

The life of a vacancy: draft → submitted → published (or rejected, with a reason the
employer reads) → closed. Only an employer of a verified company may submit; a draft may be
saved by any member of a company, verified or not, so that a company awaiting verification
can prepare its vacancies. An edit of a published vacancy's substance (its title, description
or wages: what the admin checked) sends it back to the queue, unpublished until verified
again; it keeps the date it was first published, so that an edit cannot bring it to the top
of the newest-first list. Other edits (programmes, skills, place, openings, deadline) apply at
once. A vacancy past its deadline is not open, without anything to run: see
vacancy_selectors. Every change is audited; the employer hears the admin's decision through
the outbox.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from balai.accounts.models import Role, User
from balai.core.audit import AuditPolicy, audit_record_created, model_update
from balai.core.errors import ApplicationError, NotFoundError, PermissionDeniedError
from balai.notifications.catalogue import MessageKind
from balai.notifications.services import Message, notifications_queue
from balai.placement.companies import acts_for_company, company_accounts, company_of_user
from balai.placement.models import Company, CompanyStatus, Vacancy, VacancyStatus
from balai.placement.vacancy_input import (
    VacancyInput,
    deadline_checked,
    vacancy_input_checked,
)

VACANCY_AUDIT_POLICY = AuditPolicy(
    fields=[
        "title",
        "description",
        "programmes",
        "skills",
        "kelurahan",
        "address",
        "wage_min",
        "wage_max",
        "openings",
        "deadline",
        "status",
        "status_reason",
    ]
)
# What the admin verified: a change to any of these is checked again before the public sees it.
SUBSTANCE = frozenset({"title", "description", "wage_min", "wage_max"})
REASON_MAX_LENGTH = 500
# A double-clicked "save" arrives twice within moments: the second finds the first.
REPEAT_WINDOW = datetime.timedelta(minutes=1)
EDITABLE = frozenset(
    {VacancyStatus.DRAFT, VacancyStatus.SUBMITTED, VacancyStatus.REJECTED, VacancyStatus.PUBLISHED}
)

VACANCY_PUBLISHED_MESSAGE = MessageKind(
    name="vacancy_published",
    subject=gettext_lazy("Your vacancy is published"),
    body=gettext_lazy(
        'Your vacancy "%(title)s" has been verified and is published in Balai\'s job search '
        "until %(deadline)s."
    ),
)
VACANCY_REJECTED_MESSAGE = MessageKind(
    name="vacancy_rejected",
    subject=gettext_lazy("Your vacancy was not published"),
    body=gettext_lazy(
        'Your vacancy "%(title)s" was not published: %(reason)s. Correct it under '
        "Vacancies in Balai and submit it again."
    ),
)


@dataclass(frozen=True)
class VacancySaved:
    vacancy: Vacancy
    # A published vacancy whose substance changed: unpublished until verified again.
    sent_back_for_verification: bool = False


@transaction.atomic
def vacancy_create(*, employer: User, data: VacancyInput, submit: bool = False) -> Vacancy:
    """Save a new vacancy of the employer's company as a draft (and submit it, if asked)."""
    company = _company_locked(employer)
    checked = vacancy_input_checked(data)
    repeated = _repeated(company, checked.fields)
    if repeated is not None:
        return repeated
    vacancy = Vacancy(company=company, status=VacancyStatus.DRAFT, **checked.fields)
    vacancy.full_clean(exclude=["programmes"])
    vacancy.save()
    vacancy.programmes.set(checked.programmes)
    audit_record_created(target=vacancy, policy=VACANCY_AUDIT_POLICY)
    if submit:
        return vacancy_submit(vacancy=vacancy, employer=employer)
    return vacancy


@transaction.atomic
def vacancy_update(*, vacancy: Vacancy, employer: User, data: VacancyInput) -> VacancySaved:
    """Change an employer's vacancy; a published one whose substance changed goes back to
    the admins' queue."""
    vacancy = _own_locked(vacancy, employer)
    if vacancy.status not in EDITABLE:
        raise ApplicationError(_("A closed vacancy cannot be changed."), code="vacancy_closed")
    checked = vacancy_input_checked(data)
    fields: dict[str, object] = {**checked.fields, "programmes": checked.programmes}
    substance_changed = any(getattr(vacancy, name) != fields[name] for name in SUBSTANCE)
    sent_back = vacancy.status == VacancyStatus.PUBLISHED and substance_changed
    if sent_back:
        fields |= {"status": VacancyStatus.SUBMITTED, "submitted_at": timezone.now()}
    model_update(instance=vacancy, fields=fields, policy=VACANCY_AUDIT_POLICY)
    return VacancySaved(vacancy=vacancy, sent_back_for_verification=sent_back)


@transaction.atomic
def vacancy_submit(*, vacancy: Vacancy, employer: User) -> Vacancy:
    """Send a draft (or a rejected vacancy, corrected) to the admins' queue."""
    vacancy = _own_locked(vacancy, employer)
    if not acts_for_company(employer, vacancy.company_id):
        raise PermissionDeniedError(
            _("Your company must be verified before its vacancies can be submitted."),
            code="company_not_verified",
        )
    if vacancy.status not in {VacancyStatus.DRAFT, VacancyStatus.REJECTED}:
        raise ApplicationError(
            _("Only a draft or a rejected vacancy can be submitted."), code="vacancy_not_draft"
        )
    deadline_checked(vacancy.deadline)
    model_update(
        instance=vacancy,
        fields={
            "status": VacancyStatus.SUBMITTED,
            "submitted_at": timezone.now(),
            "status_reason": "",
        },
        policy=VACANCY_AUDIT_POLICY,
    )
    return vacancy


@transaction.atomic
def vacancy_close(*, vacancy: Vacancy, employer: User) -> Vacancy:
    """Close a vacancy for good: it leaves the search and takes no more applications."""
    vacancy = _own_locked(vacancy, employer)
    if vacancy.status == VacancyStatus.CLOSED:
        return vacancy  # closed twice (a double click): nothing more to do
    model_update(
        instance=vacancy, fields={"status": VacancyStatus.CLOSED}, policy=VACANCY_AUDIT_POLICY
    )
    return vacancy


@transaction.atomic
def vacancy_verify(*, vacancy: Vacancy, admin: User) -> Vacancy:
    """Publish a submitted vacancy, and tell the company."""
    vacancy = _decidable(vacancy, admin)
    if vacancy.company.status != CompanyStatus.VERIFIED:
        raise ApplicationError(
            _("The company is not verified: its vacancies cannot be published."),
            code="company_not_verified",
        )
    if vacancy.deadline < timezone.localdate():
        raise ApplicationError(
            _("The last day to apply has passed. Reject it, asking for a new deadline."),
            code="deadline_past",
        )
    model_update(
        instance=vacancy,
        fields={
            "status": VacancyStatus.PUBLISHED,
            "published_at": vacancy.published_at or timezone.now(),
            "decided_by": admin,
            "status_reason": "",
        },
        policy=VACANCY_AUDIT_POLICY,
    )
    _company_told(
        vacancy,
        VACANCY_PUBLISHED_MESSAGE,
        {"title": vacancy.title, "deadline": vacancy.deadline.strftime("%d-%m-%Y")},
    )
    return vacancy


@transaction.atomic
def vacancy_reject(*, vacancy: Vacancy, admin: User, reason: str) -> Vacancy:
    """Refuse a submitted vacancy with the reason the employer will read."""
    vacancy = _decidable(vacancy, admin)
    reason = " ".join(reason.split())
    if not reason:
        message = _("Write the reason: the employer reads it.")
        raise ApplicationError(message, code="reason_missing", details={"reason": [message]})
    if len(reason) > REASON_MAX_LENGTH:
        message = _("Write the reason in at most %(limit)s characters.") % {
            "limit": REASON_MAX_LENGTH
        }
        raise ApplicationError(message, code="reason_too_long", details={"reason": [message]})
    model_update(
        instance=vacancy,
        fields={"status": VacancyStatus.REJECTED, "status_reason": reason, "decided_by": admin},
        policy=VACANCY_AUDIT_POLICY,
        reason=reason,
    )
    _company_told(vacancy, VACANCY_REJECTED_MESSAGE, {"title": vacancy.title, "reason": reason})
    return vacancy


def _company_locked(employer: User) -> Company:
    company = company_of_user(employer)
    if company is None:
        raise PermissionDeniedError(
            _("Register your company first: vacancies belong to a company."), code="no_company"
        )
    # Locked: two saves of the same form at once cannot both miss each other.
    return Company.objects.select_for_update().get(pk=company.pk)


def _repeated(company: Company, fields: dict[str, object]) -> Vacancy | None:
    since = timezone.now() - REPEAT_WINDOW
    same = {name: fields[name] for name in ("title", "description", "deadline")}
    return Vacancy.objects.filter(company=company, created_at__gte=since, **same).first()


def _own_locked(vacancy: Vacancy, employer: User) -> Vacancy:
    """The vacancy read afresh and locked, if it is of the employer's company."""
    if employer.role != Role.EMPLOYER:
        raise PermissionDeniedError(_("Only the company's employers may change its vacancies."))
    own = (
        Vacancy.objects.select_for_update(of=("self",))
        .filter(pk=vacancy.pk, company__members__user=employer)
        .first()
    )
    if own is None:
        raise NotFoundError(_("No vacancy of your company has this number."))
    return own


def _decidable(vacancy: Vacancy, admin: User) -> Vacancy:
    if admin.role != Role.ADMIN:
        raise PermissionDeniedError(_("Only an admin verifies vacancies."))
    locked = (
        Vacancy.objects.select_for_update(of=("self",)).select_related("company").get(pk=vacancy.pk)
    )
    if locked.status != VacancyStatus.SUBMITTED:
        raise ApplicationError(_("This vacancy has already been decided."), code="decided")
    return locked


def _company_told(vacancy: Vacancy, kind: MessageKind, context: dict[str, str | int]) -> None:
    """Every member of the company hears it (each by their account's e-mail)."""
    members = company_accounts(vacancy.company_id)
    notifications_queue(
        messages=[Message(kind=kind.name, to=member, context=context) for member in members]
    )
