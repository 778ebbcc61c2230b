"""Interviews: slots a company offers for a vacancy, a shortlisted graduate's booking of
one (never two on a slot: a database constraint), its cancellation, and the outcome the
employer records, which a hire turns into a placement."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.accounts.models import User
from balai.core.errors import ApplicationError, PermissionDeniedError
from balai.placement.companies import acts_for_company
from balai.placement.interview_messages import (
    booking_cancelled_notify,
    booking_made_notify,
)
from balai.placement.models import (
    ApplicationStatus,
    CompanyStatus,
    InterviewBooking,
    InterviewOutcome,
    InterviewSlot,
    JobApplication,
    PlacementChannel,
    PlacementKind,
    Vacancy,
    VacancyStatus,
)
from balai.placement.outcomes import application_status_set, placement_record
from balai.placement.placements import placement_start_check

LONGEST_INTERVIEW = datetime.timedelta(hours=8)
HTTPS_ONLY = URLValidator(schemes=["https"])
FIRST_YEAR, LAST_YEAR = 2000, 2100


def _slot_checked(
    *,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    video_link: str,
    location: str,
    now: datetime.datetime,
) -> None:
    # Checked first: a date at the edge of the calendar cannot even be compared with another
    # in a different time zone.
    if not all(FIRST_YEAR <= moment.year <= LAST_YEAR for moment in (starts_at, ends_at)):
        raise ApplicationError(
            _("Give an interview time between the years 2000 and 2100."), code="slot_out_of_range"
        )
    if ends_at <= starts_at:
        raise ApplicationError(_("An interview must end after it starts."), code="slot_reversed")
    if ends_at - starts_at > LONGEST_INTERVIEW:
        raise ApplicationError(
            _("An interview slot may last at most 8 hours."), code="slot_too_long"
        )
    if starts_at <= now:
        raise ApplicationError(_("An interview slot must be in the future."), code="slot_past")
    if not video_link and not location:
        raise ApplicationError(
            _("Give a video-call link or a place for the interview."), code="slot_nowhere"
        )
    if video_link:
        try:
            HTTPS_ONLY(video_link)
        except ValidationError:
            raise ApplicationError(
                _("The video-call link must be a web address starting with https://."),
                code="video_link_not_https",
            ) from None


@transaction.atomic
def interview_slot_create(
    *,
    vacancy: Vacancy,
    user: User,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    video_link: str = "",
    location: str = "",
    now: datetime.datetime | None = None,
) -> InterviewSlot:
    """Offer a one-to-one interview time for one of the company's published vacancies; it may
    not overlap another slot of the same vacancy."""
    # The vacancy's row lock queues the company's people adding slots at once, so that the
    # overlap check below sees every slot committed before.
    vacancy = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    if not acts_for_company(user, vacancy.company_id):
        raise PermissionDeniedError(_("Only the company's people may offer interview slots."))
    if vacancy.status != VacancyStatus.PUBLISHED:
        raise ApplicationError(
            _("Interview slots are offered for published vacancies only."),
            code="vacancy_not_published",
        )
    video_link, location = video_link.strip(), location.strip()
    # Times without a zone (an API client's) are the city's.
    if timezone.is_naive(starts_at):
        starts_at = timezone.make_aware(starts_at)
    if timezone.is_naive(ends_at):
        ends_at = timezone.make_aware(ends_at)
    _slot_checked(
        starts_at=starts_at,
        ends_at=ends_at,
        video_link=video_link,
        location=location,
        now=now or timezone.now(),
    )
    if InterviewSlot.objects.filter(
        vacancy=vacancy, starts_at__lt=ends_at, ends_at__gt=starts_at
    ).exists():
        raise ApplicationError(
            _("This time overlaps another interview slot of the vacancy."), code="slot_overlaps"
        )
    slot = InterviewSlot(
        vacancy=vacancy,
        starts_at=starts_at,
        ends_at=ends_at,
        video_link=video_link,
        location=location,
        created_by=user,
    )
    slot.full_clean()
    slot.save()
    return slot


@transaction.atomic
def interview_slot_delete(*, slot: InterviewSlot, user: User) -> None:
    """Withdraw a slot nobody has ever booked (a booked or cancelled one stays on record)."""
    slot = InterviewSlot.objects.select_for_update().get(pk=slot.pk)
    if not acts_for_company(user, slot.vacancy.company_id):
        raise PermissionDeniedError(_("Only the company's people may withdraw its slots."))
    if slot.bookings.exists():
        raise ApplicationError(
            _("A slot that was booked stays on record; it cannot be withdrawn."),
            code="slot_booked",
        )
    slot.delete()


@transaction.atomic
def interview_book(
    *,
    application: JobApplication,
    slot_id: int,
    user: User,
    now: datetime.datetime | None = None,
) -> InterviewBooking:
    """Book a free interview slot of the vacancy a shortlisted graduate applied to; the
    application moves to "interview"."""
    now = now or timezone.now()
    application = (
        JobApplication.objects.select_for_update(of=("self",))
        .select_related("person", "vacancy__company")
        .get(pk=application.pk)
    )
    if application.person.user_id != user.pk:
        raise PermissionDeniedError(_("Only the applicant may book their interview."))
    if application.status != ApplicationStatus.SHORTLISTED:
        raise ApplicationError(
            _("Only a shortlisted application can book an interview."),
            code="application_not_shortlisted",
        )
    if application.vacancy.company.status != CompanyStatus.VERIFIED:
        # Suspended since the shortlist: the company could no longer see the booking.
        raise ApplicationError(
            _("This company cannot hold interviews now: its verification was withdrawn."),
            code="company_not_verified",
        )
    slot = InterviewSlot.objects.filter(pk=slot_id, vacancy_id=application.vacancy_id).first()
    if slot is None:
        raise ApplicationError(
            _("This interview slot is not one of this vacancy's."), code="slot_not_found"
        )
    if slot.starts_at <= now:
        raise ApplicationError(_("This interview slot has passed."), code="slot_past")
    taken = ApplicationError(
        _("Somebody else has just booked this slot. Please choose another time."),
        code="slot_taken",
    )
    if InterviewBooking.objects.filter(slot=slot, cancelled_at__isnull=True).exists():
        raise taken
    try:
        # The partial unique constraint is the guarantee: two graduates who both passed the
        # check above cannot both insert; the second's insert fails here.
        with transaction.atomic():
            booking = InterviewBooking.objects.create(slot=slot, application=application)
    except IntegrityError:
        raise taken from None
    application_status_set(application=application, status=ApplicationStatus.INTERVIEW)
    booking.slot = slot
    booking.application = application
    booking_made_notify(booking)
    return booking


def _locked_booking(booking_id: int) -> InterviewBooking:
    return (
        InterviewBooking.objects.select_for_update(of=("self",))
        .select_related("slot__vacancy__company", "application__person")
        .get(pk=booking_id)
    )


@transaction.atomic
def interview_cancel(
    *, booking: InterviewBooking, user: User, now: datetime.datetime | None = None
) -> InterviewBooking:
    """Cancel the graduate's own booking before the interview starts: the slot is free
    again and the application back on the shortlist."""
    now = now or timezone.now()
    booking = _locked_booking(booking.pk)
    if booking.application.person.user_id != user.pk:
        raise PermissionDeniedError(_("Only the applicant may cancel their interview."))
    if booking.cancelled_at is not None:
        raise ApplicationError(_("This interview is already cancelled."), code="booking_cancelled")
    if booking.slot.starts_at <= now:
        raise ApplicationError(
            _("An interview can be cancelled only before it starts."), code="slot_started"
        )
    booking.cancelled_at = now
    booking.save(update_fields=["cancelled_at"])
    if booking.application.status == ApplicationStatus.INTERVIEW:
        application_status_set(
            application=booking.application,
            status=ApplicationStatus.SHORTLISTED,
            reason="interview cancelled",
        )
    booking_cancelled_notify(booking)
    return booking


@transaction.atomic
def interview_outcome_record(
    *,
    booking: InterviewBooking,
    user: User,
    outcome: InterviewOutcome,
    starts_on: datetime.date | None = None,
    note: str = "",
    now: datetime.datetime | None = None,
) -> InterviewBooking:
    """Record how an interview went, once it has started: a hire moves the application to
    "hired" and records the placement (from `starts_on`) in the same transaction; anything
    else ends the application as not selected."""
    now = now or timezone.now()
    booking = _locked_booking(booking.pk)
    company = booking.slot.vacancy.company
    if not acts_for_company(user, company.pk):
        raise PermissionDeniedError(_("Only the company's people may record the outcome."))
    if booking.cancelled_at is not None:
        raise ApplicationError(_("This interview was cancelled."), code="booking_cancelled")
    if booking.outcome:
        raise ApplicationError(
            _("The outcome of this interview is already recorded."), code="outcome_recorded"
        )
    if booking.slot.starts_at > now:
        raise ApplicationError(
            _("The outcome is recorded once the interview has started."), code="slot_not_started"
        )
    if outcome == InterviewOutcome.PENDING or outcome not in InterviewOutcome.values:
        raise ApplicationError(_("Choose an outcome."), code="outcome_missing")
    application = booking.application
    if application.status != ApplicationStatus.INTERVIEW:
        # Already answered from the applicants list (not selected): an outcome now would
        # turn a graduate told "not selected" into a hire, or rewrite why they were not.
        raise ApplicationError(
            _("This applicant is already %(status)s: the interview's outcome cannot change it.")
            % {"status": application.get_status_display()},
            code="application_not_in_interview",
        )
    if outcome == InterviewOutcome.HIRED:
        if starts_on is None:
            raise ApplicationError(
                _("Give the date the graduate starts work."), code="starts_on_missing"
            )
        # The same bounds as any other placement: a typo'd year 0001 or 9999 would count a
        # hire in the indicators of a period it never happened in.
        placement_start_check(enrolment=application.enrolment, starts_on=starts_on)
        application_status_set(application=application, status=ApplicationStatus.HIRED)
        placement_record(
            enrolment=application.enrolment,
            kind=PlacementKind.WAGE_EMPLOYMENT,
            channel=PlacementChannel.VACANCY,
            employer_name=company.name,
            company=company,
            application=application,
            starts_on=starts_on,
            by=user,
        )
    else:
        # A graduate who did not come is not selected either; the booking keeps which.
        application_status_set(
            application=application,
            status=ApplicationStatus.NOT_SELECTED,
            reason=f"interview: {outcome}",
        )
    booking.outcome = outcome
    booking.outcome_note = note[:500]
    booking.save(update_fields=["outcome", "outcome_note"])
    return booking
