"""How much an uploaded list may hold, and the refusals that say what to do when it holds more.

Sized generously for a real list of 20,000 residents in the template (17 columns): such a list
written by openpyxl is a 21 MB sheet of 340,017 cells and about 4.5 million characters.
"""

from __future__ import annotations

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from balai.core.errors import ApplicationError
from balai.intake.imports.headers import COLUMNS

MAXIMUM_FILE_BYTES = 5 * 1024 * 1024
MAXIMUM_ROWS = 20_000  # residents; the header row comes on top
# An .xlsx is a zip of XML parts: their declared sizes, one by one and together.
MAXIMUM_PART_BYTES = 64 * 1024 * 1024
MAXIMUM_SHARED_STRINGS_BYTES = 32 * 1024 * 1024  # held whole in memory by the reader
MAXIMUM_UNPACKED_BYTES = 100 * 1024 * 1024
MAXIMUM_COMPRESSION_RATIO = 200
# What a sheet (or a CSV) holds once read: every cell becomes a value in memory.
MAXIMUM_COLUMNS = 50
MAXIMUM_CELLS = 500_000
MAXIMUM_CELL_CHARACTERS = 1_000
MAXIMUM_TEXT_CHARACTERS = 20_000_000


def refuse(message: str, code: str) -> ApplicationError:
    return ApplicationError(message, code=code, details={"file": [message]})


def count_text(count: int) -> str:
    return number_format(count, force_grouping=True)


def damaged() -> ApplicationError:
    return refuse(
        _(
            "The file is damaged and cannot be opened. Open it in Excel and save it again as "
            "'Excel Workbook (.xlsx)'."
        ),
        "file_damaged",
    )


def not_xlsx() -> ApplicationError:
    return refuse(
        _(
            "This is not a real .xlsx file. Open it in Excel and save it as "
            "'Excel Workbook (.xlsx)'."
        ),
        "file_not_xlsx",
    )


def zip_bomb() -> ApplicationError:
    return refuse(
        _(
            "The file unpacks to far more data than a list of residents holds, and is refused. "
            "Copy only the list into the template and upload that."
        ),
        "file_zip_bomb",
    )


def part_size_false() -> ApplicationError:
    return refuse(
        _(
            "A part of the file holds more than its table of contents says, which a "
            "spreadsheet program never does, and the file is refused. Copy the list into the "
            "template and upload that."
        ),
        "file_size_false",
    )


def too_many_rows() -> ApplicationError:
    return refuse(
        _("The file has more than %(count)s rows. Split it into smaller files.")
        % {"count": count_text(MAXIMUM_ROWS)},
        "too_many_rows",
    )


def too_many_columns() -> ApplicationError:
    return refuse(
        _(
            "The file has data beyond column %(count)s; the template has %(template)s columns. "
            "Delete the columns after the list, or copy the list into the template."
        )
        % {"count": count_text(MAXIMUM_COLUMNS), "template": len(COLUMNS)},
        "too_many_columns",
    )


def too_many_cells() -> ApplicationError:
    return refuse(
        _(
            "The file holds more than %(count)s filled cells; a list of %(rows)s residents in "
            "the template holds %(template)s. Delete other sheets and anything beside the "
            "list, or split it into smaller files."
        )
        % {
            "count": count_text(MAXIMUM_CELLS),
            "rows": count_text(MAXIMUM_ROWS),
            "template": count_text(MAXIMUM_ROWS * len(COLUMNS)),
        },
        "too_many_cells",
    )


def cell_too_long(cell: str) -> ApplicationError:
    return refuse(
        _(
            "Cell %(cell)s holds more than %(count)s characters; nothing in a resident's data "
            "is that long. Shorten or empty the cell and upload the file again."
        )
        % {"cell": cell, "count": count_text(MAXIMUM_CELL_CHARACTERS)},
        "cell_too_long",
    )


def row_cell_too_long(row: int) -> ApplicationError:
    return refuse(
        _(
            "Row %(row)s holds a cell of more than %(count)s characters; nothing in a "
            "resident's data is that long. Shorten or empty the cell and upload the file again."
        )
        % {"row": row, "count": count_text(MAXIMUM_CELL_CHARACTERS)},
        "cell_too_long",
    )


def too_much_text() -> ApplicationError:
    return refuse(
        _(
            "The file holds more than %(count)s characters, far more than a list of %(rows)s "
            "residents. Delete anything that is not the list, or split it into smaller files."
        )
        % {"count": count_text(MAXIMUM_TEXT_CHARACTERS), "rows": count_text(MAXIMUM_ROWS)},
        "too_much_text",
    )
