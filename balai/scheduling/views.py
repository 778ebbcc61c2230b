"""Scheduling pages: solving (admins), week calendars of a class, an instructor, a venue
and a kelurahan (printable), the instructors' loads, one's own week, and calendar feeds."""

from __future__ import annotations

import datetime
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from balai.accounts.models import Role
from balai.catalogue.availability import SLOT_NAMES, SLOTS, WEEKDAY_NAMES, WEEKDAYS
from balai.catalogue.models import Instructor, Programme, Venue
from balai.catalogue.services import instructor_availability_set, venue_settings_set
from balai.core.access import request_user, route_allowed
from balai.core.errors import ApplicationError
from balai.core.scoping import kelurahan_in_area
from balai.core.selectors import jobs_to_follow
from balai.intake.models import Batch
from balai.regions.models import Kelurahan
from balai.scheduling.changes import (
    class_instructor_change,
    instructor_absence_record,
    session_move,
)
from balai.scheduling.ics import sessions_calendar
from balai.scheduling.jobs import SOLVE_JOB, schedule_solve_start
from balai.scheduling.models import ClassSession, TrainingClass
from balai.scheduling.problem import Weights
from balai.scheduling.selectors import (
    calendar_feed_owner,
    instructor_loads,
    latest_schedule_run,
    monday_of,
    opening_week,
    sessions_of_user,
    week_calendar,
)
from balai.scheduling.services import calendar_feed_for, calendar_feed_renew

PAGE_SIZE = 50


class SolveForm(forms.Form):
    time_limit = forms.IntegerField(
        label=gettext_lazy("Time limit (seconds)"), min_value=5, max_value=1800, initial=60
    )
    travel_per_km_session = forms.IntegerField(
        label=gettext_lazy("Weight of instructors' travel (per km and session)"),
        min_value=0,
        max_value=1000,
        initial=Weights.travel_per_km_session,
        required=False,
    )
    load_balance = forms.IntegerField(
        label=gettext_lazy("Weight of the busiest instructor's load (per session)"),
        min_value=0,
        max_value=1000,
        initial=Weights.load_balance,
        required=False,
    )


HALF_DAYS = [
    (str(weekday * SLOTS + slot), f"{WEEKDAY_NAMES[weekday]} {SLOT_NAMES[slot]}")
    for weekday in range(WEEKDAYS)
    for slot in range(SLOTS)
]


class HalfDaysForm(forms.Form):
    """The half-days of a week as checkboxes, read as the bit mask the models keep."""

    half_days = forms.MultipleChoiceField(
        choices=HALF_DAYS, widget=forms.CheckboxSelectMultiple, required=False
    )

    @staticmethod
    def codes(mask: int) -> list[str]:
        return [code for code, _label in HALF_DAYS if mask & (1 << int(code))]

    def mask(self) -> int:
        return sum(1 << int(code) for code in self.cleaned_data["half_days"])


class AvailabilityForm(HalfDaysForm):
    max_sessions_per_week = forms.IntegerField(
        label=gettext_lazy("Most sessions a week"), min_value=1, max_value=12
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["half_days"].label = gettext_lazy("Half-days they teach")

    @classmethod
    def for_instructor(cls, instructor: Instructor) -> AvailabilityForm:
        return cls(
            initial={
                "half_days": cls.codes(instructor.weekly_availability),
                "max_sessions_per_week": instructor.max_sessions_per_week,
            }
        )


class VenueForm(HalfDaysForm):
    capacity = forms.IntegerField(label=gettext_lazy("Seats"), min_value=1, max_value=500)
    programmes = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Programmes its equipment allows (none ticked: any)"),
        queryset=Programme.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["half_days"].label = gettext_lazy("Half-days it can be used")

    @classmethod
    def for_venue(cls, venue: Venue) -> VenueForm:
        return cls(
            initial={
                "half_days": cls.codes(venue.weekly_availability),
                "capacity": venue.capacity,
                "programmes": list(venue.programmes.all()),
            }
        )


class SessionChoiceField(forms.ModelChoiceField[ClassSession]):
    def label_from_instance(self, obj: ClassSession) -> str:
        return _("Session %(number)s, %(date)s %(half_day)s") % {
            "number": obj.number,
            "date": date_format(obj.date, "D d-m-Y"),
            "half_day": SLOT_NAMES[obj.slot],
        }


class SessionMoveForm(forms.Form):
    session = SessionChoiceField(label=gettext_lazy("Session"), queryset=ClassSession.objects)
    date = forms.DateField(
        label=gettext_lazy("New date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    slot = forms.TypedChoiceField(
        label=gettext_lazy("Half-day"),
        choices=[(slot, name) for slot, name in enumerate(SLOT_NAMES)],
        coerce=int,
    )

    def __init__(self, training_class: TrainingClass, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(SessionChoiceField, self.fields["session"])
        field.queryset = training_class.sessions.order_by("number")


class InstructorChangeForm(forms.Form):
    instructor = forms.ModelChoiceField(
        label=gettext_lazy("Instructor"), queryset=Instructor.objects
    )
    starts_on = forms.DateField(
        label=gettext_lazy("From"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, training_class: TrainingClass, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField[Instructor], self.fields["instructor"])
        field.queryset = Instructor.objects.filter(programmes=training_class.programme).order_by(
            "full_name"
        )


class AbsenceForm(forms.Form):
    starts_on = forms.DateField(
        label=gettext_lazy("Away from"), widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(
        label=gettext_lazy("Until"), widget=forms.DateInput(attrs={"type": "date"})
    )
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=150, required=False)


def schedule_batch_list_page(request: HttpRequest) -> HttpResponse:
    return render(request, "scheduling/batch_list.html", {"batches": Batch.objects.all()})


def schedule_batch_page(request: HttpRequest, batch_code: str) -> HttpResponse:
    batch = get_object_or_404(Batch, code=batch_code)
    classes = TrainingClass.objects.filter(batch=batch).select_related(
        "programme", "offering__kelurahan", "instructor", "venue"
    )
    jobs = jobs_to_follow(kinds=[SOLVE_JOB], batch_id=batch.pk)
    return render(
        request,
        "scheduling/batch.html",
        {
            "batch": batch,
            "run": latest_schedule_run(batch=batch),
            "jobs": jobs,
            "form": SolveForm(),
            "can_solve": route_allowed(request, "scheduling:solve"),
            "can_issue_certificates": route_allowed(request, "training:certificates"),
            "page": Paginator(classes, PAGE_SIZE).get_page(request.GET.get("page")),
        },
    )


@require_POST
def schedule_solve_action(request: HttpRequest, batch_code: str) -> HttpResponse:
    batch = get_object_or_404(Batch, code=batch_code)
    form = SolveForm(request.POST)
    if form.is_valid():
        schedule_solve_start(
            batch=batch,
            time_limit=form.cleaned_data["time_limit"],
            created_by=request_user(request),
            weights=Weights(
                **{
                    name: form.cleaned_data[name]
                    for name in ("travel_per_km_session", "load_balance")
                    if form.cleaned_data[name] is not None
                }
            ),
        )
        messages.success(request, _("The timetable is being solved; the page follows it."))
    else:
        messages.error(
            request, _("Give a time limit from 5 to 1,800 seconds and weights from 0 to 1,000.")
        )
    return redirect("scheduling:batch", batch_code=batch.code)


def _week_page(
    request: HttpRequest,
    sessions: QuerySet[ClassSession],
    title: str,
    printable: bool = False,
    feed_url: str = "",
    **extra: object,
) -> HttpResponse:
    try:
        monday = monday_of(datetime.date.fromisoformat(request.GET["week"]))
    except (KeyError, ValueError):
        monday = opening_week(sessions)
    return render(
        request,
        "scheduling/week.html",
        {
            "title": title,
            "week": week_calendar(sessions, monday),
            "printable": printable,
            "feed_url": feed_url,
            **extra,
        },
    )


def class_week_page(request: HttpRequest, class_id: int) -> HttpResponse:
    training_class = get_object_or_404(TrainingClass, pk=class_id)
    is_admin = request_user(request).role == Role.ADMIN
    first = training_class.sessions.order_by("date").first()
    return _week_page(
        request,
        ClassSession.objects.filter(training_class=training_class),
        str(training_class),
        training_class=training_class,
        move_form=SessionMoveForm(training_class) if is_admin else None,
        instructor_form=(
            InstructorChangeForm(
                training_class,
                initial={
                    "instructor": training_class.instructor_id,
                    "starts_on": first.date if first else None,
                },
            )
            if is_admin
            else None
        ),
    )


@require_POST
def session_move_action(request: HttpRequest, class_id: int) -> HttpResponse:
    """Move one session of the class; refused with every rule the move would break."""
    training_class = get_object_or_404(TrainingClass, pk=class_id)
    form = SessionMoveForm(training_class, request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the session, its new date and half-day."))
        return redirect("scheduling:class_week", class_id=training_class.pk)
    try:
        session = session_move(
            session=form.cleaned_data["session"],
            date=form.cleaned_data["date"],
            slot=form.cleaned_data["slot"],
        )
    except ApplicationError as error:
        messages.error(request, str(error))
        return redirect("scheduling:class_week", class_id=training_class.pk)
    messages.success(request, _("The session is moved; no rule is broken."))
    return redirect(
        f"{reverse('scheduling:class_week', args=[training_class.pk])}?week={session.date}"
    )


@require_POST
def class_instructor_action(request: HttpRequest, class_id: int) -> HttpResponse:
    """Hand the class to another qualified instructor from a date on."""
    training_class = get_object_or_404(TrainingClass, pk=class_id)
    form = InstructorChangeForm(training_class, request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a qualified instructor and the first day they teach."))
        return redirect("scheduling:class_week", class_id=training_class.pk)
    try:
        changed = class_instructor_change(training_class=training_class, **form.cleaned_data)
    except ApplicationError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("%(name)s now teaches the class: %(changed)s sessions changed.")
            % {"name": form.cleaned_data["instructor"], "changed": changed},
        )
    return redirect("scheduling:class_week", class_id=training_class.pk)


def instructor_week_page(request: HttpRequest, instructor_id: int) -> HttpResponse:
    instructor = get_object_or_404(Instructor, pk=instructor_id)
    return _week_page(
        request,
        ClassSession.objects.filter(instructor=instructor),
        str(instructor),
        absence_form=AbsenceForm() if request_user(request).role == Role.ADMIN else None,
        availability_form=(
            AvailabilityForm.for_instructor(instructor)
            if request_user(request).role == Role.ADMIN
            else None
        ),
        instructor=instructor,
    )


@require_POST
def instructor_availability_action(request: HttpRequest, instructor_id: int) -> HttpResponse:
    """Set an instructor's weekly half-days and limit; the next solve uses them."""
    instructor = get_object_or_404(Instructor, pk=instructor_id)
    form = AvailabilityForm(request.POST)
    if form.is_valid():
        instructor_availability_set(
            instructor=instructor,
            weekly_availability=form.mask(),
            max_sessions_per_week=form.cleaned_data["max_sessions_per_week"],
        )
        messages.success(
            request, _("Saved. The next solve uses it; the check shows sessions it now breaks.")
        )
    else:
        messages.error(request, _("Give the most sessions a week, from 1 to 12."))
    return redirect("scheduling:instructor_week", instructor_id=instructor.pk)


@require_POST
def instructor_absence_action(request: HttpRequest, instructor_id: int) -> HttpResponse:
    """Record an absence and re-plan: only the sessions it touches get a substitute."""
    instructor = get_object_or_404(Instructor, pk=instructor_id)
    form = AbsenceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the first and last day away."))
        return redirect("scheduling:instructor_week", instructor_id=instructor.pk)
    try:
        replan = instructor_absence_record(instructor=instructor, **form.cleaned_data)
    except ApplicationError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Absence recorded: %(changed)s sessions got a substitute.")
            % {"changed": len(replan.changed)},
        )
        for problem in replan.unresolved:
            messages.error(request, problem)
    return redirect("scheduling:instructor_week", instructor_id=instructor.pk)


def venue_week_page(request: HttpRequest, venue_id: int) -> HttpResponse:
    venue = get_object_or_404(Venue, pk=venue_id)
    return _week_page(
        request,
        ClassSession.objects.filter(venue=venue),
        str(venue),
        venue=venue,
        venue_form=(
            VenueForm.for_venue(venue) if request_user(request).role == Role.ADMIN else None
        ),
    )


@require_POST
def venue_settings_action(request: HttpRequest, venue_id: int) -> HttpResponse:
    """Set a hall's seats, equipment and half-days; the next solve uses them."""
    venue = get_object_or_404(Venue, pk=venue_id)
    form = VenueForm(request.POST)
    if form.is_valid():
        venue_settings_set(
            venue=venue,
            capacity=form.cleaned_data["capacity"],
            programmes=form.cleaned_data["programmes"],
            weekly_availability=form.mask(),
        )
        messages.success(
            request, _("Saved. The next solve uses it; the check shows sessions it now breaks.")
        )
    else:
        messages.error(request, _("Give the number of seats, from 1 to 500."))
    return redirect("scheduling:venue_week", venue_id=venue.pk)


def kelurahan_week_page(request: HttpRequest, kelurahan_code: str) -> HttpResponse:
    """The week of every class in a kelurahan, laid out to print and pin up."""
    place = get_object_or_404(Kelurahan, code=kelurahan_code)
    return _week_page(
        request,
        ClassSession.objects.filter(venue__kelurahan=place),
        _("Kelurahan %(name)s") % {"name": place.name},
        printable=True,
    )


def area_week_page(request: HttpRequest) -> HttpResponse:
    """An operator's area (their kelurahan, or every kelurahan of their kecamatan) for the
    week, reached from the menu: what is taught where this week."""
    user = request_user(request)
    return _week_page(
        request,
        ClassSession.objects.filter(venue__kelurahan__in=kelurahan_in_area(user)),
        _("Classes in %(area)s") % {"area": user.area_label},
        printable=True,
    )


def instructor_load_page(request: HttpRequest, batch_code: str) -> HttpResponse:
    batch = get_object_or_404(Batch, code=batch_code)
    return render(
        request,
        "scheduling/loads.html",
        {"batch": batch, "instructors": instructor_loads(batch=batch)},
    )


def my_schedule_page(request: HttpRequest) -> HttpResponse:
    """An instructor's or participant's own week, with their private calendar address."""
    user = request_user(request)
    feed = calendar_feed_for(user=user)
    return _week_page(
        request,
        sessions_of_user(user),
        _("My schedule"),
        feed_url=request.build_absolute_uri(reverse("scheduling:feed", args=[feed.token])),
    )


@require_POST
def calendar_feed_renew_action(request: HttpRequest) -> HttpResponse:
    calendar_feed_renew(user=request_user(request))
    messages.success(request, _("A new calendar address is made; the old one no longer works."))
    return redirect("scheduling:mine")


def calendar_feed_download(request: HttpRequest, token: str) -> HttpResponse:
    """The .ics of whoever holds the token; a revoked or unknown token is not found."""
    user = calendar_feed_owner(token=token)
    if user is None:
        raise Http404
    content = sessions_calendar(sessions=sessions_of_user(user), name="Jadwal Balai")
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="jadwal-balai.ics"'
    return response
