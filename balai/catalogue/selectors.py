from __future__ import annotations

from django.db.models import Count, QuerySet

from balai.accounts.models import User
from balai.catalogue.models import Instructor, Programme


def programme_list() -> QuerySet[Programme]:
    """Return every programme with the number of instructors qualified for it."""
    return Programme.objects.annotate(instructor_count=Count("instructors")).order_by("name")


def instructor_count() -> int:
    return Instructor.objects.count()


def instructor_for_user(*, user: User) -> Instructor | None:
    """Return the instructor record of an instructor's own account, with its programmes."""
    return Instructor.objects.prefetch_related("programmes").filter(user=user).first()


def programme_names() -> dict[str, str]:
    """Return {programme code: name} for every programme."""
    return dict(Programme.objects.values_list("code", "name"))


def programme_names_by_id() -> dict[int, str]:
    """Return {programme id: name} for every programme."""
    return dict(Programme.objects.values_list("pk", "name"))
