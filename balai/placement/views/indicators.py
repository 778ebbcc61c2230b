"""Pages of placement's indicators: the outcomes of the programme after exit."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from balai.core.access import request_user
from balai.placement.indicator_forms import IndicatorFilterForm
from balai.placement.indicators import Breakdown, default_period, indicator_table


def indicators_page(request: HttpRequest) -> HttpResponse:
    """The indicators of the user's area, broken down as asked (by batch at first)."""
    today = timezone.localdate()
    exited_from, exited_until = default_period(today)
    breakdown = Breakdown.BATCH
    form = IndicatorFilterForm(
        request.GET or None,
        initial={"breakdown": breakdown, "exited_from": exited_from, "exited_until": exited_until},
    )
    if form.is_bound and not form.is_valid():
        return render(request, "placement/indicators/outcomes.html", {"form": form}, status=400)
    if form.is_bound:
        breakdown = form.cleaned_data["breakdown"]
        exited_from = form.cleaned_data["exited_from"]
        exited_until = form.cleaned_data["exited_until"]
    table = indicator_table(
        user=request_user(request),
        breakdown=breakdown,
        exited_from=exited_from,
        exited_until=exited_until,
        today=today,
    )
    return render(request, "placement/indicators/outcomes.html", {"form": form, "table": table})
