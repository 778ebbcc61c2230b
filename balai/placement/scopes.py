"""Where placement's records of people lie, and who owns them (see balai.core.scoping)."""

from __future__ import annotations

from balai.core.scoping import AreaScope, register_area_scope
from balai.placement.models import (
    InterviewBooking,
    JobApplication,
    JobPreference,
    Placement,
    ProfileShare,
    SurveyInvitation,
    SurveyResponse,
)


def register_placement_scopes() -> None:
    """A graduate's records lie in the kelurahan they live in, like their enrolment; the
    graduate owns them, and a company owns what concerns it (applications to its vacancies,
    their interviews, its hires, the profiles shared with it)."""
    register_area_scope(
        JobApplication,
        AreaScope(
            kelurahan_path="person__domicile_kelurahan",
            owners={"user": "person__user", "company": "vacancy__company"},
        ),
    )
    register_area_scope(
        InterviewBooking,
        AreaScope(
            kelurahan_path="application__person__domicile_kelurahan",
            owners={
                "user": "application__person__user",
                "company": "application__vacancy__company",
            },
        ),
    )
    register_area_scope(
        ProfileShare,
        AreaScope(
            kelurahan_path="person__domicile_kelurahan",
            owners={"user": "person__user", "company": "company"},
        ),
    )
    register_area_scope(
        JobPreference,
        AreaScope(kelurahan_path="person__domicile_kelurahan", owners={"user": "person__user"}),
    )
    register_area_scope(
        Placement,
        AreaScope(
            kelurahan_path="person__domicile_kelurahan",
            owners={"user": "person__user", "company": "company"},
        ),
    )
    register_area_scope(
        SurveyInvitation,
        AreaScope(
            kelurahan_path="enrolment__person__domicile_kelurahan",
            owners={"user": "enrolment__person__user"},
        ),
    )
    register_area_scope(
        SurveyResponse,
        AreaScope(
            kelurahan_path="invitation__enrolment__person__domicile_kelurahan",
            owners={"user": "invitation__enrolment__person__user"},
        ),
    )
