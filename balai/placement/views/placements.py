"""Pages of placements: staff's list of their area's placements and the page that records
one for a graduate of the area, ending a placement, its evidence, and the graduate's own
placements (which they may report themself)."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from balai.core.access import request_user, route_allowed
from balai.core.errors import ApplicationError, NotFoundError
from balai.core.forms import refusal_show
from balai.core.scoping import kelurahan_in_area, scoped_get
from balai.placement.evidence import evidence_checked
from balai.placement.placement_forms import (
    GraduateChoiceForm,
    GraduateSearchForm,
    PlacementEndForm,
    PlacementFilterForm,
    PlacementForm,
)
from balai.placement.placement_selectors import (
    graduate_search,
    placement_list,
    placement_list_filtered,
    placements_of_user,
)
from balai.placement.placements import placement_end, placement_report
from balai.placement.uploads import file_kind_of_name
from balai.training.selectors import graduate_list

PAGE_SIZE = 50


def placements_page(request: HttpRequest) -> HttpResponse:
    """Staff's list of the placements of their area, filtered, a page at a time."""
    user = request_user(request)
    form = PlacementFilterForm(request.GET, kelurahan=kelurahan_in_area(user))
    placements = placement_list_filtered(user=user, **form.filters())
    if form.errors:  # a filter not understood (a kelurahan outside the area): nothing matches
        placements = placements.none()
    page = Paginator(placements, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "placement/placements/list.html",
        {"form": form, "page": page, "end_form": PlacementEndForm()},
    )


def placement_new_page(request: HttpRequest) -> HttpResponse:
    """Record a placement for a graduate of the area: find them by name or phone (sent by
    POST, never in the address), choose their training, then the placement itself."""
    user = request_user(request)
    enrolment_id = _enrolment_id(request)
    if enrolment_id is None:
        return _graduate_search(request)
    enrolment = graduate_list(user=user).filter(pk=enrolment_id).first()
    if enrolment is None:
        raise NotFoundError(_("No graduate found, or outside your area."))
    recording = request.method == "POST" and request.POST.get("step") == "record"
    form = PlacementForm(request.POST if recording else None, request.FILES or None)
    if recording and form.is_valid():
        try:
            _report(request, form, enrolment_id=enrolment.pk)
        except ApplicationError as error:
            refusal_show(form, error)
        else:
            messages.success(
                request,
                _("Placement of %(name)s recorded.") % {"name": enrolment.person.full_name},
            )
            return redirect("placement:placements")
    return render(request, "placement/placements/new.html", {"enrolment": enrolment, "form": form})


def _enrolment_id(request: HttpRequest) -> int | None:
    raw = request.POST.get("enrolment") or request.GET.get("enrolment") or ""
    return int(raw) if raw.isdigit() and len(raw) < 12 else None


def _graduate_search(request: HttpRequest) -> HttpResponse:
    found = None
    form = GraduateSearchForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            found = graduate_search(user=request_user(request), text=form.cleaned_data["text"])
        except ApplicationError as error:
            form.add_error("text", error.message)
    return render(request, "placement/placements/find.html", {"form": form, "found": found})


def _report(request: HttpRequest, form: PlacementForm, *, enrolment_id: int) -> None:
    data = form.cleaned_data
    upload = data.get("evidence")
    placement_report(
        enrolment_id=enrolment_id,
        kind=data["kind"],
        employer_name=data["employer_name"],
        starts_on=data["starts_on"],
        income_band=data["income_band"],
        note=data["note"],
        evidence=evidence_checked(upload) if upload else None,
        by=request_user(request),
    )


def placement_end_action(request: HttpRequest, placement_id: int) -> HttpResponse:
    """End a placement the user may see, on the date given; back to where they came from."""
    user = request_user(request)
    placement = scoped_get(placement_list(user=user), user, pk=placement_id)
    form = PlacementEndForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the date the placement ended."))
    else:
        try:
            placement_end(placement=placement, ends_on=form.cleaned_data["ends_on"], by=user)
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The placement is recorded as ended."))
    if route_allowed(request, "placement:placements"):
        return redirect("placement:placements")
    return redirect("placement:my_placements")


def placement_evidence_download(request: HttpRequest, placement_id: int) -> FileResponse:
    """A placement's evidence, to those who may see the placement (never a public address)."""
    user = request_user(request)
    placement = scoped_get(placement_list(user=user), user, pk=placement_id)
    if not placement.evidence:
        raise NotFoundError(_("This placement has no evidence."))
    name = placement.evidence.name or ""
    kind = file_kind_of_name(name)
    try:
        evidence = placement.evidence.open("rb")
    except FileNotFoundError:
        # A file lost from storage (a restore without the media, a disk replaced) is the
        # same to the reader as no evidence: a clear answer, not a server error.
        raise NotFoundError(_("This placement has no evidence.")) from None
    response = FileResponse(
        evidence,
        content_type=kind.content_type if kind else "application/octet-stream",
        as_attachment=True,
        filename=f"bukti-penempatan-{placement.pk}.{name.rsplit('.', 1)[-1]}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def my_placements_page(request: HttpRequest) -> HttpResponse:
    """The graduate's own placements, and a form to report one."""
    user = request_user(request)
    trainings = [
        (enrolment.pk, f"{enrolment.training_class.programme.name} ({enrolment.left_on:%Y})")
        for enrolment in graduate_list(user=user).filter(person__user=user)
    ]
    form = GraduateChoiceForm(
        request.POST if request.method == "POST" else None,
        request.FILES or None,
        trainings=trainings,
    )
    if request.method == "POST" and form.is_valid():
        try:
            _report(request, form, enrolment_id=form.cleaned_data["enrolment"])
        except ApplicationError as error:
            refusal_show(form, error)
        else:
            messages.success(request, _("Thank you: your placement is recorded."))
            return redirect("placement:my_placements")
    return render(
        request,
        "placement/placements/mine.html",
        {
            "placements": placements_of_user(user=user),
            "form": form if trainings else None,
            "end_form": PlacementEndForm(),
        },
    )
