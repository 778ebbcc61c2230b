"""Enterprise's home (/usaha/): where a participant finds their group, grants and loans, and
where staff see what waits for them."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from balai.accounts.models import Role
from balai.core.access import request_user
from balai.enterprise.home import participant_home, staff_home


def enterprise_home_page(request: HttpRequest) -> HttpResponse:
    """A participant's own enterprise, or staff's counts of what waits in their area."""
    user = request_user(request)
    if user.role == Role.PARTICIPANT:
        context = {"mine": participant_home(user=user), "today": timezone.localdate()}
    else:
        context = {"waiting": staff_home(user=user)}
    return render(request, "enterprise/home.html", context)
