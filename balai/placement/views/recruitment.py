"""Pages of local recruitment: the recruitments of the operator's area, opening one, and
choosing graduates of the area for it (each chosen becomes a placement)."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from balai.core.access import request_user
from balai.core.errors import ApplicationError
from balai.core.forms import refusal_show
from balai.core.scoping import kelurahan_in_area
from balai.placement.placement_forms import CandidateFilterForm, RecruitmentForm
from balai.placement.recruitment import recruitment_create, recruitment_select
from balai.placement.recruitment_selectors import (
    recruitment_candidates,
    recruitment_chosen,
    recruitment_get,
    recruitment_list,
)

PAGE_SIZE = 50


def recruitments_page(request: HttpRequest) -> HttpResponse:
    """The recruitments of the operator's area, newest start first."""
    page = Paginator(recruitment_list(user=request_user(request)), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "placement/recruitment/list.html", {"page": page})


def recruitment_new_page(request: HttpRequest) -> HttpResponse:
    """Open a recruitment in a kelurahan of the operator's area."""
    user = request_user(request)
    form = RecruitmentForm(
        request.POST if request.method == "POST" else None, kelurahan=kelurahan_in_area(user)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            recruitment = recruitment_create(
                by=user,
                title=data["title"],
                kind=data["kind"],
                employer_name=data["employer_name"],
                kelurahan=data["kelurahan"],
                openings=data["openings"],
                starts_on=data["starts_on"],
                description=data["description"],
            )
        except ApplicationError as error:
            refusal_show(form, error)
        else:
            messages.success(request, _("Recruitment opened: choose the graduates."))
            return redirect("placement:recruitment", recruitment_id=recruitment.pk)
    return render(request, "placement/recruitment/new.html", {"form": form})


def recruitment_page(request: HttpRequest, recruitment_id: int) -> HttpResponse:
    """A recruitment: who was chosen, and the graduates of the area proposed for it, to
    choose up to the openings left (POST)."""
    user = request_user(request)
    recruitment = recruitment_get(user=user, recruitment_id=recruitment_id)
    if request.method == "POST":
        chosen = [
            int(value)
            for value in request.POST.getlist("enrolment")
            if value.isdigit() and len(value) < 12
        ]
        try:
            placements = recruitment_select(recruitment=recruitment, enrolment_ids=chosen, by=user)
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)s graduate chosen and recorded as placed.",
                    "%(count)s graduates chosen and recorded as placed.",
                    len(placements),
                )
                % {"count": len(placements)},
            )
        return redirect("placement:recruitment", recruitment_id=recruitment.pk)
    filters = CandidateFilterForm(request.GET)
    programme = filters.cleaned_data.get("programme") if filters.is_valid() else None
    candidates = recruitment_candidates(recruitment=recruitment, user=user, programme=programme)
    page = Paginator(candidates, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "placement/recruitment/detail.html",
        {
            "recruitment": recruitment,
            "chosen": recruitment_chosen(recruitment=recruitment, user=user),
            "left": max(recruitment.openings - getattr(recruitment, "chosen", 0), 0),
            "filters": filters,
            "page": page,
        },
    )
