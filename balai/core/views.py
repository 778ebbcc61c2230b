from __future__ import annotations

import sys

from django.conf import settings
from django.contrib import messages
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.http import require_POST

from balai.core.access import request_user
from balai.core.errors import NotFoundError, error_body
from balai.core.jobs import job_start, job_stop
from balai.core.presentation import audit_rows
from balai.core.selectors import audit_entry_list, job_get_for, job_list


def job_list_page(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "core/job_list.html",
        {"jobs": job_list(), "demo_data_allowed": settings.DEBUG},
    )


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
    """Queue the demo-data load as a job and follow its progress (on a developer's machine
    only: in production it would mix invented residents with real ones)."""
    if not settings.DEBUG:
        raise NotFoundError(_("Demo data is loaded only on a development machine."))
    job = job_start(
        kind="seed_demo",
        label="",
        parameters={"scale": "tangerang", "seed": 1},
        created_by=request_user(request),
    )
    messages.success(request, _("The demo data load has been queued."))
    return redirect("core:job_detail", job_id=job.id)


def audit_list_page(request: HttpRequest) -> HttpResponse:
    return render(request, "core/audit_list.html", {"rows": audit_rows(list(audit_entry_list()))})


def health(request: HttpRequest) -> HttpResponse:
    """Answer "ok" when the database answers, 503 when it does not: for load balancers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DATABASE_UNAVAILABLE:
        return database_unavailable(request)
    return HttpResponse("ok", content_type="text/plain")


# What the database driver raises when the server cannot be reached or the connection broke
# (as opposed to a query the database refuses, which is a bug to fix, not an outage).
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
# Long enough for a database restart or fail-over, short enough that nobody gives up.
RETRY_AFTER_SECONDS = 30


def server_error(request: HttpRequest) -> HttpResponse:
    """Django's handler500: a database out of reach is a 503 (try again soon), not a bug."""
    if isinstance(sys.exc_info()[1], DATABASE_UNAVAILABLE) or not _database_reachable():
        return database_unavailable(request)
    return defaults.server_error(request)


def _database_reachable() -> bool:
    # The failure may hide the database's own error: a query run while an answer is
    # serialised reaches us as pydantic's ValidationError, with the cause reduced to text.
    try:
        connection.ensure_connection()
    except DATABASE_UNAVAILABLE:
        return False
    return connection.is_usable()


def database_unavailable(request: HttpRequest) -> HttpResponse:
    """The answer while the database is out of reach: the API's error shape for machines, a
    page for people, both 503 with Retry-After. Touches nothing that needs the database."""
    message = _("The service is briefly unavailable. Please try again in a minute.")
    response: HttpResponse
    if request.path.startswith(("/api/", "/health/")):
        response = JsonResponse(error_body("database_unavailable", message), status=503)
    else:
        response = HttpResponse(render_to_string("503.html", {"message": message}), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
