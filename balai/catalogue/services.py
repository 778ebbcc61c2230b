from __future__ import annotations

import datetime
from collections.abc import Iterable

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
from balai.core.errors import ApplicationError
from balai.regions.models import Kelurahan


def _validated(instance: Programme | Instructor | Venue, message: str) -> None:
    try:
        instance.full_clean()
    except ValidationError as error:
        raise ApplicationError(message, code="invalid", details=error.message_dict) from None


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
    programme = Programme.objects.filter(code=code).first() or Programme(code=code)
    programme.name, programme.description, programme.hours = name, description, hours
    programme.session_count, programme.class_size = session_count, class_size
    programme.minimum_class_size = minimum_class_size
    _validated(programme, _("The programme is not valid."))
    programme.save()
    return programme


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
    return instructor


@transaction.atomic
def venue_upsert(*, kelurahan: Kelurahan, name: str, address: str, capacity: int) -> Venue:
    """Create the venue `name` in `kelurahan`, or update its address and capacity."""
    venue = Venue.objects.filter(kelurahan=kelurahan, name=name).first() or Venue(
        kelurahan=kelurahan, name=name
    )
    venue.address, venue.capacity = address, capacity
    _validated(venue, _("The venue is not valid."))
    venue.save()
    return venue


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
    certificate, _created = InstructorCertificate.objects.update_or_create(
        instructor=instructor,
        programme=programme,
        defaults={"number": number, "valid_until": valid_until},
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
    instructor.weekly_availability = weekly_availability
    instructor.max_sessions_per_week = max_sessions_per_week
    instructor.save(update_fields=["weekly_availability", "max_sessions_per_week", "updated_at"])
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
    venue.capacity = capacity
    venue.weekly_availability = weekly_availability
    _validated(venue, _("The venue is not valid."))
    venue.save(update_fields=["capacity", "weekly_availability", "updated_at"])
    venue.programmes.set(programmes)
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
    programme.competency_units.exclude(code__in=codes).delete()
    kept = []
    for order, (code, title) in enumerate(units):
        unit, _created = CompetencyUnit.objects.update_or_create(
            programme=programme,
            code=code.strip(),
            defaults={"title": title.strip(), "order": order},
        )
        kept.append(unit)
    return kept


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
    instructor.user = user
    instructor.save(update_fields=["user", "updated_at"])
    return instructor
