"""The residents list as a spreadsheet, written through the one escaping helper: a name typed
as a formula stays text, and phone numbers stay text (never numbers that lose their 0)."""

from __future__ import annotations

import io
from collections.abc import Iterable

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from balai.core.spreadsheet_cells import identity_number, sheet_row_append
from balai.registry.models import Person

CHUNK_SIZE = 2000


def person_workbook(*, people: QuerySet[Person] | Iterable[Person]) -> bytes:
    """Return `people` as .xlsx: one row each, the NIK masked as on the page."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Residents"))
    headings = [_("Name"), _("NIK"), _("Sex"), _("Kelurahan"), _("Kecamatan"), _("Phone")]
    sheet_row_append(sheet, [*headings, _("Registered on")], font=Font(bold=True))
    # A whole city is thousands of rows: read in chunks, written as they come.
    rows = people.iterator(chunk_size=CHUNK_SIZE) if isinstance(people, QuerySet) else people
    for person in rows:
        sheet_row_append(
            sheet,
            [
                person.full_name,
                identity_number(person.nik_masked),
                person.get_sex_display(),
                person.domicile_kelurahan.name,
                person.domicile_kelurahan.kecamatan.name,
                identity_number(_as_dialled(person.phone)),
                timezone.localdate(person.created_at),
            ],
        )
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def _as_dialled(phone: str) -> str:
    # +62812… is stored; 0812… is what an operator dials, and a cell starting with "+"
    # would be escaped as a would-be formula.
    return "0" + phone.removeprefix("+62") if phone.startswith("+62") else phone
