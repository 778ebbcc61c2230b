"""Spreadsheets of residents for the import's tests."""

from __future__ import annotations

import csv
import datetime
import io
from typing import Any

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from balai.accounts.models import User
from balai.core.jobs import job_run_here
from balai.intake.imports.headers import COLUMNS
from balai.intake.imports.services import import_upload
from balai.intake.models import Batch, ImportUpload
from balai.registry.models import Sex
from balai.registry.nik import nik_compose

HEADER = [title for _name, title in COLUMNS]


def row(
    nik: Any,
    birth: Any = "09/03/1995",
    sex: str = "P",
    kelurahan: str = "Sukarasa",
    choice: str = "Tata Boga",
    name: str = "Siti Aminah",
) -> list[Any]:
    return [
        nik,
        "",
        name,
        birth,
        sex,
        "081234567890",
        "",
        "Jl. Mawar 1",
        kelurahan,
        "SMA/SMK",
        "Menganggur",
        "Rp1\u20133 juta",
        "Tidak",
        "Tidak",
        choice,
        "",
        "",
    ]


def first_sheet(workbook: Workbook) -> Worksheet:
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    return sheet


def xlsx(rows: list[list[Any]]) -> bytes:
    workbook = Workbook()
    sheet = first_sheet(workbook)
    sheet.append(HEADER)
    for values in rows:
        sheet.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(batch: Batch, operator: User, content: bytes, name: str = "daftar.xlsx") -> ImportUpload:
    """Upload and run the check job here (a worker would run it in production)."""
    upload, job = import_upload(
        batch=batch, uploaded_by=operator, file_name=name, content=content, consent_collected=True
    )
    job_run_here(job)
    upload.refresh_from_db()
    return upload


def template_file(rows: list[list[Any]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    sheet.append(HEADER)
    for number, values in enumerate(rows, start=2):
        sheet.append(values)
        for column, value in enumerate(values, start=1):
            if isinstance(value, str) and value.startswith("="):
                # Text as typed, as Excel keeps `'=…`; openpyxl would make it a formula.
                sheet.cell(row=number, column=column).data_type = "s"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def resident(serial: int, **changes: Any) -> list[Any]:
    birth_date = datetime.date(1970 + serial % 35, serial % 12 + 1, serial % 28 + 1)
    sex = Sex.FEMALE if serial % 2 else Sex.MALE
    values = {
        "nik": nik_compose(
            region_code="36.71.01", birth_date=birth_date, sex=sex, serial=serial % 9999 + 1
        ),
        "full_name": f"Warga {serial}",
        "birth_date": birth_date.strftime("%d/%m/%Y"),
        "sex": sex.value,
        "phone": f"0812{serial:08d}",
        "address": "Jl. Mawar 1",
        "kelurahan": "Sukarasa",
        "education": "SMA/SMK",
        "employment_status": "Menganggur",
        "income_band": "Rp1\u20133 juta",
        "has_disability": "Tidak",
        "is_household_head": "Tidak",
        "choice_1": "Tata Boga",
        **changes,
    }
    return [values.get(name, "") for name, _title in COLUMNS]


def written_xlsx(
    header: list[Any], rows: list[list[Any]], *, above: tuple[list[Any], ...] = ()
) -> bytes:
    """An .xlsx written by openpyxl as an office would: `above` (a title, blank rows) over
    `header`, then `rows`."""
    workbook = Workbook()
    sheet = first_sheet(workbook)
    for values in [*above, header, *rows]:
        sheet.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def written_csv(header: list[Any], rows: list[list[Any]], *, delimiter: str = ",") -> bytes:
    """A .csv as Excel saves one (UTF-8 with its byte-order mark)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter)
    for values in [header, *rows]:
        writer.writerow(["" if value is None else value for value in values])
    return buffer.getvalue().encode("utf-8-sig")


def header_with(**titles: str) -> list[str]:
    """The template's header with the columns of some fields headed otherwise."""
    return [titles.get(name, title) for name, title in COLUMNS]
