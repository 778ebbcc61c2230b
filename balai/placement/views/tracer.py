"""Pages of placement's tracer: the graduate's survey (a personal link, no sign-in), the
response rates and who has not answered (staff), and the waves (admin)."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.core.access import request_user, route_allowed
from balai.core.errors import ApplicationError
from balai.core.forms import refusal_show
from balai.placement.models import SurveyWave
from balai.placement.tracer import tracer_surveys_send_start
from balai.placement.tracer_answers import (
    SurveyAnsweredError,
    SurveyExpiredError,
    SurveyNotFoundError,
    has_previous_response,
    survey_answer,
    survey_invitation_open,
)
from balai.placement.tracer_forms import SurveyForm, WaveAddForm, WaveChangeForm
from balai.placement.tracer_selectors import (
    RATE_GROUPS,
    invitations_unanswered,
    response_rates,
    survey_waves,
)
from balai.placement.tracer_throttle import survey_guess_record, survey_guesses_check
from balai.placement.tracer_waves import survey_wave_create, survey_wave_update

PAGE_SIZE = 50
CLOSED = (SurveyNotFoundError, SurveyAnsweredError, SurveyExpiredError)


def survey_page(request: HttpRequest, token: str) -> HttpResponse:
    """The graduate's survey: answered once, through their link, without signing in."""
    survey_guesses_check(request)
    try:
        invitation = survey_invitation_open(token=token)
    except CLOSED as error:
        return _survey_closed(request, error)
    form = SurveyForm(request.POST or None, asks_same_employer=has_previous_response(invitation))
    if request.method == "POST" and form.is_valid():
        try:
            survey_answer(token=token, answers=form.answers())
        except CLOSED as error:
            return _survey_closed(request, error)
        except ApplicationError as error:
            refusal_show(form, error)
        else:
            return redirect("placement:survey", token=token)
    response = render(
        request,
        "placement/tracer/survey.html",
        {"form": form, "programme": invitation.enrolment.training_class.programme.name},
    )
    return _private(response)


def _survey_closed(request: HttpRequest, error: ApplicationError) -> HttpResponse:
    """The page of a link that takes no answer: unknown (counted as a guess), answered or
    expired. Unknown is one page whatever the reason, so a guess learns nothing."""
    if isinstance(error, SurveyNotFoundError):
        survey_guess_record(request)
    answered = isinstance(error, SurveyAnsweredError)
    response = render(
        request,
        "placement/tracer/survey_closed.html",
        {"message": error.message, "answered": answered},
        status=200 if answered else error.status,
    )
    return _private(response)


def _private(response: HttpResponse) -> HttpResponse:
    # The address holds the token: no referrer carries it on (only the site's origin, never
    # the path), no search engine keeps it. Not "no-referrer": with it browsers send the
    # answers' POST with "Origin: null", which the CSRF check refuses.
    response["Referrer-Policy"] = "strict-origin"
    response["X-Robots-Tag"] = "noindex"
    return response


def tracer_page(request: HttpRequest) -> HttpResponse:
    """Response rates per wave, batch and programme, and who has not answered yet."""
    user = request_user(request)
    unanswered = Paginator(invitations_unanswered(user=user), PAGE_SIZE)
    return render(
        request,
        "placement/tracer/tracer.html",
        {
            "rates": [(by, response_rates(user=user, by=by)) for by in RATE_GROUPS],
            "page": unanswered.get_page(request.GET.get("page")),
            "can_send": route_allowed(request, "placement:tracer_send"),
            "now": timezone.now(),
        },
    )


def tracer_send_action(request: HttpRequest) -> HttpResponse:
    """Send the invitations and reminders that are due now, without waiting for the night."""
    job = tracer_surveys_send_start(created_by=request_user(request))
    messages.success(request, _("Sending the surveys that are due; the page follows it."))
    return redirect("core:job_detail", job_id=job.id)


def tracer_waves_page(request: HttpRequest) -> HttpResponse:
    """The waves: add one; each listed with its own form to stop, start or retime it."""
    form = WaveAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            wave = survey_wave_create(**form.cleaned_data)
        except ApplicationError as error:
            refusal_show(form, error)
        else:
            messages.success(
                request, _("Wave +%(months)s added.") % {"months": wave.months_after_exit}
            )
            return redirect("placement:tracer_waves")
    waves = [
        (wave, WaveChangeForm(initial=_wave_initial(wave), prefix=f"wave-{wave.pk}"))
        for wave in survey_waves()
    ]
    return render(request, "placement/tracer/waves.html", {"form": form, "waves": waves})


def _wave_initial(wave: SurveyWave) -> dict[str, object]:
    return {
        "is_active": wave.is_active,
        "link_valid_days": wave.link_valid_days,
        "reminder_after_days": wave.reminder_after_days,
    }


def tracer_wave_change_action(request: HttpRequest, wave_id: int) -> HttpResponse:
    wave = get_object_or_404(SurveyWave, pk=wave_id)
    form = WaveChangeForm(request.POST, prefix=f"wave-{wave.pk}")
    if not form.is_valid():
        messages.error(request, _("Give both numbers of days, from 1."))
        return redirect("placement:tracer_waves")
    try:
        survey_wave_update(wave=wave, **form.cleaned_data)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Wave +%(months)s saved.") % {"months": wave.months_after_exit})
    return redirect("placement:tracer_waves")
