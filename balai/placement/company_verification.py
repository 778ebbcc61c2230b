"""An admin's decisions on a company: verify it, reject it with a reason, suspend it with a
reason. Each is audited and told to the company's people through the outbox."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from balai.accounts.models import Role, User
from balai.core.audit import model_update
from balai.core.errors import ApplicationError, NotFoundError, PermissionDeniedError
from balai.notifications.catalogue import MessageKind
from balai.notifications.recipients import RecipientList, RecipientListKind
from balai.notifications.services import Message, notifications_queue
from balai.placement.companies import company_accounts
from balai.placement.employers import COMPANY_AUDIT_POLICY
from balai.placement.models import Company, CompanyStatus
from balai.registry.typed import text_typed

REASON_MAX_LENGTH = 500
COMPANY_RECIPIENTS = "company"

COMPANY_VERIFIED_MESSAGE = MessageKind(
    name="company_verified",
    subject=gettext_lazy("%(company)s is verified in Balai"),
    body=gettext_lazy(
        "Disnaker has verified %(company)s. You can now post vacancies and see the graduates "
        "who apply to them."
    ),
)
COMPANY_REJECTED_MESSAGE = MessageKind(
    name="company_rejected",
    subject=gettext_lazy("%(company)s was not verified"),
    body=gettext_lazy(
        "Disnaker did not verify %(company)s: %(reason)s. Correct the company's details on its "
        "page in Balai to send them for verification again."
    ),
)
COMPANY_SUSPENDED_MESSAGE = MessageKind(
    name="company_suspended",
    subject=gettext_lazy("%(company)s is suspended in Balai"),
    body=gettext_lazy(
        "Disnaker has suspended %(company)s: %(reason)s. Its vacancies and applicants are "
        "hidden until Disnaker lifts the suspension."
    ),
)
COMPANY_MESSAGES = (COMPANY_VERIFIED_MESSAGE, COMPANY_REJECTED_MESSAGE, COMPANY_SUSPENDED_MESSAGE)


def company_recipients(key: str) -> Iterable[User]:
    """The active accounts of the company whose id is `key`: whoever acts for it hears."""
    return company_accounts(int(key))


COMPANY_RECIPIENT_LIST = RecipientListKind(name=COMPANY_RECIPIENTS, members=company_recipients)


def _locked_for_decision(company: Company, actor: User, allowed: set[str]) -> Company:
    if actor.role != Role.ADMIN:
        raise PermissionDeniedError(_("Only Disnaker's administrators verify companies."))
    locked = Company.objects.select_for_update().filter(pk=company.pk).first()
    if locked is None:
        raise NotFoundError(_("No such company."))
    if locked.status not in allowed:
        raise ApplicationError(
            _("This company is %(status)s now: reload the page to see it.")
            % {"status": locked.get_status_display().lower()},
            code="company_status_changed",
        )
    return locked


def _reason_checked(raw: str) -> str:
    reason = text_typed(raw, field="reason", label=_("The reason"))
    if not reason:
        message = _("Write the reason: the company reads it and corrects what is needed.")
        raise ApplicationError(message, code="reason_missing", details={"reason": [message]})
    if len(reason) > REASON_MAX_LENGTH:
        message = _("This is longer than %(limit)s characters.") % {"limit": REASON_MAX_LENGTH}
        raise ApplicationError(message, code="reason_too_long", details={"reason": [message]})
    return reason


def _decide(
    company: Company, actor: User, *, status: CompanyStatus, reason: str, kind: MessageKind
) -> Company:
    model_update(
        instance=company,
        fields={
            "status": status,
            "status_reason": reason,
            "decided_at": timezone.now(),
            "decided_by": actor,
        },
        policy=COMPANY_AUDIT_POLICY,
        reason=reason,
    )
    notifications_queue(
        messages=[
            Message(
                kind=kind.name,
                to=RecipientList(kind=COMPANY_RECIPIENTS, key=str(company.pk)),
                context={"company": company.name, "reason": reason},
            )
        ]
    )
    return company


@transaction.atomic
def company_verify(*, company: Company, actor: User) -> Company:
    """Verify a company awaiting verification (or lift a suspension): it may now publish
    vacancies and see its applicants."""
    locked = _locked_for_decision(company, actor, {CompanyStatus.PENDING, CompanyStatus.SUSPENDED})
    return _decide(
        locked, actor, status=CompanyStatus.VERIFIED, reason="", kind=COMPANY_VERIFIED_MESSAGE
    )


@transaction.atomic
def company_reject(*, company: Company, actor: User, reason: str) -> Company:
    """Refuse a company awaiting verification, saying why; it may correct and resubmit."""
    checked = _reason_checked(reason)
    locked = _locked_for_decision(company, actor, {CompanyStatus.PENDING})
    return _decide(
        locked, actor, status=CompanyStatus.REJECTED, reason=checked, kind=COMPANY_REJECTED_MESSAGE
    )


@transaction.atomic
def company_suspend(*, company: Company, actor: User, reason: str) -> Company:
    """Suspend a verified company, saying why: it sees no graduate's data until verified
    again."""
    checked = _reason_checked(reason)
    locked = _locked_for_decision(company, actor, {CompanyStatus.VERIFIED})
    return _decide(
        locked,
        actor,
        status=CompanyStatus.SUSPENDED,
        reason=checked,
        kind=COMPANY_SUSPENDED_MESSAGE,
    )
