"""Lists as offices write them: their own headers, a title above them, sex in words, and a
page to choose the columns no header names."""

from __future__ import annotations

import re
from typing import Any

import pytest

from balai.accounts.models import Role, User
from balai.core.jobs import job_run_here
from balai.intake.imports.headers import COLUMNS
from balai.intake.imports.selectors import import_job_latest
from balai.intake.imports.services import checked_file
from balai.intake.models import Batch, ImportStatus
from balai.registry.models import Sex
from balai.testing.imports import (
    HEADER,
    header_with,
    resident,
    upload,
    written_csv,
    written_xlsx,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator(users_by_role: dict[str, User]) -> User:
    return users_by_role[Role.KECAMATAN_OPERATOR]  # Kecamatan Tangerang: Sukarasa, Babakan…


# (field, header as offices write it, the cell under it where it differs from the template's)
HEADER_VARIANTS: list[tuple[str, str, Any]] = [
    ("full_name", "Nama", None),
    ("full_name", "NAMA PESERTA", None),
    ("full_name", "nama lengkap", None),
    ("sex", "Jenis Kelamin", None),
    ("sex", "L/P", None),
    ("sex", "JK", None),
    ("kelurahan", "Kel.", None),
    ("kelurahan", "Kelurahan/Desa", None),
    ("kelurahan", "KELURAHAN", None),
    ("phone", "No. HP", None),
    ("phone", "No HP/WA", None),
    ("phone", "Nomor WhatsApp", None),
    ("birth_date", "Tgl Lahir", None),
    ("birth_date", "Tgl. Lahir", None),
    ("birth_date", "TTL", "Tangerang, {date}"),
    ("birth_date", "Tempat, Tanggal Lahir", "Tangerang, {date}"),
    ("nik", "No. NIK", None),
    ("nik", "Nomor Induk Kependudukan", None),
    ("choice_1", "Pilihan Pelatihan", None),
    ("address", "Alamat Lengkap", None),
    ("kk_number", "Nomor KK", "3671010101200001"),
]


def _variant_row(field: str, cell: Any) -> list[Any]:
    values = resident(1)
    if cell is not None:
        index = [name for name, _title in COLUMNS].index(field)
        values[index] = cell.format(date=values[index])
    return values


@pytest.mark.parametrize("writer", [written_xlsx, written_csv], ids=["xlsx", "csv"])
@pytest.mark.parametrize(("field", "title", "cell"), HEADER_VARIANTS)
def test_a_column_is_found_under_the_header_offices_write(
    open_batch: Batch, operator: User, writer: Any, field: str, title: str, cell: Any
) -> None:
    content = writer(header_with(**{field: title}), [_variant_row(field, cell)])
    name = "daftar.xlsx" if writer is written_xlsx else "daftar.csv"
    checked = upload(open_batch, operator, content, name=name)
    assert checked.status == ImportStatus.CHECKED, checked.report
    assert (checked.report["valid"], checked.report["rejected"]) == (1, 0), checked.report
    # Read from that column, not merely tolerated: an optional column left unread is empty.
    person = checked_file(checked).rows[0].person
    assert person is not None
    assert (person.full_name, person.phone, person.address) == (
        "Warga 1",
        "+6281200000001",
        "Jl. Mawar 1",
    )
    if field == "kk_number":
        assert person.kk_number == "3671010101200001"


def test_a_title_above_the_header_row_is_passed_over(open_batch: Batch, operator: User) -> None:
    content = written_xlsx(
        HEADER,
        [resident(1), resident(2, birth_date="31/02/1990")],
        above=(["DAFTAR PESERTA PELATIHAN KEC. TANGERANG"], [], ["Gelombang 1"]),
    )
    checked = upload(open_batch, operator, content)
    assert (checked.report["valid"], checked.report["rejected"]) == (1, 1)
    # Rows numbered as the spreadsheet numbers them: the header is row 4.
    assert [problem["row"] for problem in checked.report["problems"]] == [6]


@pytest.mark.parametrize(
    ("written", "sex"),
    [
        ("Perempuan", Sex.FEMALE),
        ("Wanita", Sex.FEMALE),
        ("P", Sex.FEMALE),
        ("Laki-laki", Sex.MALE),
        ("LAKI LAKI", Sex.MALE),
        ("Pria", Sex.MALE),
        ("Lk", Sex.MALE),
        ("L", Sex.MALE),
    ],
)
def test_sex_is_read_however_it_is_written(
    open_batch: Batch, operator: User, written: str, sex: Sex
) -> None:
    serial = 1 if sex == Sex.FEMALE else 2  # resident() makes odd serials women
    checked = upload(open_batch, operator, written_xlsx(HEADER, [resident(serial, sex=written)]))
    assert checked.report["valid"] == 1, checked.report["problems"]
    person = checked_file(checked).rows[0].person
    assert person is not None and person.sex == sex


def test_a_phone_excel_turned_into_a_number_keeps_its_leading_zero(
    open_batch: Batch, operator: User
) -> None:
    checked = upload(open_batch, operator, written_xlsx(HEADER, [resident(1, phone=81234567890)]))
    assert checked.report["valid"] == 1, checked.report["problems"]
    person = checked_file(checked).rows[0].person
    assert person is not None and person.phone == "+6281234567890"


UNNAMED = ["Nomor Identitas", "Nama Peserta", "Lahir", "Jenis Kelamin", "Wilayah", "Minat"]


def _unnamed_row(serial: int) -> list[Any]:
    values = dict(zip([name for name, _title in COLUMNS], resident(serial), strict=True))
    return [values[name] for name in ("nik", "full_name", "birth_date", "sex")] + [
        "Sukarasa",
        "Tata Boga",
    ]


def test_a_file_whose_headers_name_no_required_column_waits_for_its_columns(
    open_batch: Batch, operator: User, client: Any
) -> None:
    checked = upload(open_batch, operator, written_xlsx(UNNAMED, [_unnamed_row(1)]))
    assert checked.status == ImportStatus.COLUMNS
    assert checked.report["columns"]["missing"] == ["nik", "birth_date", "kelurahan", "choice_1"]
    client.force_login(operator)
    detail = client.get(f"/imports/{checked.id}/")
    assert f"/imports/{checked.id}/columns/" in detail.content.decode()


def test_the_columns_page_checks_the_file_by_the_columns_chosen_and_keeps_them(
    open_batch: Batch, operator: User, client: Any
) -> None:
    checked = upload(
        open_batch, operator, written_xlsx(UNNAMED, [_unnamed_row(1), _unnamed_row(2)])
    )
    client.force_login(operator)
    page = client.get(f"/imports/{checked.id}/columns/")
    assert page.status_code == 200
    text = page.content.decode()
    # The file's own headers offered, what the headers gave already chosen.
    assert "E: Wilayah" in text and '<option value="1" selected>B: Nama Peserta' in text
    assert "/imports/template.xlsx" in text  # the template still downloads
    chosen = {"nik": 0, "full_name": 1, "birth_date": 2, "sex": 3, "kelurahan": 4, "choice_1": 5}
    response = client.post(f"/imports/{checked.id}/columns/", chosen)
    assert response.status_code == 302
    checked.refresh_from_db()
    assert checked.columns == {"header_row": 0, "fields": chosen}
    job = import_job_latest(upload=checked)
    assert job is not None
    job_run_here(job)
    checked.refresh_from_db()
    assert checked.status == ImportStatus.CHECKED
    assert (checked.report["valid"], checked.report["rejected"]) == (2, 0)
    assert [row.valid for row in checked_file(checked).rows] == [True, True]


def test_the_columns_page_refuses_one_column_for_two_fields(
    open_batch: Batch, operator: User, client: Any
) -> None:
    checked = upload(open_batch, operator, written_xlsx(UNNAMED, [_unnamed_row(1)]))
    client.force_login(operator)
    chosen = {"nik": 0, "full_name": 1, "birth_date": 2, "sex": 3, "kelurahan": 4, "choice_1": 4}
    response = client.post(f"/imports/{checked.id}/columns/", chosen)
    assert response.status_code == 200
    assert "sudah dipilih untuk Kelurahan" in response.content.decode()
    checked.refresh_from_db()
    assert checked.status == ImportStatus.COLUMNS and checked.columns == {}


def test_another_operator_cannot_choose_the_columns(
    open_batch: Batch, operator: User, users_by_role: dict[str, User], client: Any
) -> None:
    checked = upload(open_batch, operator, written_xlsx(UNNAMED, [_unnamed_row(1)]))
    client.force_login(users_by_role[Role.KELURAHAN_OPERATOR])
    assert client.get(f"/imports/{checked.id}/columns/").status_code == 404


def test_a_file_without_a_header_row_keeps_its_first_resident(
    open_batch: Batch, operator: User, client: Any
) -> None:
    rows = [_unnamed_row(1), _unnamed_row(2)]
    checked = upload(open_batch, operator, written_xlsx(rows[0], rows[1:]))
    assert checked.status == ImportStatus.COLUMNS
    client.force_login(operator)
    page = client.get(f"/imports/{checked.id}/columns/").content.decode()
    # The first resident's NIK, offered as a header, is masked as every page shows it.
    assert str(rows[0][0]) not in page and f"A: ************{str(rows[0][0])[-4:]}" in page
    chosen = {"nik": 0, "full_name": 1, "birth_date": 2, "sex": 3, "kelurahan": 4, "choice_1": 5}
    response = client.post(f"/imports/{checked.id}/columns/", {**chosen, "first_row_is_data": "on"})
    assert response.status_code == 302
    job = import_job_latest(upload=checked)
    assert job is not None
    job_run_here(job)
    checked.refresh_from_db()
    assert (checked.report["valid"], checked.report["rejected"]) == (2, 0)


def test_the_columns_page_puts_the_unnamed_columns_first_and_says_so(
    open_batch: Batch, operator: User, client: Any
) -> None:
    checked = upload(open_batch, operator, written_xlsx(UNNAMED, [_unnamed_row(1)]))
    client.force_login(operator)
    text = client.get(f"/imports/{checked.id}/columns/").content.decode()
    fields = re.findall(r'<select name="(\w+)"', text)
    assert fields[:4] == ["nik", "birth_date", "kelurahan", "choice_1"]
    assert text.count("Tidak ada judul kolom untuk isian ini: pilih kolomnya.") == 4
