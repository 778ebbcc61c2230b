"""A dashboard's tables as .xlsx or .csv files. (The export part replaces this stub.)"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse


def dashboard_export(
    request: HttpRequest, level: str, code: str, table: str, file_format: str
) -> HttpResponse:
    raise Http404
