"""Measuring an .xlsx before any sheet is read, so that reading it cannot exhaust memory.

A sheet is small on disk and large once read: a cell that points to a shared string becomes a
copy of that string, and the reader (calamine) lays the filled cells out as a full rectangle.
So every part is inflated here as a stream, in chunks, never past its declared size; the
shared strings and every sheet are parsed by expat with handlers that keep only counts: no
element and no text of the file is kept. As defusedxml would, the parser refuses a DTD (so no
entity can be declared, expanded or fetched); it is driven directly rather than through
defusedxml's ElementTree parser, whose pure-Python layer doubled the time to measure a
10,000-row list. A start tag cannot hide a million attributes: no more than
`MAXIMUM_BYTES_BETWEEN_TAGS` may pass without a `<`. The sheet is measured as the reader would
expand it: its filled cells, their rows and columns, the characters of each (a shared-string
cell counts the string it points to) and of all together.

The reader finds its parts as calamine does (names compared without case; a sheet is a part
under xl/worksheets, xl/chartsheets or xl/dialogsheets), so every part it could expand as the
first sheet is measured here.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from array import array
from xml.parsers import expat

from openpyxl.utils import get_column_letter

from balai.intake.imports.limits import (
    MAXIMUM_CELL_CHARACTERS,
    MAXIMUM_CELLS,
    MAXIMUM_COLUMNS,
    MAXIMUM_ROWS,
    MAXIMUM_TEXT_CHARACTERS,
    cell_too_long,
    damaged,
    part_size_false,
    too_many_cells,
    too_many_columns,
    too_many_rows,
    too_much_text,
)

SHARED_STRINGS = "xl/sharedstrings.xml"
SHEET_FOLDERS = {"worksheets", "chartsheets", "dialogsheets"}
CHUNK_BYTES = 64 * 1024
MAXIMUM_DEPTH = 64  # spreadsheet XML nests a few levels; deeper is a trick
# Text and tags of a sheet are short (a cell holds at most 1,000 characters); a long run
# without a `<` is a tag stuffed with attributes, which expat would hand over all at once.
MAXIMUM_BYTES_BETWEEN_TAGS = 1024 * 1024
LOCAL_HEADER_BYTES = 30
LOCAL_HEADER_MAGIC = b"PK\x03\x04"


def workbook_measure(content: bytes) -> None:
    """Refuse the .xlsx in `content` if a part holds more than it declares, or a sheet more
    cells, columns, rows or characters than the limits allow."""
    try:
        members = zipfile.ZipFile(io.BytesIO(content)).infolist()
    except zipfile.BadZipFile:
        raise damaged() from None
    strings = SharedStringLengths()
    shared = [member for member in members if member.filename.lower() == SHARED_STRINGS]
    for member in shared:
        _parse(content, member, strings)
    for member in members:
        if member in shared:
            continue
        if _is_sheet(member.filename) and member.file_size:
            _parse(content, member, SheetMeasure(strings.lengths))
        else:
            stream = InflatedMember(content, member)
            while stream.read(CHUNK_BYTES):
                pass


def _is_sheet(name: str) -> bool:
    folders = name.lower().split("/")
    return len(folders) > 1 and folders[0] == "xl" and folders[1] in SHEET_FOLDERS


def _parse(
    content: bytes, member: zipfile.ZipInfo, target: SharedStringLengths | SheetMeasure
) -> None:
    stream = InflatedMember(content, member)
    parser = expat.ParserCreate()
    parser.buffer_text = True  # text in a few pieces, not one per line
    parser.StartDoctypeDeclHandler = _forbid
    parser.EntityDeclHandler = _forbid
    parser.UnparsedEntityDeclHandler = _forbid
    parser.ExternalEntityRefHandler = _forbid_reference
    parser.StartElementHandler = target.start
    parser.EndElementHandler = target.end
    parser.CharacterDataHandler = target.data
    since_tag = 0
    try:
        while chunk := stream.read(CHUNK_BYTES):
            since_tag = _bytes_since_tag(chunk, since_tag)
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError:
        raise damaged() from None


def _forbid(*_arguments: object) -> None:
    raise damaged()  # a DTD or an entity: never in a spreadsheet, always in an XML bomb


def _forbid_reference(
    _context: str, _base: str | None, _system_id: str | None, _public_id: str | None
) -> int:
    raise damaged()  # an external entity: never fetched


def _bytes_since_tag(chunk: bytes, since_tag: int) -> int:
    """Return how many bytes have passed since the last `<` at the end of `chunk`, refusing
    a run longer than `MAXIMUM_BYTES_BETWEEN_TAGS` (runs inside one chunk are shorter)."""
    first = chunk.find(b"<")
    if since_tag + (len(chunk) if first < 0 else first) > MAXIMUM_BYTES_BETWEEN_TAGS:
        raise damaged()
    return since_tag + len(chunk) if first < 0 else len(chunk) - chunk.rfind(b"<") - 1


class InflatedMember:
    """One zip member, inflated as it is read, that refuses to grow past its declared size
    and is checked against its declared size and checksum at its end."""

    def __init__(self, content: bytes, member: zipfile.ZipInfo) -> None:
        start = _data_start(content, member)
        self._packed = memoryview(content)[start : start + member.compress_size]
        self._position = 0
        self._member = member
        self._inflater = (
            zlib.decompressobj(-zlib.MAX_WBITS)
            if member.compress_type == zipfile.ZIP_DEFLATED
            else None
        )
        self._checksum = 0
        self.size = 0

    def read(self, size: int) -> bytes:
        data = self._inflated(size) if self._inflater is not None else self._stored(size)
        self.size += len(data)
        if self.size > self._member.file_size:
            raise part_size_false()
        self._checksum = zlib.crc32(data, self._checksum)
        if not data and (self.size != self._member.file_size or self._checksum != self._member.CRC):
            raise damaged()
        return data

    def _stored(self, size: int) -> bytes:
        data = bytes(self._packed[self._position : self._position + size])
        self._position += len(data)
        return data

    def _inflated(self, size: int) -> bytes:
        inflater = self._inflater
        assert inflater is not None  # noqa: S101  # only deflated members are inflated
        try:
            while not inflater.eof:
                packed = inflater.unconsumed_tail or self._stored(CHUNK_BYTES)
                if not packed:
                    raise damaged()  # the member ends before its compressed stream does
                data = inflater.decompress(packed, size)
                if data:
                    return data
        except zlib.error:
            raise damaged() from None
        return b""


def _data_start(content: bytes, member: zipfile.ZipInfo) -> int:
    offset = member.header_offset
    if content[offset : offset + 4] != LOCAL_HEADER_MAGIC:
        raise damaged()
    try:
        name_length, extra_length = struct.unpack_from("<HH", content, offset + 26)
    except struct.error:
        raise damaged() from None
    return offset + LOCAL_HEADER_BYTES + int(name_length) + int(extra_length)


def _local(name: str) -> str:
    # calamine matches names without their prefix, so the measure does too.
    return name.rpartition(":")[2] if ":" in name else name


class SharedStringLengths:
    """A parser target that keeps the length of every shared string, in calamine's order."""

    def __init__(self) -> None:
        self.lengths = array("L")
        self.depth = 0
        self.in_string = False
        self.has_text = False
        self.phonetic = False
        self.text_depth = 0
        self.length = 0

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        self.depth += 1
        if self.depth > MAXIMUM_DEPTH:
            raise damaged()
        name = _local(tag)
        if name == "si":
            if self.in_string:
                raise damaged()  # a string inside a string
            self.in_string, self.has_text, self.phonetic, self.length = True, False, False, 0
        elif self.in_string:
            # calamine keeps a string once it meets a run, or text outside a phonetic hint;
            # a string it would skip is refused, so that the indexes here match its own.
            if name == "r" or (name == "t" and not self.phonetic):
                self.has_text = True
            if name == "rPh":
                self.phonetic = True
            if name == "t":
                self.text_depth += 1

    def end(self, tag: str) -> None:
        self.depth -= 1
        name = _local(tag)
        if name == "t" and self.text_depth:
            self.text_depth -= 1
        elif name == "rPh":
            self.phonetic = False
        elif name == "si":
            if not self.has_text:
                raise damaged()
            self.lengths.append(self.length)
            self.in_string = False
            if len(self.lengths) > MAXIMUM_CELLS:
                raise too_many_cells()

    def data(self, text: str) -> None:
        if self.text_depth:
            # Phonetic text counts too: more than calamine keeps, never less.
            self.length += len(text)


class SheetMeasure:
    """A parser target that measures a sheet as calamine would expand it, and refuses it past
    the limits: each filled cell, its position, its characters and everyone's together."""

    def __init__(self, shared_lengths: array[int]) -> None:
        self.shared_lengths = shared_lengths
        self.depth = 0
        self.row = 0  # calamine's position, counted from 0: from `r` when given, else counted
        self.column = 0
        self.cells = 0
        self.characters = 0
        self.in_cell = False
        self.cell_row = 0
        self.cell_is_shared = False
        self.filled = False
        self.length = 0  # the most the cell can hold: its longest <v> or its inline text
        self.value: list[str] | None = None  # the text of the <v> being read
        self.value_text_length = 0
        self.inline_depth = 0
        self.inline_length = 0

    def start(self, name: str, attributes: dict[str, str]) -> None:
        self.depth += 1
        if self.depth > MAXIMUM_DEPTH:
            raise damaged()
        if ":" in name:
            name = _local(name)
        if name == "c":
            self._cell_start(attributes)
        elif not self.in_cell:
            if name == "row" and "r" in attributes:
                self.row = _position(attributes["r"], column_needed=False)[0]
        elif name == "v":
            if self.value is not None:
                raise damaged()  # a value inside a value
            self.filled, self.value, self.value_text_length = True, [], 0
        elif name == "is":
            self.filled = True
        elif name == "t":
            self.inline_depth += 1

    def _cell_start(self, attributes: dict[str, str]) -> None:
        if self.in_cell:
            raise damaged()  # a cell inside a cell
        if "r" in attributes:
            self.cell_row, self.column = _position(attributes["r"], column_needed=True)
        else:
            self.cell_row = self.row
        self.in_cell, self.filled, self.length, self.inline_length = True, False, 0, 0
        self.cell_is_shared = attributes.get("t") == "s"

    def data(self, text: str) -> None:
        if self.value is not None:
            self.value_text_length += len(text)
            if self.value_text_length > MAXIMUM_CELL_CHARACTERS:
                raise cell_too_long(self._reference())
            self.value.append(text)
        if self.inline_depth:
            self.inline_length += len(text)
            if self.inline_length > MAXIMUM_CELL_CHARACTERS:
                raise cell_too_long(self._reference())

    def end(self, name: str) -> None:
        self.depth -= 1
        if ":" in name:
            name = _local(name)
        if name == "c" and self.in_cell:
            self._cell_end()
        elif name == "v" and self.value is not None:
            self.length = max(self.length, self._value_length("".join(self.value)))
            self.value = None
        elif name == "t" and self.inline_depth:
            self.inline_depth -= 1
        elif name == "row":
            self.row += 1
            self.column = 0

    def _value_length(self, text: str) -> int:
        if not self.cell_is_shared:
            return len(text)
        # calamine may read the type differently (it does not unescape it): count the more.
        index = int(text) if text.isascii() and text.strip().isdigit() else -1
        shared = self.shared_lengths[index] if 0 <= index < len(self.shared_lengths) else 0
        return max(shared, len(text))

    def _cell_end(self) -> None:
        length = max(self.length, self.inline_length)
        if length > MAXIMUM_CELL_CHARACTERS:
            raise cell_too_long(self._reference())
        if self.filled:
            self.cells += 1
            self.characters += length
            self._check(self.cell_row, self.column)
        self.column += 1
        self.in_cell, self.value, self.inline_depth = False, None, 0

    def _check(self, row: int, column: int) -> None:
        if row >= MAXIMUM_ROWS + 1:
            raise too_many_rows()
        if column >= MAXIMUM_COLUMNS:
            raise too_many_columns()
        if self.cells > MAXIMUM_CELLS:
            raise too_many_cells()
        if self.characters > MAXIMUM_TEXT_CHARACTERS:
            raise too_much_text()

    def _reference(self) -> str:
        row = self.cell_row if self.in_cell else self.row
        return f"{get_column_letter(self.column + 1)}{row + 1}"


COLUMN_OF: dict[str, int] = {}  # "A" -> 0, "AB" -> 27: filled as references are read


def _position(reference: str, *, column_needed: bool) -> tuple[int, int]:
    """Return the (row, column) counted from 0 of a reference like C5, as calamine reads it
    (a row's reference may leave out the column)."""
    letters = reference.rstrip("0123456789")
    digits = reference[len(letters) :]
    column = COLUMN_OF.get(letters)
    if column is None and (letters or column_needed):
        column = _column_of(letters)
    if not digits or len(digits) > 7 or not digits.isascii() or int(digits) == 0:
        raise damaged()
    return int(digits) - 1, -1 if column is None else column


def _column_of(letters: str) -> int:
    if not (0 < len(letters) <= 3 and letters.isascii() and letters.isalpha()):
        raise damaged()
    column = 0
    for letter in letters.upper():
        column = column * 26 + ord(letter) - ord("A") + 1
    COLUMN_OF[letters] = column - 1
    return column - 1
