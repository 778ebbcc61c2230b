"""Reads of interviews: a vacancy's slots with their bookings (for the company), the free
slots an application may book, and one booking (for its calendar file)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils.translation import gettext as _

from balai.accounts.models import Role, User
from balai.core.errors import NotFoundError
from balai.core.scoping import scope_to_user, scoped_get
from balai.placement.companies import companies_acted_for
from balai.placement.models import InterviewBooking, InterviewSlot, JobApplication, Vacancy


def vacancy_of_company(*, vacancy_id: int, user: User) -> Vacancy:
    """Return a vacancy of the verified company `user` acts for (an admin: any)."""
    vacancies = Vacancy.objects.select_related("company")
    if user.role != Role.ADMIN:
        vacancies = vacancies.filter(company_id__in=companies_acted_for(user))
    vacancy = vacancies.filter(pk=vacancy_id).first()
    if vacancy is None:
        raise NotFoundError(_("Not found, or outside your area."))
    return vacancy


@dataclass(frozen=True)
class SlotRow:
    slot: InterviewSlot
    booking: InterviewBooking | None


def vacancy_slots(*, vacancy: Vacancy, user: User) -> list[SlotRow]:
    """Return the vacancy's slots, each with the booking that holds it (if `user` may see
    it) and its applicant; two queries however many slots."""
    live = scope_to_user(
        InterviewBooking.objects.filter(cancelled_at__isnull=True), user
    ).select_related("application__person")
    slots = InterviewSlot.objects.filter(vacancy=vacancy).prefetch_related(
        Prefetch("bookings", queryset=live, to_attr="live_bookings")
    )
    return [
        SlotRow(slot=slot, booking=next(iter(slot.live_bookings), None))
        for slot in slots.order_by("starts_at", "pk")
    ]


def application_of_graduate(*, application_id: int, user: User) -> JobApplication:
    """Return the signed-in graduate's own application (anyone else's: not found)."""
    return scoped_get(
        JobApplication.objects.select_related("vacancy__company", "person"),
        user,
        pk=application_id,
        person__user=user,
    )


def application_booking(*, application: JobApplication) -> InterviewBooking | None:
    """Return the application's booking that is not cancelled, if any."""
    return (
        InterviewBooking.objects.filter(application=application, cancelled_at__isnull=True)
        .select_related("slot")
        .first()
    )


def slots_free(*, vacancy: Vacancy, now: datetime.datetime) -> QuerySet[InterviewSlot]:
    """Return the vacancy's slots still to come that nobody holds."""
    held = InterviewBooking.objects.filter(slot=OuterRef("pk"), cancelled_at__isnull=True)
    return (
        InterviewSlot.objects.filter(vacancy=vacancy, starts_at__gt=now)
        .exclude(Exists(held))
        .order_by("starts_at", "pk")
    )


def booking_visible(*, booking_id: int, user: User) -> InterviewBooking:
    """Return a booking `user` may see: their own, their company's, or (staff) their area's."""
    return scoped_get(
        InterviewBooking.objects.select_related("slot__vacancy__company", "application__person"),
        user,
        pk=booking_id,
    )


def slot_of_company(*, slot_id: int, user: User) -> InterviewSlot:
    """Return a slot of a vacancy of the verified company `user` acts for."""
    slot = (
        InterviewSlot.objects.filter(pk=slot_id, vacancy__company_id__in=companies_acted_for(user))
        .select_related("vacancy")
        .first()
    )
    if slot is None:
        raise NotFoundError(_("Not found, or outside your area."))
    return slot
