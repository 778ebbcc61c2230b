from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from balai.core.access import request_user
from balai.core.scoping import scoped_get
from balai.registry.models import DuplicateStatus
from balai.registry.selectors import duplicate_open_list, person_list
from balai.registry.services import duplicate_resolve

PAGE_SIZE = 50


def person_list_page(request: HttpRequest) -> HttpResponse:
    """The residents in the user's area, a page at a time, NIKs masked."""
    people = person_list(user=request_user(request)).order_by("full_name", "id")
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "registry/person_list.html", {"page": page})


def duplicate_list_page(request: HttpRequest) -> HttpResponse:
    """Possible duplicates in the operator's area, each with the two records side by side."""
    candidates = duplicate_open_list(user=request_user(request))
    page = Paginator(candidates, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "registry/duplicate_list.html", {"page": page})


@require_POST
def duplicate_resolve_action(request: HttpRequest, candidate_id: int) -> HttpResponse:
    candidate = scoped_get(
        duplicate_open_list(user=request_user(request)), request_user(request), pk=candidate_id
    )
    verdict = request.POST.get("verdict", "")
    if verdict in {DuplicateStatus.NOT_DUPLICATE, DuplicateStatus.DUPLICATE}:
        duplicate_resolve(candidate=candidate, status=DuplicateStatus(verdict))
        messages.success(request, _("The verdict has been recorded."))
    return redirect("registry:duplicate_list")
