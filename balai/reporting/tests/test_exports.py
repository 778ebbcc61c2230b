"""Every dashboard table as .xlsx and .csv: the hand-counted figures of balai.testing.reporting
read back with real readers, nothing outside the reader's area, and names typed as formulas
written as text."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from balai.accounts.models import Role, User
from balai.catalogue.models import Programme
from balai.regions.models import Kelurahan
from balai.reporting.refresh import summaries_refresh
from balai.testing.clients import client_for
from balai.testing.places import BABAKAN, KERONCONG, SUKARASA
from balai.testing.reporting import ReportingCity, make_reporting_city

pytestmark = pytest.mark.django_db

KECAMATAN_TANGERANG = "36.71.01"
KECAMATAN_JATIUWUNG = "36.71.02"
# Stage, people, share of registered (%): 4 registered, 3 seated, 2 finished and placed.
FUNNEL_ROWS = [
    ["Terdaftar", 4, 100],
    ["Memenuhi syarat", 4, 100],
    ["Ditawari kursi", 3, 75],
    ["Diterima", 3, 75],
    ["Terdaftar di kelas", 3, 75],
    ["Hadir di kelas", 3, 75],
    ["Selesai", 2, 50],
    ["Bersertifikat", 2, 50],
    ["Tersalurkan", 2, 50],
]
FORMULAS = ['=HYPERLINK("x")', "+1", "-1", "@SUM(1)"]


@pytest.fixture
def city(kota_tangerang: None, programmes: list[Programme]) -> ReportingCity:
    return make_reporting_city(programmes)


def export(client: Client, level: str, code: str, table: str, file_format: str) -> Any:
    path = reverse(
        "reporting:dashboard_export",
        kwargs={"level": level, "code": code, "table": table, "file_format": file_format},
    )
    return client.get(path)


def xlsx_rows(content: bytes) -> list[list[object]]:
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet is not None
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def csv_rows(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf")  # the BOM, for Excel to read UTF-8
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def kelurahan_names(kecamatan_code: str) -> set[str]:
    return set(Kelurahan.objects.filter(kecamatan_id=kecamatan_code).values_list("name", flat=True))


def test_the_funnel_as_xlsx_holds_the_hand_counted_stages_as_numbers(
    city: ReportingCity, users_by_role: dict[str, User]
) -> None:
    response = export(
        client_for(users_by_role[Role.KELURAHAN_OPERATOR]), "kelurahan", SUKARASA, "funnel", "xlsx"
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    day = timezone.localtime(city.refresh.started_at).strftime("%Y%m%d")
    assert response["Content-Disposition"] == (
        f'attachment; filename="balai-kelurahan-{SUKARASA}-funnel-{day}.xlsx"'
    )
    rows = xlsx_rows(response.content)
    assert rows[0][:2] == ["Dari pendaftaran sampai bekerja", "Sukarasa"]
    assert rows[1][0] == "Dihitung pada"
    assert rows[2] == ["Tahap", "Orang", "Bagian dari pendaftar (%)"]
    assert rows[3:12] == FUNNEL_ROWS
    assert all(isinstance(row[2], int | float) for row in rows[3:12])  # a number, not text
    assert rows[12][0] == "Target: 100 peserta terdaftar di kelas; sejauh ini 3 (3,0%)."


def test_the_ranking_as_csv_lists_each_kelurahan_of_the_kecamatan_with_its_figures(
    city: ReportingCity, users_by_role: dict[str, User]
) -> None:
    client = client_for(users_by_role[Role.KECAMATAN_OPERATOR])
    response = export(client, "kecamatan", KECAMATAN_TANGERANG, "ranking", "csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = csv_rows(response.content)
    assert rows[2] == [
        "Kelurahan",
        "Terdaftar",
        "Terdaftar di kelas",
        "Target",
        "Capaian target (%)",
        "Selesai",
        "Bersertifikat",
        "Tersalurkan",
    ]
    # Sukarasa leads with 3 of its 100; every other kelurahan has nothing yet.
    assert rows[3] == ["Sukarasa", "4", "3", "100", "3.0", "2", "2", "2"]
    assert {row[0] for row in rows[3:]} == kelurahan_names(KECAMATAN_TANGERANG)
    assert all(row[1:] == ["0", "0", "100", "0.0", "0", "0", "0"] for row in rows[4:])


def test_an_operators_exports_hold_nothing_outside_their_area(
    city: ReportingCity, users_by_role: dict[str, User]
) -> None:
    kecamatan = client_for(users_by_role[Role.KECAMATAN_OPERATOR])
    for table in ("funnel", "ranking", "by_programme", "by_sex"):
        rows = csv_rows(export(kecamatan, "kecamatan", KECAMATAN_TANGERANG, table, "csv").content)
        names = {cell for row in rows for cell in row}
        assert not names & kelurahan_names(KECAMATAN_JATIUWUNG)
    kelurahan = client_for(users_by_role[Role.KELURAHAN_OPERATOR])
    classes = xlsx_rows(export(kelurahan, "kelurahan", SUKARASA, "ranking", "xlsx").content)
    # A kelurahan's dashboard ranks its classes: the one class of Sukarasa, and nothing else
    # (a class has no target, so no share of it).
    assert len(classes[3:]) == 1
    assert classes[3][1:] == [0, 3, 0, None, 2, 2, 2]


@pytest.mark.parametrize(
    ("role", "level", "code"),
    [
        (Role.KECAMATAN_OPERATOR, "kecamatan", KECAMATAN_JATIUWUNG),
        (Role.KECAMATAN_OPERATOR, "regency", "36.71"),
        (Role.KECAMATAN_OPERATOR, "kelurahan", KERONCONG),
        (Role.KELURAHAN_OPERATOR, "kelurahan", BABAKAN),
        (Role.KELURAHAN_OPERATOR, "kecamatan", KECAMATAN_TANGERANG),
    ],
)
def test_another_areas_export_is_not_found(
    city: ReportingCity, users_by_role: dict[str, User], role: str, level: str, code: str
) -> None:
    for file_format in ("xlsx", "csv"):
        response = export(client_for(users_by_role[role]), level, code, "funnel", file_format)
        assert response.status_code == 404


def test_an_unknown_format_or_table_is_not_found_with_a_message(
    city: ReportingCity, users_by_role: dict[str, User]
) -> None:
    client = client_for(users_by_role[Role.ADMIN])
    response = export(client, "regency", "36.71", "funnel", "pdf")
    assert response.status_code == 404
    assert "hanya dapat diunduh sebagai .xlsx atau .csv" in response.content.decode()
    response = export(client, "regency", "36.71", "secrets", "xlsx")
    assert response.status_code == 404
    assert "di luar wilayah Anda" in response.content.decode()


def test_names_typed_as_formulas_are_written_as_text(
    city: ReportingCity, users_by_role: dict[str, User], programmes: list[Programme]
) -> None:
    others = (
        Kelurahan.objects.filter(kecamatan_id=KECAMATAN_TANGERANG)
        .exclude(code=SUKARASA)
        .order_by("code")[:3]
    )
    renamed = [SUKARASA, *(place.code for place in others)]
    for code, formula in zip(renamed, FORMULAS, strict=True):
        Kelurahan.objects.filter(code=code).update(name=formula)
    Programme.objects.filter(pk=city.classroom.training_class.programme_id).update(name=FORMULAS[0])
    summaries_refresh()
    client = client_for(users_by_role[Role.ADMIN])

    content = export(client, "kecamatan", KECAMATAN_TANGERANG, "ranking", "xlsx").content
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet is not None
    names = {row[0].value: row[0] for row in sheet.iter_rows(min_row=4)}
    for formula in FORMULAS:
        assert names[f"'{formula}"].data_type == "s"
    rows = csv_rows(export(client, "kecamatan", KECAMATAN_TANGERANG, "ranking", "csv").content)
    assert {f"'{formula}" for formula in FORMULAS} <= {row[0] for row in rows}

    rows = csv_rows(export(client, "regency", "36.71", "by_programme", "csv").content)
    assert [f"'{FORMULAS[0]}", "4", "4", "3", "3", "3", "3", "2", "2", "2"] in rows
    programme = xlsx_rows(export(client, "regency", "36.71", "by_programme", "xlsx").content)
    assert [f"'{FORMULAS[0]}", 4, 4, 3, 3, 3, 3, 2, 2, 2] in programme


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_an_export_takes_a_fixed_number_of_queries(
    city: ReportingCity,
    users_by_role: dict[str, User],
    file_format: str,
    django_assert_num_queries: Any,
) -> None:
    client = client_for(users_by_role[Role.ADMIN])
    # The session and its user; the kecamatan (which carries the areas above it), its
    # kelurahan and the latest refresh (dashboard_for); the programmes' names (the breakdown
    # by programme); the session saved again (a savepoint, the update, its release).
    with django_assert_num_queries(9):
        response = export(client, "kecamatan", KECAMATAN_TANGERANG, "ranking", file_format)
    assert response.status_code == 200
