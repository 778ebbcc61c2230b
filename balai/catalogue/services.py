"""Writes of the catalogue: programmes and their competency units, instructors, halls; every
one audited through the one helper in balai.core.audit."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from balai.accounts.models import Role, User
from balai.catalogue.availability import EVERY_SLOT, slots_per_week
from balai.catalogue.models import (
    CompetencyUnit,
    Instructor,
    InstructorCertificate,
    Programme,
    Venue,
)
from balai.core.audit import (
    AuditPolicy,
    audit_changes,
    audit_record,
    audit_record_created,
    model_update,
)
from balai.core.errors import ApplicationError
from balai.core.masking import mask_name, mask_phone
from balai.core.models import AuditAction
from balai.regions.models import Kelurahan

PROGRAMME_AUDIT_POLICY = AuditPolicy(
    fields=[
        "code",
        "name",
        "description",
        "hours",
        "session_count",
        "class_size",
        "minimum_class_size",
        "attendance_threshold",
    ]
)
COMPETENCY_UNIT_AUDIT_POLICY = AuditPolicy(fields=["programme_id", "code", "title", "order"])
INSTRUCTOR_AUDIT_POLICY = AuditPolicy(
    fields=[
        "full_name",
        "phone",
        "home_kelurahan_id",
        "programmes",
        "max_sessions_per_week",
        "weekly_availability",
        "user_id",
    ],
    masked={"full_name": mask_name, "phone": mask_phone},
)
INSTRUCTOR_CERTIFICATE_AUDIT_POLICY = AuditPolicy(
    fields=["instructor_id", "programme_id", "number", "valid_until"]
)
VENUE_AUDIT_POLICY = AuditPolicy(
    fields=["kelurahan_id", "name", "address", "capacity", "programmes", "weekly_availability"]
)

Validated = TypeVar("Validated", Programme, Instructor, Venue)


def _validated(instance: Programme | Instructor | Venue, message: str) -> None:
    try:
        instance.full_clean()
    except ValidationError as error:
        raise ApplicationError(message, code="invalid", details=error.message_dict) from None


def _created_or_updated(
    *,
    existing: Validated | None,
    new: Validated,
    values: dict[str, Any],
    policy: AuditPolicy,
    message: str,
) -> Validated:
    """Save `new` (audited as created) when nothing exists yet, else update `existing` to
    `values` (audited as changed); either is validated first."""
    if existing is None:
        for name, value in values.items():
            setattr(new, name, value)
        _validated(new, message)
        new.save()
        audit_record_created(target=new, policy=policy)
        return new
    model_update(
        instance=existing,
        fields=values,
        policy=policy,
        validate=lambda instance: _validated(instance, message),
    )
    return existing


@transaction.atomic
def programme_upsert(
    *,
    code: str,
    name: str,
    description: str,
    hours: int,
    session_count: int,
    class_size: int,
    minimum_class_size: int,
) -> Programme:
    """Create the programme `code`, or update it to these values."""
    return _created_or_updated(
        existing=Programme.objects.select_for_update().filter(code=code).first(),
        new=Programme(code=code),
        values={
            "name": name,
            "description": description,
            "hours": hours,
            "session_count": session_count,
            "class_size": class_size,
            "minimum_class_size": minimum_class_size,
        },
        policy=PROGRAMME_AUDIT_POLICY,
        message=_("The programme is not valid."),
    )


@transaction.atomic
def instructor_create(
    *,
    full_name: str,
    home_kelurahan: Kelurahan,
    programmes: Iterable[Programme],
    phone: str = "",
    user: User | None = None,
    max_sessions_per_week: int = 10,
    weekly_availability: int = EVERY_SLOT,
) -> Instructor:
    """Create an instructor qualified for `programmes`."""
    instructor = Instructor(
        full_name=full_name,
        phone=phone,
        home_kelurahan=home_kelurahan,
        user=user,
        max_sessions_per_week=max_sessions_per_week,
        weekly_availability=weekly_availability,
    )
    _validated(instructor, _("The instructor is not valid."))
    instructor.save()
    instructor.programmes.set(programmes)
    audit_record_created(target=instructor, policy=INSTRUCTOR_AUDIT_POLICY)
    return instructor


@transaction.atomic
def venue_upsert(*, kelurahan: Kelurahan, name: str, address: str, capacity: int) -> Venue:
    """Create the venue `name` in `kelurahan`, or update its address and capacity."""
    return _created_or_updated(
        existing=Venue.objects.select_for_update().filter(kelurahan=kelurahan, name=name).first(),
        new=Venue(kelurahan=kelurahan, name=name),
        values={"address": address, "capacity": capacity},
        policy=VENUE_AUDIT_POLICY,
        message=_("The venue is not valid."),
    )


@transaction.atomic
def instructor_certificate_set(
    *,
    instructor: Instructor,
    programme: Programme,
    number: str,
    valid_until: datetime.date | None = None,
) -> InstructorCertificate:
    """Record the certificate for one of the instructor's programmes (replacing an older one)."""
    if not instructor.programmes.filter(pk=programme.pk).exists():
        raise ApplicationError(
            _("%(name)s is not qualified for %(programme)s.")
            % {"name": instructor.full_name, "programme": programme.name},
            code="not_qualified",
        )
    number = number.strip()
    if not number:
        raise ApplicationError(_("Give the certificate number."), code="certificate_number")
    certificate = (
        InstructorCertificate.objects.select_for_update()
        .filter(instructor=instructor, programme=programme)
        .first()
    )
    if certificate is None:
        certificate = InstructorCertificate.objects.create(
            instructor=instructor, programme=programme, number=number, valid_until=valid_until
        )
        audit_record_created(target=certificate, policy=INSTRUCTOR_CERTIFICATE_AUDIT_POLICY)
        return certificate
    model_update(
        instance=certificate,
        fields={"number": number, "valid_until": valid_until},
        policy=INSTRUCTOR_CERTIFICATE_AUDIT_POLICY,
    )
    return certificate


@transaction.atomic
def instructor_availability_set(
    *, instructor: Instructor, weekly_availability: int, max_sessions_per_week: int
) -> Instructor:
    """Set which half-days of the week the instructor teaches, and at most how many."""
    _check_half_days(weekly_availability)
    if not 1 <= max_sessions_per_week <= slots_per_week(EVERY_SLOT):
        raise ApplicationError(
            _("An instructor teaches from 1 to 12 sessions a week."), code="weekly_limit_invalid"
        )
    model_update(
        instance=instructor,
        fields={
            "weekly_availability": weekly_availability,
            "max_sessions_per_week": max_sessions_per_week,
        },
        policy=INSTRUCTOR_AUDIT_POLICY,
    )
    return instructor


@transaction.atomic
def venue_settings_set(
    *,
    venue: Venue,
    capacity: int,
    programmes: Iterable[Programme],
    weekly_availability: int,
) -> Venue:
    """Set the hall's seats, the programmes its equipment allows (none: any), and the
    half-days of the week it can be used."""
    _check_half_days(weekly_availability)
    model_update(
        instance=venue,
        fields={
            "capacity": capacity,
            "weekly_availability": weekly_availability,
            "programmes": list(programmes),
        },
        policy=VENUE_AUDIT_POLICY,
        validate=lambda instance: _validated(instance, _("The venue is not valid.")),
    )
    return venue


def _check_half_days(mask: int) -> None:
    if not 0 <= mask <= EVERY_SLOT:
        raise ApplicationError(_("Unknown half-days."), code="availability_invalid")


@transaction.atomic
def competency_units_set(
    *, programme: Programme, units: list[tuple[str, str]]
) -> list[CompetencyUnit]:
    """Make the programme's units exactly `units` ((code, title), in order). A unit already
    assessed is kept by its code, so its assessments stay attached."""
    codes = [code.strip() for code, _title in units]
    if any(not code for code in codes) or len(set(codes)) != len(codes):
        raise ApplicationError(
            _("Each competency unit needs its own code."), code="competency_unit_codes"
        )
    for gone in programme.competency_units.exclude(code__in=codes):
        audit_record(
            action=AuditAction.DELETE,
            target=gone,
            changes=audit_changes(COMPETENCY_UNIT_AUDIT_POLICY.snapshot(gone), {}),
        )
        gone.delete()
    stored = {unit.code: unit for unit in programme.competency_units.select_for_update()}
    return [
        _competency_unit_set(
            programme, stored.get(code.strip()), code.strip(), title.strip(), order
        )
        for order, (code, title) in enumerate(units)
    ]


def _competency_unit_set(
    programme: Programme, unit: CompetencyUnit | None, code: str, title: str, order: int
) -> CompetencyUnit:
    if unit is None:
        unit = CompetencyUnit.objects.create(
            programme=programme, code=code, title=title, order=order
        )
        audit_record_created(target=unit, policy=COMPETENCY_UNIT_AUDIT_POLICY)
        return unit
    model_update(
        instance=unit, fields={"title": title, "order": order}, policy=COMPETENCY_UNIT_AUDIT_POLICY
    )
    return unit


@transaction.atomic
def instructor_account_link(*, instructor: Instructor, user: User) -> Instructor:
    """Let `user` (an instructor's account) act as `instructor`: their classes, roll calls and
    assessments."""
    if user.role != Role.INSTRUCTOR:
        raise ApplicationError(
            _("Only an instructor's account can be linked to an instructor."),
            code="not_an_instructor_account",
        )
    if Instructor.objects.filter(user=user).exclude(pk=instructor.pk).exists():
        raise ApplicationError(
            _("This account already belongs to another instructor."), code="account_taken"
        )
    model_update(instance=instructor, fields={"user": user}, policy=INSTRUCTOR_AUDIT_POLICY)
    return instructor
