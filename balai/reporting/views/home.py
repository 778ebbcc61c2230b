from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from balai.accounts.models import User
from balai.reporting.selectors import overview_for, public_overview


def home_page(request: HttpRequest) -> HttpResponse:
    """The landing page for visitors; each role's own overview once signed in."""
    if not isinstance(request.user, User):
        return render(request, "reporting/home_public.html", public_overview())
    template, context = overview_for(request.user)
    return render(request, template, context)
