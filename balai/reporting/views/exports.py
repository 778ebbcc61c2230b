"""A dashboard's tables as .xlsx or .csv files, for the areas the reader may see."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from balai.core.access import request_user
from balai.core.errors import NotFoundError
from balai.reporting.dashboard import dashboard_for
from balai.reporting.exports import EXPORT_FORMATS, export_file_name


def dashboard_export(
    request: HttpRequest, level: str, code: str, table: str, file_format: str
) -> HttpResponse:
    """One table of an area's dashboard as a download; an area outside the reader's, or a
    table or format there is none of, is not found."""
    export = EXPORT_FORMATS.get(file_format)
    if export is None:
        raise NotFoundError(_("Tables can be downloaded as .xlsx or .csv only."))
    dashboard = dashboard_for(user=request_user(request), level=level, code=code)
    chosen = dashboard.table(table)
    response = HttpResponse(
        export.write(chosen, dashboard.area, dashboard.computed_at),
        content_type=export.content_type,
    )
    name = export_file_name(dashboard.area, chosen, dashboard.computed_at, file_format)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
