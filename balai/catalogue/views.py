from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from balai.catalogue.selectors import programme_list


def programme_list_page(request: HttpRequest) -> HttpResponse:
    """The training programmes on offer, for anybody deciding whether to register."""
    return render(request, "catalogue/programme_list.html", {"programmes": programme_list()})
