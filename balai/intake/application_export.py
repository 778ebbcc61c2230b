"""The operators' applications list, as filtered on the page, as a spreadsheet written through
the one escaping helper (a name typed as a formula stays text)."""

from __future__ import annotations

import io

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from balai.core.spreadsheet_cells import identity_number, sheet_row_append
from balai.intake.models import Application

CHUNK_SIZE = 2000


def application_workbook(*, applications: QuerySet[Application]) -> bytes:
    """Return `applications` as .xlsx: one row each, the NIK masked as on the page."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Applications"))
    headings = [_("Name"), _("NIK"), _("Kelurahan"), _("Batch"), _("Status"), _("Priority")]
    sheet_row_append(sheet, [*headings, _("Choices"), _("Registered on")], font=Font(bold=True))
    # Read in chunks (each with its choices), written as they come: a city is many rows.
    for application in applications.iterator(chunk_size=CHUNK_SIZE):
        person = application.person
        sheet_row_append(
            sheet,
            [
                person.full_name,
                identity_number(person.nik_masked),
                person.domicile_kelurahan.name,
                application.batch.name,
                application.get_status_display(),
                application.priority_points,
                ", ".join(choice.offering.programme.name for choice in application.choices.all()),
                timezone.localdate(application.created_at),
            ],
        )
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()
