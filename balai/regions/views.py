from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from balai.regions.selectors import kelurahan_list


def kelurahan_list_page(request: HttpRequest) -> HttpResponse:
    """Every kelurahan the deployment serves, with its official code."""
    kelurahan = kelurahan_list(regency_code=settings.BALAI_REGENCY_CODE)
    return render(request, "regions/kelurahan_list.html", {"kelurahan": kelurahan})
