"""A name typed as a formula, stored by import or by registration, comes out inert in the
rejected rows and in the allocation export; NIKs come out as 16-digit text."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

from balai.accounts.models import Role, User
from balai.catalogue.models import Programme
from balai.core.jobs import job_run_here
from balai.intake.allocation.export import run_workbook
from balai.intake.allocation.runs import allocation_run
from balai.intake.imports.cells import text_of
from balai.intake.imports.services import import_upload
from balai.intake.models import Batch, ImportStatus, Offering
from balai.intake.selectors import offering_list
from balai.testing.allocation import apply, close
from balai.testing.imports import resident, template_file
from balai.testing.places import SUKARASA

pytestmark = pytest.mark.django_db
HYPERLINK = '=HYPERLINK("http://x","y")'


def every_cell(content: bytes) -> Iterator[Cell]:
    workbook = load_workbook(io.BytesIO(content))
    for sheet in workbook.worksheets:
        assert isinstance(sheet, Worksheet)
        for row in sheet.iter_rows():
            yield from (cell for cell in row if isinstance(cell, Cell))


def sheet_rows(content: bytes, title: str) -> list[tuple[Cell, ...]]:
    sheet = load_workbook(io.BytesIO(content))[title]
    assert isinstance(sheet, Worksheet)
    return [tuple(cell for cell in row if isinstance(cell, Cell)) for row in sheet.iter_rows()]


def test_a_name_typed_as_a_formula_comes_out_inert_in_the_rejected_rows(
    open_batch: Batch, users_by_role: dict[str, User]
) -> None:
    operator = users_by_role[Role.KECAMATAN_OPERATOR]
    content = template_file(
        [
            resident(1, full_name=HYPERLINK, sex="X"),  # rejected: no such sex
            resident(2, nik=3671014903950001, sex="X"),  # a NIK Excel holds as a number
            resident(3, nik=3.67101490395e15),  # a NIK Excel rounded
        ]
    )
    upload, job = import_upload(
        batch=open_batch,
        uploaded_by=operator,
        file_name="daftar.xlsx",
        content=content,
        consent_collected=True,
    )
    job_run_here(job)
    upload.refresh_from_db()
    assert upload.status == ImportStatus.CHECKED and upload.report["rejected"] == 3
    client = Client()
    client.force_login(operator)
    download = client.get(f"/imports/{upload.id}/rejected.xlsx").content

    assert not [cell.coordinate for cell in every_cell(download) if cell.data_type == "f"]
    rows = sheet_rows(download, "Ditolak")
    name, nik = rows[1][3], rows[1][1]
    assert (name.value, name.data_type) == ("'" + HYPERLINK, "s")
    niks = [row[1] for row in rows[1:]]
    assert [cell.value for cell in niks] == [
        resident(1)[0],
        "3671014903950001",
        "3671014903950000",
    ]
    assert all(isinstance(cell.value, str) and len(cell.value) == 16 for cell in niks)
    assert all(cell.number_format == "@" for cell in niks) and nik.data_type == "s"
    # Uploaded again after correcting, the name reads back as it was typed.
    assert text_of(name.value) == HYPERLINK


def test_a_name_registered_as_a_formula_comes_out_inert_in_the_allocation_export(
    open_batch: Batch, programmes: list[Programme]
) -> None:
    offerings = list(offering_list(batch=open_batch).filter(kelurahan=SUKARASA)[:1])
    Offering.objects.filter(batch=open_batch).update(seats=2)
    Programme.objects.update(minimum_class_size=1)
    apply(open_batch, 1, SUKARASA, offerings, full_name=HYPERLINK)
    apply(open_batch, 2, SUKARASA, offerings, full_name="@SUM(1+1)")
    Batch.objects.filter(pk=open_batch.pk).update(name="=1+1")
    close(open_batch)
    content = run_workbook(run=allocation_run(batch=open_batch, seed=1, created_by=None))

    assert not [cell.coordinate for cell in every_cell(content) if cell.data_type == "f"]
    placements = sheet_rows(content, "Penempatan")[1:]
    assert sorted(str(row[0].value) for row in placements) == ["'" + HYPERLINK, "'@SUM(1+1)"]
    niks: list[Any] = [row[1] for row in placements]
    assert all(cell.data_type == "s" and cell.number_format == "@" for cell in niks)
    assert all(isinstance(cell.value, str) and len(cell.value) == 16 for cell in niks)
    summary = sheet_rows(content, "Ringkasan")
    assert summary[1][1].value == "'=1+1"
