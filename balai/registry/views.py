from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from balai.core.access import request_user
from balai.registry.selectors import person_list

PAGE_SIZE = 50


def person_list_page(request: HttpRequest) -> HttpResponse:
    """The residents in the user's area, a page at a time, NIKs masked."""
    people = person_list(user=request_user(request)).order_by("full_name", "id")
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "registry/person_list.html", {"page": page})
