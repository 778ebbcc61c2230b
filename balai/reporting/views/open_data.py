"""Open data: a public page of suppressed aggregates, and each of its tables as CSV.

Not throttled: the throttles of `balai.core.throttling` guard actions somebody could repeat to
guess a secret (a code, a password); these pages hold nothing to guess, read one row per
kecamatan and are the same for every visitor, so a cache in front of them may keep them.
"""

from __future__ import annotations

import io

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control

from balai.core.spreadsheet_cells import csv_rows_write
from balai.reporting.open_data import open_data, open_table_csv_rows

# Figures change when the summaries are refreshed, at most a few times a day.
CACHE_SECONDS = 60 * 60


def open_data_page(request: HttpRequest) -> HttpResponse:
    """The open tables, what they count, and how small counts are hidden."""
    response = render(request, "reporting/open_data.html", {"open_data": open_data()})
    patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    return response


def open_data_csv(request: HttpRequest, table: str) -> HttpResponse:
    """One open table as a UTF-8 CSV file."""
    found = open_data().table(table)
    if found is None:
        raise Http404
    stream = io.StringIO()
    csv_rows_write(stream, open_table_csv_rows(found))
    response = HttpResponse(stream.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="open-data-{found.name}.csv"'
    patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    return response
