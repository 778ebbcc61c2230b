"""Admins' allocation screens: batches, runs with a progress bar, summary, comparison,
publication and the workbook. Thin: each calls the allocation modules' functions."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from balai.core.access import request_user, route_allowed
from balai.core.errors import ApplicationError
from balai.core.selectors import jobs_to_follow
from balai.intake.allocation.export import run_workbook
from balai.intake.allocation.jobs import (
    MAXIMUM_SEED,
    PUBLISH_JOB,
    RUN_JOB,
    allocation_publish_start,
    allocation_run_start,
    seed_draw,
)
from balai.intake.allocation.summary import run_summary, runs_compare
from balai.intake.models import AllocationRun, AllocationRunStatus, Batch, SeatAssignment


class RunForm(forms.Form):
    seed = forms.IntegerField(
        label=gettext_lazy("Lottery seed"),
        min_value=0,
        max_value=MAXIMUM_SEED,
        help_text=gettext_lazy(
            "Drawn at random; published with the run so that anyone can repeat the lottery. "
            "The same seed on the same applications gives the same result."
        ),
    )


def allocation_batch_list_page(request: HttpRequest) -> HttpResponse:
    """Selection batches, newest first, with their runs and whether one is published."""
    batches = Batch.objects.filter(seat_assignment=SeatAssignment.SELECTION).annotate(
        runs=Count("allocation_runs"),
        published=Count(
            "allocation_runs", filter=Q(allocation_runs__status=AllocationRunStatus.PUBLISHED)
        ),
        applications_count=Count("applications", distinct=True),
    )
    return render(
        request, "intake/allocation_batch_list.html", {"batches": batches, "now": timezone.now()}
    )


def allocation_batch_page(request: HttpRequest, batch_code: str) -> HttpResponse:
    """One batch: its runs, the jobs under way, and the form to start a dry run."""
    batch = get_object_or_404(Batch, code=batch_code)
    return render(
        request,
        "intake/allocation_batch.html",
        {
            "batch": batch,
            "runs": batch.allocation_runs.select_related("created_by"),
            "jobs": jobs_to_follow(kinds=[RUN_JOB, PUBLISH_JOB], batch_id=batch.pk),
            "form": RunForm(initial={"seed": seed_draw()}),
            "can_run": route_allowed(request, "intake:allocation_start"),
        },
    )


@require_POST
def allocation_run_action(request: HttpRequest, batch_code: str) -> HttpResponse:
    batch = get_object_or_404(Batch, code=batch_code)
    form = RunForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(error) for error in form.errors.get("seed", [])))
        return redirect("intake:allocation_batch", batch_code=batch.code)
    try:
        allocation_run_start(
            batch=batch, seed=form.cleaned_data["seed"], created_by=request_user(request)
        )
    except ApplicationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The allocation is running; the page follows its progress."))
    return redirect("intake:allocation_batch", batch_code=batch.code)


def allocation_run_page(request: HttpRequest, run_id: int) -> HttpResponse:
    run = get_object_or_404(AllocationRun.objects.select_related("batch", "created_by"), pk=run_id)
    return render(
        request,
        "intake/allocation_run.html",
        {
            "run": run,
            "summary": run_summary(run=run),
            "others": run.batch.allocation_runs.exclude(pk=run.pk),
            "published": run.batch.allocation_runs.filter(
                status=AllocationRunStatus.PUBLISHED
            ).first(),
            "can_publish": route_allowed(request, "intake:allocation_publish"),
            "can_export": route_allowed(request, "intake:allocation_export"),
            "can_compare": route_allowed(request, "intake:allocation_compare"),
        },
    )


@require_POST
def allocation_publish_action(request: HttpRequest, run_id: int) -> HttpResponse:
    run = get_object_or_404(AllocationRun, pk=run_id)
    try:
        allocation_publish_start(run=run, created_by=request_user(request))
    except ApplicationError as error:
        messages.error(request, str(error))
        return redirect("intake:allocation_run", run_id=run.pk)
    messages.success(request, _("Publishing: offers and waitlists are being made."))
    return redirect("intake:allocation_batch", batch_code=run.batch.code)


class CompareForm(forms.Form):
    """The run to compare with, among the runs of the same batch."""

    def __init__(self, data: QueryDict, *, run: AllocationRun) -> None:
        super().__init__(data)
        self.fields["other"] = forms.ModelChoiceField(queryset=run.batch.allocation_runs.all())


def allocation_compare_page(request: HttpRequest, run_id: int) -> HttpResponse:
    run = get_object_or_404(AllocationRun, pk=run_id)
    form = CompareForm(request.GET, run=run)
    if not form.is_valid():
        raise ApplicationError(_("Choose another run of this batch to compare with."))
    other = form.cleaned_data["other"]
    return render(
        request,
        "intake/allocation_compare.html",
        {"comparison": runs_compare(run=run, other=other)},
    )


def allocation_export_download(request: HttpRequest, run_id: int) -> HttpResponse:
    run = get_object_or_404(AllocationRun.objects.select_related("batch"), pk=run_id)
    response = HttpResponse(
        run_workbook(run=run),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="alokasi-{run.batch.code}-{run.pk}.xlsx"'
    )
    return response
