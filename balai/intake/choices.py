"""A resident changes or withdraws their own choices while registration is open.

Once registration closes the choices are what selection works from, so nothing here is
offered or allowed after it.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from balai.accounts.models import User
from balai.core.audit import audit_record
from balai.core.errors import ApplicationError, PermissionDeniedError
from balai.core.models import AuditAction
from balai.intake.models import (
    Application,
    ApplicationChoice,
    ApplicationStatus,
    Offering,
    SeatAssignment,
)
from balai.intake.services import application_withdraw, choices_check, hold_first_free_seat


def application_is_changeable(application: Application) -> bool:
    """Whether its resident may still change or withdraw `application`'s choices."""
    return application.batch.is_open and application.status != ApplicationStatus.WITHDRAWN


def _locked_own(application: Application, resident: User) -> Application:
    application = (
        Application.objects.select_for_update()
        .select_related("batch", "person")
        .get(pk=application.pk)
    )
    if application.person.user_id != resident.pk:
        raise PermissionDeniedError(_("This is not your application."), code="not_yours")
    if not application_is_changeable(application):
        raise ApplicationError(
            _("Registration for %(batch)s is closed: the choices can no longer be changed.")
            % {"batch": application.batch},
            code="batch_closed",
        )
    return application


@transaction.atomic
def application_choices_change(
    *, application: Application, choices: list[Offering], resident: User
) -> Application:
    """Replace the resident's ranked choices; in a first-come batch the seat held is given
    back and the best of the new choices with room is held instead. Audited."""
    application = _locked_own(application, resident)
    choices_check(batch=application.batch, choices=choices)
    before = list(application.choices.order_by("rank").values_list("offering_id", flat=True))
    application.choices.all().delete()
    ApplicationChoice.objects.bulk_create(
        ApplicationChoice(application=application, rank=rank, offering=offering)
        for rank, offering in enumerate(choices, start=1)
    )
    if application.batch.seat_assignment == SeatAssignment.FIRST_COME and application.status in {
        ApplicationStatus.SEAT_HELD,
        ApplicationStatus.WAITING,
    }:
        _seat_held_again(application, choices)
    audit_record(
        action=AuditAction.UPDATE,
        target=application,
        changes={"choices": {"old": before, "new": [offering.pk for offering in choices]}},
        target_label=f"{application.batch.code} {application.person.nik_masked}",
    )
    return application


def _seat_held_again(application: Application, choices: list[Offering]) -> None:
    if application.held_offering_id is not None:
        Offering.objects.filter(pk=application.held_offering_id, seats_taken__gt=0).update(
            seats_taken=F("seats_taken") - 1
        )
        application.held_offering = None
    hold_first_free_seat(application, choices)


@transaction.atomic
def application_choice_withdraw(
    *, application: Application, rank: int, resident: User
) -> Application:
    """Withdraw one choice (the later ones move up); withdrawing the last one withdraws the
    application."""
    application = _locked_own(application, resident)
    ranked = application.choices.select_related("offering").order_by("rank")
    choices = [choice.offering for choice in ranked]
    if not 1 <= rank <= len(choices):
        raise ApplicationError(_("There is no such choice."), code="choice_unknown")
    del choices[rank - 1]
    if not choices:
        return application_withdraw(application=application)
    return application_choices_change(application=application, choices=choices, resident=resident)


@transaction.atomic
def application_withdraw_own(*, application: Application, resident: User) -> Application:
    """Withdraw the resident's own application while registration is open."""
    return application_withdraw(application=_locked_own(application, resident))
