"""Pages of interviews: the employer's slots of a vacancy with their bookings and outcomes,
the shortlisted graduate's booking and cancellation, and the .ics invitation."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.core.access import request_user
from balai.core.errors import ApplicationError
from balai.placement import interview_selectors as selectors
from balai.placement.interview_calendar import interview_calendar
from balai.placement.interview_forms import BookForm, OutcomeForm, SlotForm
from balai.placement.interviews import (
    interview_book,
    interview_cancel,
    interview_outcome_record,
    interview_slot_create,
    interview_slot_delete,
)
from balai.placement.models import ApplicationStatus, InterviewOutcome


def interview_slots_page(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    """The company's interview slots of a vacancy, who booked them, and their outcomes."""
    user = request_user(request)
    vacancy = selectors.vacancy_of_company(vacancy_id=vacancy_id, user=user)
    form = SlotForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            interview_slot_create(vacancy=vacancy, user=user, **form.cleaned_data)
        except ApplicationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Interview slot added."))
            return redirect("placement:interview_slots", vacancy_id=vacancy.pk)
    return render(
        request,
        "placement/interviews/slots.html",
        {
            "vacancy": vacancy,
            "slots": selectors.vacancy_slots(vacancy=vacancy, user=user),
            "form": form,
            "outcome_form": OutcomeForm(initial={"starts_on": timezone.localdate()}),
            "now": timezone.now(),
        },
    )


def interview_slot_delete_action(request: HttpRequest, slot_id: int) -> HttpResponse:
    """The employer withdraws a slot nobody booked."""
    user = request_user(request)
    slot = selectors.slot_of_company(slot_id=slot_id, user=user)
    try:
        interview_slot_delete(slot=slot, user=user)
    except ApplicationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Interview slot withdrawn."))
    return redirect("placement:interview_slots", vacancy_id=slot.vacancy_id)


def interview_outcome_action(request: HttpRequest, booking_id: int) -> HttpResponse:
    """The employer records how an interview went (a hire: from which day)."""
    user = request_user(request)
    booking = selectors.booking_visible(booking_id=booking_id, user=user)
    form = OutcomeForm(request.POST)
    if not form.is_valid():
        errors = [str(error) for field_errors in form.errors.values() for error in field_errors]
        messages.error(request, " ".join(errors))
    else:
        try:
            interview_outcome_record(
                booking=booking,
                user=user,
                outcome=InterviewOutcome(form.cleaned_data["outcome"]),
                starts_on=form.cleaned_data["starts_on"],
                note=form.cleaned_data["note"],
            )
        except ApplicationError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Outcome recorded."))
    return redirect("placement:interview_slots", vacancy_id=booking.slot.vacancy_id)


def interview_book_page(request: HttpRequest, application_id: int) -> HttpResponse:
    """The graduate's interview for one application: the booked time, or the free times."""
    user = request_user(request)
    application = selectors.application_of_graduate(application_id=application_id, user=user)
    if request.method == "POST":
        form = BookForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose an interview time."))
        else:
            try:
                interview_book(
                    application=application, slot_id=form.cleaned_data["slot"], user=user
                )
            except ApplicationError as error:
                messages.error(request, str(error))
            else:
                messages.success(
                    request, _("Interview booked. A message with the details is on its way.")
                )
        return redirect("placement:interview_book", application_id=application.pk)
    booking = selectors.application_booking(application=application)
    shortlisted = application.status == ApplicationStatus.SHORTLISTED
    return render(
        request,
        "placement/interviews/book.html",
        {
            "application": application,
            "booking": booking,
            "shortlisted": shortlisted,
            "slots": selectors.slots_free(vacancy=application.vacancy, now=timezone.now())
            if shortlisted and booking is None
            else [],
        },
    )


def interview_cancel_action(request: HttpRequest, booking_id: int) -> HttpResponse:
    """The graduate cancels their interview before it starts."""
    user = request_user(request)
    booking = selectors.booking_visible(booking_id=booking_id, user=user)
    try:
        interview_cancel(booking=booking, user=user)
    except ApplicationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Interview cancelled. You may book another time."))
    return redirect("placement:interview_book", application_id=booking.application_id)


def interview_invitation(request: HttpRequest, booking_id: int) -> HttpResponse:
    """The booking's calendar invitation, for the graduate and the company alike."""
    booking = selectors.booking_visible(booking_id=booking_id, user=request_user(request))
    return calendar_response(booking_id=booking.pk, content=interview_calendar(booking))


def calendar_response(*, booking_id: int, content: bytes) -> HttpResponse:
    """An .ics file to save, never cached by anyone else (it names the applicant)."""
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="wawancara-{booking_id}.ics"'
    response["Cache-Control"] = "private, no-store"
    return response
