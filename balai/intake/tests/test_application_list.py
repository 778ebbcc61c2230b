"""The operators' applications list: filtered by batch, status, kelurahan and programme, sorted,
paginated with its filters kept, exported as filtered, all within the user's area; and a
person's applications on their page at the front desk."""

from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import load_workbook

from balai.accounts.models import Role, User
from balai.catalogue.models import Programme
from balai.intake.models import Application, ApplicationStatus, Batch
from balai.intake.selectors import offering_list
from balai.intake.services import application_submit
from balai.testing.batches import make_second_batch
from balai.testing.clients import client_for
from balai.testing.factories import kelurahan
from balai.testing.places import BABAKAN, KERONCONG, SUKARASA
from balai.testing.registration import person_data, submission

pytestmark = pytest.mark.django_db


def applicant(batch: Batch, serial: int, name: str, place: str, programme: str) -> Application:
    """`name` of `place` applies to `programme` (by code) in Sukarasa."""
    choice = offering_list(batch=batch).get(kelurahan=SUKARASA, programme__code=programme)
    data = person_data(serial, full_name=name, domicile_kelurahan=kelurahan(place))
    return application_submit(submission=submission(batch, data, choices=[choice]))


@pytest.fixture
def applications(open_batch: Batch, programmes: list[Programme]) -> dict[str, Application]:
    second = make_second_batch(open_batch)
    made = {
        "ani": applicant(open_batch, 1, "Ani Sukarasa", SUKARASA, "tata-boga"),
        "budi": applicant(open_batch, 2, "Budi Sukarasa", SUKARASA, "las"),
        "citra": applicant(open_batch, 3, "Citra Babakan", BABAKAN, "tata-boga"),
        "dewi": applicant(second, 4, "Dewi Sukarasa", SUKARASA, "tata-boga"),
        "eka": applicant(open_batch, 5, "Eka Keroncong", KERONCONG, "tata-boga"),
    }
    Application.objects.filter(pk=made["budi"].pk).update(
        status=ApplicationStatus.WITHDRAWN, priority_points=9
    )
    return made


def names_on(page: Any) -> list[str]:
    text = page.content.decode()
    names = ["Ani Sukarasa", "Budi Sukarasa", "Citra Babakan", "Dewi Sukarasa", "Eka Keroncong"]
    return sorted((name for name in names if name in text), key=text.index)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["Dewi Sukarasa", "Citra Babakan", "Budi Sukarasa", "Ani Sukarasa"]),
        ({"batch": "gelombang-2"}, ["Dewi Sukarasa"]),
        ({"status": "withdrawn"}, ["Budi Sukarasa"]),
        ({"kelurahan": BABAKAN}, ["Citra Babakan"]),
        ({"programme": "las"}, ["Budi Sukarasa"]),
        ({"kelurahan": KERONCONG}, []),  # outside the area: nothing comes in through a filter
        (
            {"batch": "gelombang-1", "programme": "tata-boga", "sort": "name"},
            ["Ani Sukarasa", "Citra Babakan"],
        ),
    ],
)
def test_the_list_filters_and_sorts_within_the_area(
    applications: dict[str, Application],
    users_by_role: dict[str, User],
    filters: dict[str, str],
    expected: list[str],
) -> None:
    client = client_for(users_by_role[Role.KECAMATAN_OPERATOR])
    assert names_on(client.get("/applications/", filters)) == expected


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["Ani Sukarasa", "Budi Sukarasa", "Citra Babakan", "Dewi Sukarasa"]),
        ({"batch": "gelombang-2"}, ["Dewi Sukarasa"]),
        ({"status": "withdrawn"}, ["Budi Sukarasa"]),
        ({"programme": "las"}, ["Budi Sukarasa"]),
        ({"batch": "gelombang-1", "programme": "tata-boga"}, ["Ani Sukarasa", "Citra Babakan"]),
        ({"batch": "gelombang-2", "status": "withdrawn"}, []),  # one application meets both
    ],
)
def test_the_residents_list_filters_by_their_applications_within_the_area(
    applications: dict[str, Application],
    users_by_role: dict[str, User],
    filters: dict[str, str],
    expected: list[str],
) -> None:
    client = client_for(users_by_role[Role.KECAMATAN_OPERATOR])
    page = client.get("/persons/", {**filters, "sort": "name"})
    assert names_on(page) == expected
    assert 'name="programme"' in page.content.decode()


def test_the_most_priority_points_come_first_when_asked(
    applications: dict[str, Application], users_by_role: dict[str, User]
) -> None:
    client = client_for(users_by_role[Role.KECAMATAN_OPERATOR])
    assert names_on(client.get("/applications/", {"sort": "priority"}))[0] == "Budi Sukarasa"


def test_the_pages_of_a_filtered_list_keep_the_filters(
    applications: dict[str, Application],
    users_by_role: dict[str, User],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("balai.intake.views.PAGE_SIZE", 1)
    client = client_for(users_by_role[Role.KECAMATAN_OPERATOR])
    first = client.get("/applications/", {"programme": "tata-boga", "sort": "name"})
    assert "programme=tata-boga&amp;sort=name&amp;page=2" in first.content.decode()
    second = client.get("/applications/", {"programme": "tata-boga", "sort": "name", "page": "2"})
    assert names_on(second) == ["Citra Babakan"]


def test_the_export_holds_the_filtered_applications_only(
    applications: dict[str, Application], users_by_role: dict[str, User]
) -> None:
    client = client_for(users_by_role[Role.KECAMATAN_OPERATOR])
    response = client.get("/applications/applications.xlsx", {"programme": "tata-boga"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    names = sorted(str(row[0]) for row in sheet.iter_rows(min_row=2, values_only=True))
    assert names == ["Ani Sukarasa", "Citra Babakan", "Dewi Sukarasa"]


@pytest.mark.parametrize("count", [2, 12])
def test_the_list_and_its_export_take_the_same_queries_for_few_or_many(
    open_batch: Batch,
    users_by_role: dict[str, User],
    count: int,
    django_assert_max_num_queries: Any,
) -> None:
    for serial in range(1, count + 1):
        applicant(open_batch, serial, f"Warga {serial}", SUKARASA, "tata-boga")
    client = client_for(users_by_role[Role.KELURAHAN_OPERATOR])
    with django_assert_max_num_queries(14):
        client.get("/applications/", {"programme": "tata-boga", "sort": "priority"})
    with django_assert_max_num_queries(10):
        client.get("/applications/applications.xlsx", {"status": "eligible"})


def test_a_persons_page_lists_their_applications(
    applications: dict[str, Application], users_by_role: dict[str, User]
) -> None:
    person = applications["budi"].person
    page = client_for(users_by_role[Role.KELURAHAN_OPERATOR]).get(f"/persons/{person.public_id}/")
    section = page.content.decode().split('data-testid="history-applications"')[1]
    section = section.split("</table>")[0]
    assert "Gelombang 1" in section and "Dibatalkan" in section and "Pengelasan (Las)" in section
