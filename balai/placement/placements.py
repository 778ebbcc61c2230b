"""Placements recorded by hand: by staff for a graduate of their area, or by the graduate
themself; and the end of a placement. Every one goes through placement_record, like a hire
or a local recruitment."""

from __future__ import annotations

import datetime
from typing import TypeVar

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.accounts.models import Role, User
from balai.core.audit import model_update
from balai.core.errors import ApplicationError, NotFoundError
from balai.placement.models import MonthlyIncomeBand, Placement, PlacementChannel, PlacementKind
from balai.placement.outcomes import PLACEMENT_AUDIT_POLICY, placement_record
from balai.training.models import Enrolment
from balai.training.selectors import graduate_list

ChoicesT = TypeVar("ChoicesT", PlacementKind, MonthlyIncomeBand)

# A job or a place in further training is often agreed a month or two before it begins; a
# start further ahead is a plan, not a placement, and would be counted before it happened.
PLACEMENT_START_AHEAD_DAYS = 60


def placement_start_check(*, enrolment: Enrolment, starts_on: datetime.date) -> None:
    """Refuse a start before the graduate's training ended or more than 60 days ahead."""
    if enrolment.left_on is not None and starts_on < enrolment.left_on:
        raise ApplicationError(
            _("The placement cannot start before the training ended (%(date)s).")
            % {"date": enrolment.left_on.strftime("%d-%m-%Y")},
            code="placement_before_training_end",
            details={"field": "starts_on"},
        )
    latest = timezone.localdate() + datetime.timedelta(days=PLACEMENT_START_AHEAD_DAYS)
    if starts_on > latest:
        raise ApplicationError(
            _("The placement cannot start more than %(days)s days from today.")
            % {"days": PLACEMENT_START_AHEAD_DAYS},
            code="placement_too_far_ahead",
            details={"field": "starts_on"},
        )


def graduate_of(*, user: User, enrolment_id: int) -> Enrolment:
    """Return the completed enrolment `enrolment_id` if `user` may see it (staff: of their
    area; a graduate: their own), the row locked; anything else is not found."""
    enrolment = (
        graduate_list(user=user).select_for_update(of=("self",)).filter(pk=enrolment_id).first()
    )
    if enrolment is None:
        raise NotFoundError(_("No graduate found, or outside your area."), code="graduate_unknown")
    return enrolment


@transaction.atomic
def placement_report(
    *,
    enrolment_id: int,
    kind: str,
    employer_name: str,
    starts_on: datetime.date,
    by: User,
    income_band: str = "",
    note: str = "",
    evidence: tuple[str, bytes] | None = None,
) -> Placement:
    """Record a placement of the graduate of `enrolment_id`: staff for a graduate of their
    area (channel: operator), a graduate for themself (channel: self-reported). The same
    placement submitted twice is recorded once."""
    enrolment = graduate_of(user=by, enrolment_id=enrolment_id)
    placement_kind = _choice(PlacementKind, kind, field="kind")
    band = _choice(MonthlyIncomeBand, income_band, field="income_band")
    employer_name = employer_name.strip()
    if not employer_name:
        raise ApplicationError(
            _("Name the employer, business or institution."),
            code="employer_name_missing",
            details={"field": "employer_name"},
        )
    placement_start_check(enrolment=enrolment, starts_on=starts_on)
    same = Placement.objects.filter(
        enrolment=enrolment, kind=placement_kind, employer_name=employer_name, starts_on=starts_on
    ).first()
    if same is not None:  # a double-clicked form, or a page sent again
        return same
    channel = (
        PlacementChannel.SELF_REPORTED if by.role == Role.PARTICIPANT else PlacementChannel.OPERATOR
    )
    return placement_record(
        enrolment=enrolment,
        kind=placement_kind,
        channel=channel,
        employer_name=employer_name,
        starts_on=starts_on,
        by=by,
        income_band=band,
        note=note.strip(),
        evidence=evidence,
    )


@transaction.atomic
def placement_end(*, placement: Placement, ends_on: datetime.date, by: User) -> Placement:
    """Record that the graduate left `placement` on `ends_on` (audited)."""
    # Locked before the checks: two people ending it at once end it once.
    placement = Placement.objects.select_for_update().get(pk=placement.pk)
    if placement.ends_on is not None:
        raise ApplicationError(
            _("This placement has already ended."), code="placement_already_ended"
        )
    if ends_on < placement.starts_on:
        raise ApplicationError(
            _("A placement cannot end before it started (%(date)s).")
            % {"date": placement.starts_on.strftime("%d-%m-%Y")},
            code="placement_ends_before_start",
            details={"field": "ends_on"},
        )
    if ends_on > timezone.localdate():
        raise ApplicationError(
            _("Record an end once it has happened: the date is in the future."),
            code="placement_end_in_future",
            details={"field": "ends_on"},
        )
    model_update(
        instance=placement,
        fields={"ends_on": ends_on},
        policy=PLACEMENT_AUDIT_POLICY,
    )
    return placement


def _choice(choices: type[ChoicesT], value: str, *, field: str) -> ChoicesT:
    if value not in choices.values:
        raise ApplicationError(
            _("Choose one of the options given."), code="invalid_choice", details={"field": field}
        )
    return choices(value)
