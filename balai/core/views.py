from __future__ import annotations

from django.contrib import messages
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from balai.core.access import request_user
from balai.core.jobs import job_start, job_stop
from balai.core.selectors import audit_entry_list, job_get_for, job_list


def job_list_page(request: HttpRequest) -> HttpResponse:
    return render(request, "core/job_list.html", {"jobs": job_list()})


def job_detail_page(request: HttpRequest, job_id: str) -> HttpResponse:
    job = job_get_for(job_id=job_id, user=request_user(request))
    return render(request, "core/job_detail.html", {"job": job})


def job_progress_fragment(request: HttpRequest, job_id: str) -> HttpResponse:
    """The progress bar alone, which the job page polls while the job runs."""
    job = job_get_for(job_id=job_id, user=request_user(request))
    return render(request, "core/_job_progress.html", {"job": job})


@require_POST
def job_stop_action(request: HttpRequest, job_id: str) -> HttpResponse:
    """Ask a job one may follow to stop early (a solver then keeps its best plan so far)."""
    job = job_stop(job=job_get_for(job_id=job_id, user=request_user(request)))
    messages.success(request, _("Asked to stop; the best result so far will be kept."))
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    return redirect("core:job_detail", job_id=job.id)


@require_POST
def demo_data_start(request: HttpRequest) -> HttpResponse:
    """Queue the demo-data load as a job and follow its progress."""
    job = job_start(
        kind="seed_demo",
        label=_("Load demo data"),
        parameters={"scale": "tangerang", "seed": 1},
        created_by=request_user(request),
    )
    messages.success(request, _("The demo data load has been queued."))
    return redirect("core:job_detail", job_id=job.id)


def audit_list_page(request: HttpRequest) -> HttpResponse:
    return render(request, "core/audit_list.html", {"entries": audit_entry_list()})


def health(request: HttpRequest) -> HttpResponse:
    """Answer "ok" when the database answers: for load balancers and uptime checks."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")
