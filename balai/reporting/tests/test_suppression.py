"""Suppression of small counts: worked examples computed by hand, and properties that hold
for any table."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from balai.reporting.suppression import (
    Position,
    SuppressedTable,
    table_lines,
    table_suppress,
)


def test_a_small_cell_takes_its_rows_and_columns_smallest_neighbours_with_it() -> None:
    # 10 12 | 22
    #  3 20 | 23   3 is small: its row hides 20, its column 8, and 20's column 9.
    #  8  9 | 17
    # 21 41 | 62
    table = table_suppress([[10, 12], [3, 20], [8, 9]])
    assert table.grid == ((10, 12, 22), (3, 20, 23), (8, 9, 17), (21, 41, 62))
    assert table.primary == {(1, 0)}
    assert table.hidden == {(1, 0), (1, 1), (2, 0), (2, 1)}
    assert [table.published(3, column) for column in range(3)] == [21, 41, 62]


def test_the_city_total_minus_the_published_kecamatan_does_not_give_a_small_one_away() -> None:
    # Kecamatan C has 2 men and 1 woman. Hiding C's row alone, the city's 93 less A's 50 and
    # B's 40 would give C's 3 back; so B is hidden too, and 93 - 50 = 43 is B and C together.
    counts = [[20, 30], [15, 25], [2, 1]]
    table = table_suppress(counts)
    assert table.primary == {(2, 0), (2, 1), (2, 2)}
    assert table.hidden == {(1, 0), (1, 1), (1, 2), (2, 0), (2, 1), (2, 2)}
    assert table.published(3, 2) == 93
    published_rows = [table.published(row, 2) for row in range(3)]
    assert published_rows == [50, None, None]


def test_a_small_column_total_is_hidden_with_its_neighbour_total() -> None:
    # 1  9 | 10
    # 2  8 | 10   1, 2 and their total 3 are small; each of their rows hides its other
    # 3 17 | 20   cell, so the men's column goes too; the row totals stay.
    table = table_suppress([[1, 9], [2, 8]])
    assert table.primary == {(0, 0), (1, 0), (2, 0)}
    assert table.hidden == {(0, 0), (1, 0), (2, 0), (0, 1), (1, 1), (2, 1)}
    assert [table.published(row, 2) for row in range(3)] == [10, 10, 20]


def test_zero_is_hidden_as_fewer_than_five_people() -> None:
    table = table_suppress([[0, 40], [30, 50]])
    assert (0, 0) in table.primary


def test_a_table_with_nothing_small_is_published_whole() -> None:
    assert table_suppress([[5, 6], [7, 8]]).hidden == frozenset()


@pytest.mark.parametrize("counts", [[], [[]], [[1, 2], [3]], [[-1, 5]]])
def test_a_table_that_is_not_a_rectangle_of_counts_is_refused(counts: list[list[int]]) -> None:
    with pytest.raises(ValueError):
        table_suppress(counts)


tables = st.integers(min_value=1, max_value=5).flatmap(
    lambda width: st.lists(
        st.lists(st.integers(min_value=0, max_value=40), min_size=width, max_size=width),
        min_size=1,
        max_size=6,
    )
)


# Drawing a table of tables is slow on a loaded machine; that is no fault of the code tested.
patiently = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


def lines_of(table: SuppressedTable) -> list[list[Position]]:
    return list(table_lines(len(table.grid), len(table.grid[0])))


@patiently
@given(tables)
def test_no_published_cell_is_below_five(counts: list[list[int]]) -> None:
    table = table_suppress(counts)
    for row, values in enumerate(table.grid):
        for column, value in enumerate(values):
            if value < 5:
                assert (row, column) in table.hidden


@patiently
@given(tables)
def test_no_line_hides_a_single_cell(counts: list[list[int]]) -> None:
    table = table_suppress(counts)
    for line in lines_of(table):
        assert sum(position in table.hidden for position in line) != 1


@patiently
@given(tables)
def test_no_hidden_cell_can_be_solved_from_its_line(counts: list[list[int]]) -> None:
    table = table_suppress(counts)
    grand_total = table.grid[-1][-1]
    for line in lines_of(table):
        for position in line:
            if position not in table.hidden:
                continue
            values = values_consistent_with_line(table, line, position, grand_total)
            true_value = table.grid[position[0]][position[1]]
            assert true_value in values
            # One value only when every hidden cell of the line must be 0: nobody is there.
            assert len(values) >= 2 or values == {0}


def values_consistent_with_line(
    table: SuppressedTable, line: list[Position], cell: Position, upper: int
) -> set[int]:
    """Every value from 0 to `upper` that `cell` could hold, knowing only the published cells
    of `line` (its last is the total of the others) and that counts are not negative."""
    *parts, total = line
    unknown_parts = [position for position in parts if position in table.hidden]
    known_parts = sum(
        table.grid[row][column] for row, column in parts if (row, column) not in table.hidden
    )
    others = [position for position in unknown_parts if position != cell]
    possible = set()
    for value in range(upper + 1):
        if cell == total:
            # The total is at least what is known, and more only if another part is hidden.
            fits = value == known_parts or (value > known_parts and bool(others))
        elif total in table.hidden:
            fits = True  # the total absorbs whatever this cell holds
        else:
            left = table.grid[total[0]][total[1]] - known_parts - value
            fits = left == 0 or (left > 0 and bool(others))
        if fits:
            possible.add(value)
    return possible
