"""Routes of interviews, with their access declared beside them."""

from __future__ import annotations

from django.urls import path
from django.views.decorators.http import require_http_methods, require_POST

from balai.accounts.models import Role
from balai.core.access import register_route_access, roles
from balai.placement.views import interviews as views

GET_OR_POST = require_http_methods(["GET", "POST"])
urlpatterns = [
    path(
        "employers/vacancies/<int:vacancy_id>/interviews/",
        GET_OR_POST(views.interview_slots_page),
        name="interview_slots",
    ),
    path(
        "employers/interviews/slots/<int:slot_id>/withdraw/",
        require_POST(views.interview_slot_delete_action),
        name="interview_slot_delete",
    ),
    path(
        "employers/interviews/<int:booking_id>/outcome/",
        require_POST(views.interview_outcome_action),
        name="interview_outcome",
    ),
    path(
        "jobs/applications/<int:application_id>/interview/",
        GET_OR_POST(views.interview_book_page),
        name="interview_book",
    ),
    path(
        "jobs/interviews/<int:booking_id>/cancel/",
        require_POST(views.interview_cancel_action),
        name="interview_cancel",
    ),
    path(
        "interviews/<int:booking_id>/invitation.ics",
        views.interview_invitation,
        name="interview_invitation",
    ),
]

register_route_access(
    "placement",
    {
        "interview_slots": roles(Role.EMPLOYER),
        "interview_slot_delete": roles(Role.EMPLOYER),
        "interview_outcome": roles(Role.EMPLOYER),
        "interview_book": roles(Role.PARTICIPANT),
        "interview_cancel": roles(Role.PARTICIPANT),
        # Both sides of the interview keep it in their calendars; admins may check one.
        "interview_invitation": roles(Role.PARTICIPANT, Role.EMPLOYER, Role.ADMIN),
    },
)
