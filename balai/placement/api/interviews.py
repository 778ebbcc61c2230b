"""Interviews over the API: a vacancy's slots (list, create), a shortlisted graduate's free
slots and booking, cancellation, the outcome, and the .ics invitation. Same services and
selectors as the pages."""

from __future__ import annotations

import datetime

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Field, Router, Schema, Status

from balai.accounts.models import Role
from balai.api.auth import SIGNED_IN_AUTH
from balai.api.schemas import ErrorOut, InputSchema
from balai.core.access import register_route_access, request_user, roles
from balai.placement import interview_selectors as selectors
from balai.placement.interview_calendar import interview_calendar
from balai.placement.interviews import (
    interview_book,
    interview_cancel,
    interview_outcome_record,
    interview_slot_create,
    interview_slot_delete,
)
from balai.placement.models import InterviewBooking, InterviewOutcome, InterviewSlot
from balai.placement.views.interviews import calendar_response

router = Router(tags=["placement"], auth=SIGNED_IN_AUTH)

ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut}


class InterviewSlotIn(InputSchema):
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    video_link: str = Field("", max_length=200, description="https:// only; or give a place.")
    location: str = Field("", max_length=250)


class InterviewBookingOut(Schema):
    id: int
    slot_id: int
    application_id: int
    applicant: str
    booked_at: datetime.datetime
    cancelled_at: datetime.datetime | None
    outcome: str
    calendar_path: str = Field(description="The .ics invitation of the booking.")


class InterviewSlotOut(Schema):
    id: int
    vacancy_id: int
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    video_link: str
    location: str
    booking: InterviewBookingOut | None


class InterviewBookIn(InputSchema):
    slot_id: int = Field(ge=1, le=2**62)


class InterviewOutcomeIn(InputSchema):
    outcome: InterviewOutcome
    starts_on: datetime.date | None = Field(None, description="The first day of work (a hire).")
    note: str = Field("", max_length=500)


def _booking_out(booking: InterviewBooking) -> InterviewBookingOut:
    return InterviewBookingOut(
        id=booking.pk,
        slot_id=booking.slot_id,
        application_id=booking.application_id,
        applicant=booking.application.person.full_name,
        booked_at=booking.booked_at,
        cancelled_at=booking.cancelled_at,
        outcome=booking.outcome,
        calendar_path=f"/api/v1/placement/interviews/bookings/{booking.pk}/invitation.ics",
    )


def _slot_out(slot: InterviewSlot, booking: InterviewBooking | None) -> InterviewSlotOut:
    return InterviewSlotOut(
        id=slot.pk,
        vacancy_id=slot.vacancy_id,
        starts_at=slot.starts_at,
        ends_at=slot.ends_at,
        video_link=slot.video_link,
        location=slot.location,
        booking=_booking_out(booking) if booking is not None else None,
    )


@router.get(
    "/vacancies/{int:vacancy_id}/slots",
    response={200: list[InterviewSlotOut], **ERRORS},
    url_name="interview_slot_list",
)
def interview_slot_list(request: HttpRequest, vacancy_id: int) -> list[InterviewSlotOut]:
    """The interview slots of one of the company's vacancies, with who booked each."""
    user = request_user(request)
    vacancy = selectors.vacancy_of_company(vacancy_id=vacancy_id, user=user)
    return [
        _slot_out(row.slot, row.booking)
        for row in selectors.vacancy_slots(vacancy=vacancy, user=user)
    ]


@router.post(
    "/vacancies/{int:vacancy_id}/slots",
    response={201: InterviewSlotOut, **ERRORS},
    url_name="interview_slot_create",
)
def interview_slot_create_endpoint(
    request: HttpRequest, vacancy_id: int, payload: InterviewSlotIn
) -> Status[InterviewSlotOut]:
    """Offer an interview slot for one of the company's published vacancies."""
    user = request_user(request)
    vacancy = selectors.vacancy_of_company(vacancy_id=vacancy_id, user=user)
    slot = interview_slot_create(vacancy=vacancy, user=user, **payload.model_dump())
    return Status(201, _slot_out(slot, None))


@router.delete(
    "/slots/{int:slot_id}",
    response={204: None, **ERRORS},
    url_name="interview_slot_delete",
)
def interview_slot_delete_endpoint(request: HttpRequest, slot_id: int) -> Status[None]:
    """Withdraw a slot nobody has booked."""
    user = request_user(request)
    interview_slot_delete(slot=selectors.slot_of_company(slot_id=slot_id, user=user), user=user)
    return Status(204, None)


@router.get(
    "/applications/{int:application_id}/slots",
    response={200: list[InterviewSlotOut], **ERRORS},
    url_name="interview_free_slots",
)
def interview_free_slots(request: HttpRequest, application_id: int) -> list[InterviewSlotOut]:
    """The free interview slots the graduate's application may book."""
    application = selectors.application_of_graduate(
        application_id=application_id, user=request_user(request)
    )
    return [
        _slot_out(slot, None)
        for slot in selectors.slots_free(vacancy=application.vacancy, now=timezone.now())
    ]


@router.post(
    "/applications/{int:application_id}/booking",
    response={201: InterviewBookingOut, **ERRORS},
    url_name="interview_book",
)
def interview_book_endpoint(
    request: HttpRequest, application_id: int, payload: InterviewBookIn
) -> Status[InterviewBookingOut]:
    """Book a free slot for a shortlisted application (refused if taken or past)."""
    user = request_user(request)
    application = selectors.application_of_graduate(application_id=application_id, user=user)
    booking = interview_book(application=application, slot_id=payload.slot_id, user=user)
    return Status(201, _booking_out(booking))


@router.post(
    "/bookings/{int:booking_id}/cancel",
    response={200: InterviewBookingOut, **ERRORS},
    url_name="interview_cancel",
)
def interview_cancel_endpoint(request: HttpRequest, booking_id: int) -> InterviewBookingOut:
    """Cancel the graduate's own booking before the interview starts."""
    user = request_user(request)
    booking = selectors.booking_visible(booking_id=booking_id, user=user)
    return _booking_out(interview_cancel(booking=booking, user=user))


@router.post(
    "/bookings/{int:booking_id}/outcome",
    response={200: InterviewBookingOut, **ERRORS},
    url_name="interview_outcome",
)
def interview_outcome_endpoint(
    request: HttpRequest, booking_id: int, payload: InterviewOutcomeIn
) -> InterviewBookingOut:
    """Record how an interview went; a hire records the placement too."""
    user = request_user(request)
    booking = selectors.booking_visible(booking_id=booking_id, user=user)
    booking = interview_outcome_record(
        booking=booking,
        user=user,
        outcome=payload.outcome,
        starts_on=payload.starts_on,
        note=payload.note,
    )
    return _booking_out(booking)


@router.get(
    "/bookings/{int:booking_id}/invitation.ics",
    response={200: None, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    url_name="interview_invitation",
    openapi_extra={
        "responses": {
            200: {
                "description": "The booking's calendar invitation.",
                "content": {"text/calendar": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def interview_invitation_endpoint(request: HttpRequest, booking_id: int) -> HttpResponse:
    """The booking's .ics invitation, for the graduate and the company."""
    booking = selectors.booking_visible(booking_id=booking_id, user=request_user(request))
    return calendar_response(booking_id=booking.pk, content=interview_calendar(booking))


# Admins are admitted to read and are refused writes by the services (only the company's
# people offer slots and record outcomes), so that every route has a reader who is staff.
register_route_access(
    "api-v1",
    {
        "interview_slot_list": roles(Role.EMPLOYER, Role.ADMIN),
        "interview_slot_create": roles(Role.EMPLOYER, Role.ADMIN),
        "interview_slot_delete": roles(Role.EMPLOYER, Role.ADMIN),
        "interview_free_slots": roles(Role.PARTICIPANT),
        "interview_book": roles(Role.PARTICIPANT),
        "interview_cancel": roles(Role.PARTICIPANT),
        "interview_outcome": roles(Role.EMPLOYER, Role.ADMIN),
        "interview_invitation": roles(Role.PARTICIPANT, Role.EMPLOYER, Role.ADMIN),
    },
)
