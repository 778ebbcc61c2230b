"""Hostile and oversized uploads: refused in the check job, with a message saying what to do,
memory bounded, nothing saved, and the upload never left "being checked"."""

from __future__ import annotations

import io
import os
import struct
import tracemalloc
import zipfile
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from balai.accounts.models import Role, User
from balai.core.encryption import encrypt_bytes
from balai.core.errors import ApplicationError
from balai.core.jobs import job_run_here
from balai.core.models import Job, JobStatus
from balai.intake.imports.rows import RowChecker
from balai.intake.imports.services import import_confirm, import_upload
from balai.intake.models import Application, Batch, ImportStatus, ImportUpload
from balai.registry.models import Person
from balai.testing.imports import HEADER, resident, template_file

pytestmark = pytest.mark.django_db
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"


def workbook_parts(sheet_rows: str, shared_strings: list[str] | None = None) -> dict[str, bytes]:
    """The parts of a minimal .xlsx written by hand: `sheet_rows` is the XML inside
    <sheetData>, and `shared_strings` the shared-string table."""
    strings = "".join(f"<si><t>{text}</t></si>" for text in shared_strings or [])
    return {
        "[Content_Types].xml": (
            b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/'
            b'2006/content-types"><Default Extension="rels" ContentType="application/'
            b'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
            b'ContentType="application/xml"/></Types>'
        ),
        "_rels/.rels": (
            f'<?xml version="1.0"?><Relationships xmlns="{PACKAGE}"><Relationship Id="rId1" '
            f'Type="{RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ).encode(),
        "xl/workbook.xml": (
            f'<?xml version="1.0"?><workbook xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}"><sheets>'
            '<sheet name="Pendaftar" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ).encode(),
        "xl/_rels/workbook.xml.rels": (
            f'<?xml version="1.0"?><Relationships xmlns="{PACKAGE}"><Relationship Id="rId1" '
            f'Type="{RELATIONSHIPS}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{RELATIONSHIPS}/sharedStrings" '
            'Target="sharedStrings.xml"/></Relationships>'
        ).encode(),
        "xl/sharedStrings.xml": (
            f'<?xml version="1.0"?><sst xmlns="{MAIN}">{strings}</sst>'
        ).encode(),
        "xl/worksheets/sheet1.xml": (
            f'<?xml version="1.0"?><worksheet xmlns="{MAIN}"><sheetData>{sheet_rows}'
            "</sheetData></worksheet>"
        ).encode(),
    }


def zipped(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def every_cell_shares(string: str, rows: int, columns: int) -> bytes:
    """A workbook whose every cell points to the one shared string `string`."""
    row = '<c t="s"><v>0</v></c>' * columns
    return zipped(workbook_parts(f"<row>{row}</row>" * rows, [string]))


def declared_size_set(content: bytes, name: str, size: int) -> bytes:
    """Return `content` with the uncompressed size that the zip declares for `name` (in its
    local header and its central directory) set to `size`."""
    data = bytearray(content)
    member = zipfile.ZipFile(io.BytesIO(content)).getinfo(name)
    struct.pack_into("<I", data, member.header_offset + 22, size)
    directory = data.find(b"PK\x01\x02")
    while directory != -1:
        name_length = struct.unpack_from("<H", data, directory + 28)[0]
        if data[directory + 46 : directory + 46 + name_length] == name.encode():
            struct.pack_into("<I", data, directory + 24, size)
        directory = data.find(b"PK\x01\x02", directory + 46)
    return bytes(data)


@pytest.fixture
def operator(users_by_role: dict[str, User]) -> User:
    return users_by_role[Role.KECAMATAN_OPERATOR]  # Kecamatan Tangerang: Sukarasa, Babakan…


def checked(batch: Batch, operator: User, content: bytes, name: str = "daftar.xlsx") -> Any:
    """Upload `content`, then run the check job here as a worker would; return the upload."""
    upload, job = import_upload(
        batch=batch, uploaded_by=operator, file_name=name, content=content, consent_collected=True
    )
    assert upload.status == ImportStatus.CHECKING
    job_run_here(job)
    upload.refresh_from_db()
    return upload


def assert_refused(upload: ImportUpload, *words: str) -> None:
    assert upload.status == ImportStatus.REFUSED, upload.report
    for word in words:
        assert word in upload.report["refusal"]
    assert bytes(upload.valid_rows_encrypted) == b""
    assert not Person.objects.exists() and not Application.objects.exists()


def test_the_22_kb_shared_string_bomb_is_refused_in_the_job_within_20_mb(
    open_batch: Batch, operator: User
) -> None:
    # The probe's file: every cell points to one 32,767-character string. Read whole, it took
    # a server from 172 to 773 MB (263 MB of it in Python strings, by tracemalloc).
    content = every_cell_shares("A" * 32_767, rows=471, columns=17)
    assert len(content) < 23_000
    tracemalloc.start()
    try:
        upload = checked(open_batch, operator, content)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20 * 1024 * 1024
    assert_refused(upload, "Sel A1", "1.000 karakter")


def test_one_shared_string_in_every_cell_is_refused_by_the_total_characters(
    open_batch: Batch, operator: User
) -> None:
    # Each cell is within the limit of 1,000 characters; together they are not.
    content = every_cell_shares("A" * 1_000, rows=1_000, columns=21)
    assert_refused(checked(open_batch, operator, content), "20.000.000 karakter")


def test_a_part_holding_more_than_it_declares_is_refused(open_batch: Batch, operator: User) -> None:
    parts = workbook_parts("<row><c><v>1</v></c></row>" * 400_000)
    content = declared_size_set(zipped(parts), "xl/worksheets/sheet1.xml", 2_000)
    assert_refused(checked(open_batch, operator, content), "daftar isinya")


def test_a_part_declared_too_large_is_refused_by_the_upload(
    open_batch: Batch, operator: User
) -> None:
    # 70 MB declared against 1 MB packed passes the ratio, and the sum, but not the part.
    picture = os.urandom(1024 * 1024)
    parts = {**workbook_parts(""), "xl/media/image1.png": picture}
    content = declared_size_set(zipped(parts), "xl/worksheets/sheet1.xml", 70 * 1024 * 1024)
    with pytest.raises(ApplicationError) as refused:
        import_upload(
            batch=open_batch,
            uploaded_by=operator,
            file_name="daftar.xlsx",
            content=content,
            consent_collected=True,
        )
    assert refused.value.code == "file_zip_bomb"
    assert not ImportUpload.objects.exists()


def test_more_cells_than_a_list_holds_are_refused(open_batch: Batch, operator: User) -> None:
    # 10,001 rows of 50 columns: within both limits, not within the limit on cells. The
    # figures vary (Knuth's multiplicative hash), so that the file packs like a real one.
    cells = (f"<c><v>{number * 2_654_435_761 % 10**6}</v></c>" for number in range(500_050))
    rows = "".join(
        "<row>" + "".join(next(cells) for _column in range(50)) + "</row>" for _row in range(10_001)
    )
    assert_refused(checked(open_batch, operator, zipped(workbook_parts(rows))), "500.000 sel")


def test_a_cell_over_the_limit_is_refused_naming_it(open_batch: Batch, operator: User) -> None:
    content = template_file([resident(1), resident(2, full_name="Siti " * 201)])
    assert_refused(checked(open_batch, operator, content), "Sel C3", "1.000 karakter")


WIDE_ROWS = {
    # calamine lays filled cells out as a full rectangle: XFD is column 16,384.
    "a cell in column XFD": '<row r="1"><c r="A1"><v>1</v></c><c r="XFD1"><v>1</v></c></row>',
    "60 cells in a row": "<row>" + "<c><v>1</v></c>" * 60 + "</row>",
}


@pytest.mark.parametrize("layout", WIDE_ROWS)
def test_data_far_to_the_right_is_refused(open_batch: Batch, operator: User, layout: str) -> None:
    parts = workbook_parts(WIDE_ROWS[layout])
    assert_refused(checked(open_batch, operator, zipped(parts)), "kolom ke-50")


TRICKS = {
    "a DTD declaring an entity": (
        '<!DOCTYPE worksheet [<!ENTITY x "x">]><worksheet xmlns="{main}"><sheetData>'
        '<row><c t="inlineStr"><is><t>&x;</t></is></c></row></sheetData></worksheet>'
    ),
    "elements nested a thousand deep": (
        '<worksheet xmlns="{main}"><sheetData>'
        + "<x>" * 1000
        + "</x>" * 1000
        + "</sheetData></worksheet>"
    ),
    "a cell stuffed with 200,000 attributes": (
        '<worksheet xmlns="{main}"><sheetData><row><c '
        + " ".join(f'a{number}=""' for number in range(200_000))
        + "><v>1</v></c></row></sheetData></worksheet>"
    ),
    "a cell inside a cell": (
        '<worksheet xmlns="{main}"><sheetData><row><c><c><v>1</v></c></c></row>'
        "</sheetData></worksheet>"
    ),
}


@pytest.mark.parametrize("trick", TRICKS)
def test_tricks_in_the_xml_are_refused(open_batch: Batch, operator: User, trick: str) -> None:
    parts = workbook_parts("")
    parts["xl/worksheets/sheet1.xml"] = TRICKS[trick].replace("{main}", MAIN).encode()
    assert_refused(checked(open_batch, operator, zipped(parts)), "rusak")


def test_the_upload_request_reads_no_cell(open_batch: Batch, operator: User) -> None:
    # A cell in row 0, which no sheet has: only reading the cells would tell.
    parts = workbook_parts('<row><c r="A0"><v>1</v></c></row>')
    upload, job = import_upload(
        batch=open_batch,
        uploaded_by=operator,
        file_name="daftar.xlsx",
        content=zipped(parts),
        consent_collected=True,
    )
    assert upload.status == ImportStatus.CHECKING
    job_run_here(job)
    upload.refresh_from_db()
    assert_refused(upload, "rusak")


def test_a_check_that_fails_for_any_reason_leaves_the_upload_refused(
    open_batch: Batch, operator: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_check(*_arguments: Any) -> None:
        raise RuntimeError("the database went away")

    monkeypatch.setattr(RowChecker, "check", broken_check)
    upload, job = import_upload(
        batch=open_batch,
        uploaded_by=operator,
        file_name="daftar.xlsx",
        content=template_file([resident(1)]),
        consent_collected=True,
    )
    with pytest.raises(RuntimeError):
        job_run_here(job)
    upload.refresh_from_db()
    assert_refused(upload, "kesalahan di server")
    assert Job.objects.get(id=job.id).status == JobStatus.FAILED
    client = Client()
    client.force_login(operator)
    page = client.get(f"/imports/{upload.id}/").content.decode()
    assert "kesalahan di server" in page and "hx-trigger" not in page


def test_a_csv_cell_past_the_limit_is_refused(open_batch: Batch, operator: User) -> None:
    lines = [",".join(HEADER), ",".join(resident(1, address="Jl. " + "x" * 1_000))]
    content = "\n".join(lines).encode()
    assert_refused(checked(open_batch, operator, content, "daftar.csv"), "Sel H2")


def test_a_csv_cell_past_the_csv_modules_own_limit_is_refused(
    open_batch: Batch, operator: User
) -> None:
    lines = [",".join(HEADER), ",".join(resident(1, address="x" * 200_000))]
    content = "\n".join(lines).encode()
    assert_refused(checked(open_batch, operator, content, "daftar.csv"), "Baris 2")


def test_the_rejected_rows_download_does_not_read_the_file_again(
    open_batch: Batch, operator: User
) -> None:
    upload = checked(open_batch, operator, template_file([resident(1), resident(2, sex="X")]))
    # Were the file read again, this would refuse it.
    ImportUpload.objects.filter(id=upload.id).update(content_encrypted=encrypt_bytes(b"PK"))
    client = Client()
    client.force_login(operator)
    response = client.get(f"/imports/{upload.id}/rejected.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert isinstance(sheet, Worksheet)
    rows = list(sheet.iter_rows(values_only=True))
    assert [row[0] for row in rows] == ["Baris", 3]
    assert rows[1][1] == resident(2)[0] and "Jenis Kelamin" in str(rows[1][-1])


def test_a_list_of_10000_residents_still_imports(open_batch: Batch, operator: User) -> None:
    upload = checked(open_batch, operator, template_file([resident(n) for n in range(10_000)]))
    assert upload.status == ImportStatus.CHECKED, upload.report
    assert (upload.report["valid"], upload.report["rejected"]) == (10_000, 0)
    job_run_here(import_confirm(upload=upload, confirmed_by=operator))
    assert Application.objects.filter(batch=open_batch).count() == 10_000
