"""Cell suppression for open data: which counts of a table with totals may be published
without describing fewer than `SMALLEST_PUBLISHED` people, directly or by subtraction.

A table is a grid of counts (rows by columns, each count a number of people) published with
its margins: a total at the end of every row, a total under every column, and the grand total
in the corner. Each row, each column, the row of column totals and the column of row totals
is a *line*: an equation "its cells add up to its total", which anyone can solve for one
unknown. So hiding a small cell is not enough; a reader who knows the others and the total
(a city's total minus the sum of its published kecamatan, say) gets it back.

The rule, in two steps, as statistical offices apply it (Statistics Netherlands' τ-ARGUS,
the ONS's small-count guidance):

1. Primary suppression: hide every cell, total or not, below `SMALLEST_PUBLISHED`.
   Zero is hidden too. "Fewer than 5 people" includes nobody, and publishing zeros would
   tell the reader that a hidden neighbour holds 1 to 4 people, not 0 to 4: that somebody
   is there. It also keeps "<5" meaning one thing on every cell.
2. Complementary suppression: wherever a line has exactly one hidden cell, hide its
   smallest published cell as well (the first of equals, so interior cells before the
   total, which is never smaller); repeat over every line until no line changes.

After this, every line has no hidden cell or at least two, so no line's equation has a single
unknown. What this does not do is solve the whole system of lines at once (τ-ARGUS's
linear-programming audit): a combination of lines with non-negativity can still bound a hidden
cell, though never below what "<5" already says of a primary one. A line whose hidden cells
are all primary zeros is known to hold nobody, which describes no person.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

SMALLEST_PUBLISHED = 5

Position = tuple[int, int]  # (row, column) in the grid with margins


@dataclass(frozen=True)
class SuppressedTable:
    """A table with its margins and the cells hidden from publication.

    `grid` has one more row and column than the counts: `grid[row][-1]` is a row's total,
    `grid[-1][column]` a column's, `grid[-1][-1]` the grand total. `primary` are the cells
    hidden for being small, `hidden` those and the ones hidden to protect them.
    """

    grid: tuple[tuple[int, ...], ...]
    hidden: frozenset[Position]
    primary: frozenset[Position]

    def published(self, row: int, column: int) -> int | None:
        """Return the count at (`row`, `column`) of the grid, or None if it is hidden."""
        return None if (row, column) in self.hidden else self.grid[row][column]


def table_with_margins(counts: Sequence[Sequence[int]]) -> tuple[tuple[int, ...], ...]:
    """Return `counts` with a total after each row, and a row of column totals at the end."""
    rows = [(*row, sum(row)) for row in counts]
    width = len(rows[0]) if rows else 1
    totals = tuple(sum(row[column] for row in rows) for column in range(width))
    return (*rows, totals)


def table_lines(height: int, width: int) -> Iterator[list[Position]]:
    """Yield every line of a grid with margins of `height` rows and `width` columns: each
    row and each column, margins included, as the positions whose cells add up to its last."""
    for row in range(height):
        yield [(row, column) for column in range(width)]
    for column in range(width):
        yield [(row, column) for row in range(height)]


def table_suppress(
    counts: Sequence[Sequence[int]], *, smallest: int = SMALLEST_PUBLISHED
) -> SuppressedTable:
    """Return `counts` with margins and the cells to hide so that no published cell, and no
    cell worked out from a line of published cells and its total, is below `smallest`.

    `counts` is a rectangle of non-negative counts with at least one row and one column.
    """
    if not counts or not counts[0] or any(len(row) != len(counts[0]) for row in counts):
        raise ValueError("counts must be a non-empty rectangle")
    if any(count < 0 for row in counts for count in row):
        raise ValueError("counts cannot be negative")
    grid = table_with_margins(counts)
    height, width = len(grid), len(grid[0])
    primary = {
        (row, column)
        for row in range(height)
        for column in range(width)
        if grid[row][column] < smallest
    }
    hidden = set(primary)
    lines = list(table_lines(height, width))
    changed = True
    while changed:  # each pass hides at least one more cell, so it ends
        changed = False
        for line in lines:
            if sum(position in hidden for position in line) != 1:
                continue
            shown = [position for position in line if position not in hidden]
            hidden.add(min(shown, key=lambda position: grid[position[0]][position[1]]))
            changed = True
    return SuppressedTable(grid=grid, hidden=frozenset(hidden), primary=frozenset(primary))
