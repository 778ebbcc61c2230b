"""What each role's home page shows: read-only figures, each through area scoping."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Count

from balai.accounts.models import Role, User
from balai.catalogue.selectors import instructor_count, instructor_for_user, programme_list
from balai.core.selectors import job_list
from balai.regions.selectors import kecamatan_list, kelurahan_list
from balai.registry.selectors import person_list, person_of_user


def public_overview() -> dict[str, Any]:
    """Return what anybody may see: the area served and the programmes offered."""
    regency = settings.BALAI_REGENCY_CODE
    return {
        "kecamatan_count": kecamatan_list(regency_code=regency).count(),
        "kelurahan_count": kelurahan_list(regency_code=regency).count(),
        "programmes": programme_list(),
    }


def overview_for(user: User) -> tuple[str, dict[str, Any]]:
    """Return the template and figures of `user`'s home page."""
    builders = {
        Role.ADMIN: _admin_overview,
        Role.KECAMATAN_OPERATOR: _operator_overview,
        Role.KELURAHAN_OPERATOR: _operator_overview,
        Role.INSTRUCTOR: _instructor_overview,
        Role.PARTICIPANT: _participant_overview,
        Role.EMPLOYER: _employer_overview,
        Role.VIEWER: _viewer_overview,
    }
    context = builders[Role(user.role)](user)
    return f"reporting/home_{user.role}.html", context


def _admin_overview(user: User) -> dict[str, Any]:
    return {
        **public_overview(),
        "person_count": person_list(user=user).count(),
        "instructor_count": instructor_count(),
        "jobs": job_list(limit=5),
    }


def _operator_overview(user: User) -> dict[str, Any]:
    people = person_list(user=user)
    return {
        "area_label": user.area_label,
        "person_count": people.count(),
        "people_per_kelurahan": _people_per_kelurahan(people),
    }


def _instructor_overview(user: User) -> dict[str, Any]:
    return {"instructor": instructor_for_user(user=user)}


def _participant_overview(user: User) -> dict[str, Any]:
    return {"person": person_of_user(user=user)}


def _employer_overview(user: User) -> dict[str, Any]:
    return {}


def _viewer_overview(user: User) -> dict[str, Any]:
    people = person_list(user=user, for_aggregates=True)
    return {
        **public_overview(),
        "person_count": people.count(),
        "people_per_kecamatan": list(
            people.values("domicile_kelurahan__kecamatan__name")
            .annotate(count=Count("id"))
            .order_by("domicile_kelurahan__kecamatan__code")
        ),
    }


def _people_per_kelurahan(people: Any) -> list[dict[str, Any]]:
    return list(
        people.values("domicile_kelurahan__code", "domicile_kelurahan__name")
        .annotate(count=Count("id"))
        .order_by("domicile_kelurahan__code")
    )
