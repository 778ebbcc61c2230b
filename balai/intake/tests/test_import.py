from __future__ import annotations

import datetime
import io
import zipfile
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from balai.accounts.models import Role, User
from balai.core.errors import ApplicationError
from balai.core.jobs import job_run_here
from balai.intake.imports.cells import CellError, date_from_cell, nik_from_cell
from balai.intake.imports.reading import read_rows
from balai.intake.imports.services import checked_file, import_confirm, import_upload
from balai.intake.models import Application, Batch, ImportStatus, ImportUpload
from balai.registry.models import Person
from balai.testing.imports import HEADER, first_sheet, row, upload, xlsx
from balai.testing.places import KERONCONG

# A fixed day passed to the date reader, which takes today as an argument.
TODAY = datetime.date(2026, 11, 28)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("cell", "nik"),
    [
        ("3671014903950001", "3671014903950001"),
        ("'3671014903950001", "3671014903950001"),
        (3671014903950001, "3671014903950001"),
    ],
)
def test_a_nik_cell_is_read_as_text(cell: Any, nik: str) -> None:
    assert nik_from_cell(cell) == nik


@pytest.mark.parametrize(
    "cell", [3.67101490395e15, "3.67101E+15", "3,67101E+15", 3671014903950000, 3671014903950000.0]
)
def test_a_nik_excel_mangled_is_refused_with_the_fix(cell: Any) -> None:
    with pytest.raises(CellError, match="Teks"):
        nik_from_cell(cell)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("17/08/1990", datetime.date(1990, 8, 17)),
        ("7-8-90", datetime.date(1990, 8, 7)),
        ("7-8-05", datetime.date(2005, 8, 7)),
        ("1990-08-17", datetime.date(1990, 8, 17)),
        (33102, datetime.date(1990, 8, 17)),
        ("33102", datetime.date(1990, 8, 17)),
        (datetime.datetime(1990, 8, 17), datetime.date(1990, 8, 17)),
        ("17 Agustus 1990", datetime.date(1990, 8, 17)),
        ("17-Agt-1990", datetime.date(1990, 8, 17)),
        ("Tangerang, 17/08/1990", datetime.date(1990, 8, 17)),
        ("Kab. Lebak, 17 Agustus 1990", datetime.date(1990, 8, 17)),
    ],
)
def test_dates_are_read_in_the_forms_spreadsheets_hold(cell: Any, expected: datetime.date) -> None:
    assert date_from_cell(cell, today=TODAY) == expected


@pytest.mark.parametrize(
    "cell", ["31/02/1990", "kemarin", "17 Agustos 1990", 999999, "²²", "1" * 400, float("nan")]
)
def test_an_unreadable_date_says_how_to_write_it(cell: Any) -> None:
    with pytest.raises(CellError):
        date_from_cell(cell, today=TODAY)


@pytest.fixture
def operator(users_by_role: dict[str, User]) -> User:
    return users_by_role[Role.KECAMATAN_OPERATOR]  # Kecamatan Tangerang: Sukarasa, Babakan…


def test_every_problem_is_listed_by_row_and_column_and_nothing_is_saved(
    open_batch: Batch, operator: User
) -> None:
    content = xlsx(
        [
            row("3671014903950001"),  # 2: valid
            row(3671014903950000),  # 3: lost last digit
            row("3671014903950002", birth="31/02/1995"),  # 4: no such date
            row("3671014903950003", kelurahan="Keroncong"),  # 5: outside the area
            row("3671014903950004", choice="Menyelam"),  # 6: not offered
            row("3671014903950001", name="Siti Lain"),  # 7: NIK repeated
            row("3671010903950005"),  # 8: NIK says a man
            row("3671014903950006", birth="9-3-95"),  # 9: valid, d-m-yy
        ]
    )
    checked = upload(open_batch, operator, content)
    assert checked.status == ImportStatus.CHECKED
    problems = {(item["row"], item["column"]) for item in checked.report["problems"]}
    assert problems == {
        (3, "NIK"),
        (4, "Tanggal Lahir"),
        (5, "Kelurahan (kode atau nama)"),
        (6, "Pilihan 1"),
        (7, "NIK"),
        (8, "NIK"),
    }
    assert (checked.report["valid"], checked.report["rejected"]) == (2, 6)
    assert not Person.objects.exists() and not Application.objects.exists()


def test_confirming_saves_the_valid_rows_together(open_batch: Batch, operator: User) -> None:
    content = xlsx([row("3671014903950001"), row("bukan NIK"), row("3671014903950006")])
    checked = upload(open_batch, operator, content)
    job_run_here(import_confirm(upload=checked, confirmed_by=operator))
    checked.refresh_from_db()
    assert checked.status == ImportStatus.SAVED
    assert Application.objects.filter(channel="import").count() == 2
    assert Person.objects.count() == 2


def test_if_saving_fails_no_row_is_left_behind(
    open_batch: Batch, operator: User, monkeypatch: Any
) -> None:
    from balai.intake import bulk
    from balai.intake.imports import services

    checked = upload(open_batch, operator, xlsx([row("3671014903950001"), row("3671014903950006")]))

    def broken_consents(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(bulk, "_save_choices_and_consents", broken_consents)
    job = import_confirm(upload=checked, confirmed_by=operator)
    with pytest.raises(RuntimeError):
        services.import_save(lambda *args: None, upload_id=str(checked.id))
    assert not Application.objects.exists() and not Person.objects.exists()
    assert job is not None


def test_the_rejected_rows_download_with_an_error_column(
    open_batch: Batch, operator: User, client: Any
) -> None:
    checked = upload(open_batch, operator, xlsx([row("3671014903950001"), row(3.67101490395e15)]))
    client.force_login(operator)
    response = client.get(f"/imports/{checked.id}/rejected.xlsx")
    assert response.status_code == 200, response.content[:300]
    sheet = first_sheet(load_workbook(io.BytesIO(response.content)))
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Baris" and rows[0][-1] == "Kesalahan"
    assert len(rows) == 2 and rows[1][0] == 3
    assert "Teks" in str(rows[1][-1])


def test_a_csv_from_excel_with_semicolons_is_read(open_batch: Batch, operator: User) -> None:
    lines = [";".join(HEADER), ";".join(str(cell) for cell in row("3671014903950001"))]
    checked = upload(
        open_batch, operator, "\n".join(lines).encode("cp1252", "replace"), name="daftar.csv"
    )
    assert checked.report["valid"] == 1


def test_the_template_is_a_real_workbook_with_text_nik_columns(
    client: Any, users_by_role: Any
) -> None:
    client.force_login(users_by_role[Role.ADMIN])
    response = client.get("/imports/template.xlsx")
    assert response.status_code == 200, response.content[:300]
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook["Pendaftar"]
    assert [cell.value for cell in sheet[1]] == HEADER
    assert sheet["A2"].number_format == "@"


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("daftar.xlsx", b"NIK,Nama\n3671014903950001,Siti\n", "file_not_xlsx"),
        (
            "daftar.xlsx",
            zipped({"xl/workbook.xml": b"<x/>", "xl/vbaProject.bin": b"\0" * 10}),
            "file_macros",
        ),
        ("daftar.xlsm", zipped({"xl/workbook.xml": b"<x/>"}), "file_type"),
        (
            "daftar.xlsx",
            zipped({"xl/workbook.xml": b"<x/>", "xl/big.xml": b"\0" * 60_000_000}),
            "file_zip_bomb",
        ),
        ("daftar.xlsx", b"PK\x03\x04 not really a zip", "file_damaged"),
        ("daftar.csv", b"a\n" * 20_005, "too_many_rows"),
        ("daftar.csv", b"x" * (5 * 1024 * 1024 + 1), "file_too_large"),
        ("daftar.pdf", b"%PDF-1.4", "file_type"),
    ],
)
def test_hostile_files_are_refused_before_parsing(name: str, content: bytes, code: str) -> None:
    with pytest.raises(ApplicationError) as refused:
        read_rows(name=name, content=content)
    assert refused.value.code == code


def test_a_hostile_upload_keeps_nothing(open_batch: Batch, operator: User) -> None:
    with pytest.raises(ApplicationError):
        import_upload(
            batch=open_batch,
            uploaded_by=operator,
            file_name="x.xlsx",
            content=b"not a workbook",
            consent_collected=True,
        )
    assert not ImportUpload.objects.exists()


def test_headers_must_match_the_template(open_batch: Batch, operator: User) -> None:
    workbook = Workbook()
    first_sheet(workbook).append(["Nama", "Alamat"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    checked = upload(open_batch, operator, buffer.getvalue())
    assert checked.status == ImportStatus.REFUSED
    assert "NIK" in checked.report["refusal"]


def test_rows_are_checked_the_same_in_the_preview_and_the_save(
    open_batch: Batch, operator: User
) -> None:
    checked = upload(open_batch, operator, xlsx([row("3671014903950001")]))
    assert [item.valid for item in checked_file(checked).rows] == [True]


def test_a_resident_registered_outside_the_area_is_a_rejected_row(
    open_batch: Batch, operator: User
) -> None:
    from balai.intake.services import application_submit
    from balai.testing.factories import kelurahan
    from balai.testing.registration import person_data, submission

    elsewhere = person_data(7, domicile_kelurahan=kelurahan(KERONCONG))
    application_submit(submission=submission(open_batch, elsewhere))
    checked = upload(open_batch, operator, xlsx([row(elsewhere.nik, name=elsewhere.full_name)]))
    assert (checked.report["valid"], checked.report["rejected"]) == (0, 1)
    assert "di luar wilayah Anda" in checked.report["problems"][0]["reason"]


def test_confirming_twice_saves_once(open_batch: Batch, operator: User) -> None:
    checked = upload(open_batch, operator, xlsx([row("3671014903950001")]))
    job_run_here(import_confirm(upload=checked, confirmed_by=operator))
    checked.status = ImportStatus.CHECKED  # a second job queued before the first finished
    from balai.intake.imports.services import import_save

    assert import_save(lambda *args: None, upload_id=str(checked.id)) == {"saved": 0}
    assert Application.objects.count() == 1


def test_the_check_refuses_what_the_save_would(open_batch: Batch, operator: User) -> None:
    bad_email = row("3671014903950001")
    bad_email[6] = "bukan-email"
    long_name = row("3671014903950002", name="Siti " + "A" * 200)
    control = row("3671014903950003", name="Siti_x0000_Aminah")  # a NUL, as a workbook writes it
    checked = upload(open_batch, operator, xlsx([bad_email, long_name, control]))
    assert (checked.report["valid"], checked.report["rejected"]) == (0, 3)
    columns = {(item["row"], item["column"]) for item in checked.report["problems"]}
    assert columns == {(2, "Email"), (3, "Nama Lengkap"), (4, "Nama Lengkap")}


def test_a_nik_quoted_in_a_problem_is_masked_in_the_report(
    open_batch: Batch, operator: User
) -> None:
    checked = upload(
        open_batch, operator, xlsx([row("3671014903950001", kelurahan="3671015509810001")])
    )
    reasons = " ".join(item["reason"] for item in checked.report["problems"])
    assert "3671015509810001" not in reasons and "************0001" in reasons
