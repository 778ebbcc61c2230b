"""The open-data page and CSV: public, aggregates per kecamatan only, small counts hidden along
with the counts that would give them away."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from balai.catalogue.models import Programme
from balai.reporting.models import AreaSummary, SummaryLevel
from balai.reporting.open_data import CSV_COLUMNS, OPEN_GROUPS, group_count, open_data
from balai.testing.reporting import make_reporting_city

pytestmark = pytest.mark.django_db

CITY = "36.71"


def summary(level: str, code: str, name: str, sexes: dict[str, dict[str, int]]) -> None:
    """An area's summary whose funnel holds `sexes` ({sex: {stage: count}})."""
    AreaSummary.objects.create(
        level=level,
        code=code,
        parent_code="" if level == SummaryLevel.REGENCY else CITY,
        name=name,
        figures={"funnel": {"sex": sexes}},
        computed_at=timezone.now(),
    )


@pytest.fixture
def three_kecamatan() -> None:
    """Registered, not in a class: A 20 men, 30 women; B 15, 25; C 2, 1 (city 37, 56, 93).
    In a class: A 10, 12; B 3, 20; C 8, 9 (city 21, 41, 62). Nobody further. (So registered
    is A 30, 42; B 18, 45; C 10, 10, and enrolled the second group.)"""
    summary(SummaryLevel.REGENCY, CITY, "Kota Tangerang", {})
    for code, name, not_enrolled, enrolled in (
        ("36.71.01", "A", (20, 30), (10, 12)),
        ("36.71.02", "B", (15, 25), (3, 20)),
        ("36.71.03", "=C", (2, 1), (8, 9)),
    ):
        sexes = {
            sex: {
                "registered": not_enrolled[index] + enrolled[index],
                "enrolled": enrolled[index],
            }
            for index, sex in enumerate(("L", "P"))
        }
        summary(SummaryLevel.KECAMATAN, code, name, sexes)


def published(name: str) -> list[list[int | None]]:
    """Each row's published men, women and total, the city's last."""
    table = open_data().table(name)
    assert table is not None
    return [[cell.value for cell in row.cells] for row in (*table.rows, table.total)]


def csv_of(client: Client, name: str) -> list[list[str]]:
    response = client.get(reverse("reporting:open_data_csv", args=[name]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.reader(io.StringIO(response.content.decode("utf-8"))))


def test_a_small_kecamatan_is_hidden_with_another_so_the_city_total_does_not_give_it_away(
    three_kecamatan: None,
) -> None:
    assert published("not_enrolled") == [
        [20, 30, 50],
        [None, None, None],  # B hidden to protect C: 93 - 50 is B and C together
        [None, None, None],
        [37, 56, 93],
    ]


def test_a_row_with_one_small_cell_has_a_second_hidden(three_kecamatan: None) -> None:
    assert published("in_class") == [
        [10, 12, 22],
        [None, None, 23],
        [None, None, 17],
        [21, 41, 62],
    ]


def test_no_published_cell_counts_fewer_than_five_people(three_kecamatan: None) -> None:
    for name, *_rest in OPEN_GROUPS:
        for row in published(name):
            assert all(value is None or value >= 5 for value in row)


def test_the_csv_parses_and_names_its_hidden_cells(three_kecamatan: None) -> None:
    rows = csv_of(Client(), "in_class")
    assert rows == [
        list(CSV_COLUMNS),
        ["36.71.01", "A", "10", "12", "22", ""],
        ["36.71.02", "B", "", "", "23", "male;female"],
        ["36.71.03", "'=C", "", "", "17", "male;female"],  # a formula made inert
        [CITY, "Kota Tangerang", "21", "41", "62", ""],
    ]


def test_anonymous_visitors_read_the_page_with_its_legend(three_kecamatan: None) -> None:
    response = Client().get(reverse("reporting:open_data"))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-testid="open-data-legend"' in page
    assert 'data-testid="open-data-freshness"' in page
    assert "<td>\u2013</td>" in page  # an en dash: C's, and B's hidden to protect C
    assert "public" in response["Cache-Control"]


def test_the_page_reads_a_fixed_number_of_queries(
    three_kecamatan: None, django_assert_num_queries: Any
) -> None:
    client = Client()
    with django_assert_num_queries(1):
        client.get(reverse("reporting:open_data"))
    with django_assert_num_queries(1):
        client.get(reverse("reporting:open_data_csv", args=["not_enrolled"]))


def test_an_unknown_table_is_not_found(three_kecamatan: None) -> None:
    response = Client().get(reverse("reporting:open_data_csv", args=["names"]))
    assert response.status_code == 404


def test_before_any_refresh_the_page_says_there_is_nothing_yet() -> None:
    response = Client().get(reverse("reporting:open_data"))
    assert response.status_code == 200
    assert 'data-testid="open-data-empty"' in response.content.decode()


def test_the_hand_made_city_has_only_small_counts_so_everything_is_hidden(
    kota_tangerang: None, programmes: list[Programme]
) -> None:
    make_reporting_city(programmes)
    client = Client()
    for name, *_rest in OPEN_GROUPS:
        assert all(value is None for row in published(name) for value in row)
        rows = csv_of(client, name)
        assert len(rows) == 1 + 13 + 1  # header, 13 kecamatan, the city
        assert all(row[2:5] == ["", "", ""] for row in rows[1:])
    page = client.get(reverse("reporting:open_data")).content.decode()
    assert "Sukarasa" not in page  # no kelurahan


def test_the_page_does_not_tell_a_small_hidden_count_from_one_hidden_to_protect_it() -> None:
    """Registered: A 2 men, 10 women; B 5 and 5. A's men are small, so A's women, B's men and
    B's women are hidden with them, and B's total 10 is published. Were B's two counts marked
    as not small (5 or more each), they would be 5 and 5, and A's men 7 - 5 = 2."""
    summary(SummaryLevel.REGENCY, CITY, "Kota Tangerang", {})
    for code, name, men, women in (("36.71.01", "A", 2, 10), ("36.71.02", "B", 5, 5)):
        summary(
            SummaryLevel.KECAMATAN,
            code,
            name,
            {"L": {"registered": men}, "P": {"registered": women}},
        )
    assert published("not_enrolled") == [[None, None, 12], [None, None, 10], [7, 15, 22]]
    page = Client().get(reverse("reporting:open_data")).content.decode()
    table = page.split('data-testid="open-table-not_enrolled"')[1].split("</table>")[0]
    assert table.count("<td>\u2013</td>") == 4
    assert "&lt;5" not in table


def test_every_person_who_applied_is_in_exactly_one_table(three_kecamatan: None) -> None:
    """The tables share nobody, so a count published in one bounds nothing hidden in
    another: summed over the tables, each kecamatan's men and women are its registered."""
    registered = {"36.71.01": (30, 42), "36.71.02": (18, 45), "36.71.03": (10, 10)}
    for code, expected in registered.items():
        area = AreaSummary.objects.get(level=SummaryLevel.KECAMATAN, code=code)
        in_groups = tuple(
            sum(
                group_count(area, sex, reached, next_stage)
                for _, _, reached, next_stage in OPEN_GROUPS
            )
            for sex in ("L", "P")
        )
        assert in_groups == expected
