"""Which column of a list holds which field, read from the headers people really write.

Lists come from kelurahan offices, not from the template: "NAMA PESERTA", "L/P", "No HP/WA",
"Kel.", a title above the header row. A header is compared by a key that ignores case,
punctuation, spacing and the words that only say whose it is ("peserta"), against a table of
the names each field goes by. What no name matches, the operator chooses on the columns page.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from balai.intake.imports.cells import text_of

# (field, header in the template); the template is written with these.
COLUMNS = [
    ("nik", "NIK"),
    ("kk_number", "No KK"),
    ("full_name", "Nama Lengkap"),
    ("birth_date", "Tanggal Lahir"),
    ("sex", "Jenis Kelamin (L/P)"),
    ("phone", "No HP"),
    ("email", "Email"),
    ("address", "Alamat"),
    ("kelurahan", "Kelurahan (kode atau nama)"),
    ("education", "Pendidikan"),
    ("employment_status", "Status Pekerjaan"),
    ("income_band", "Penghasilan Keluarga"),
    ("has_disability", "Disabilitas (Ya/Tidak)"),
    ("is_household_head", "Kepala Keluarga (Ya/Tidak)"),
    ("choice_1", "Pilihan 1"),
    ("choice_2", "Pilihan 2"),
    ("choice_3", "Pilihan 3"),
]
# Read where a list has it, never asked for: the template leaves it out.
OPTIONAL_COLUMNS = [("kecamatan", "Kecamatan")]
HEADERS = dict(COLUMNS + OPTIONAL_COLUMNS)
REQUIRED = ["nik", "full_name", "birth_date", "sex", "kelurahan", "choice_1"]

# Other names each field goes by, as people write them; compared by `header_key`.
SYNONYMS = {
    "nik": ["No NIK", "NIK KTP", "No KTP", "Nomor Induk Kependudukan", "No Induk Kependudukan"],
    "kk_number": ["KK", "NKK", "No Kartu Keluarga", "Kartu Keluarga"],
    "full_name": ["Nama", "Nama Sesuai KTP", "Nama Lengkap Sesuai KTP", "Name", "Full Name"],
    "birth_date": [
        "Tgl Lahir",
        "Tgl Lhr",
        "TTL",
        "Tempat Tanggal Lahir",
        "Tempat Tgl Lahir",
        "Tempat/Tgl Lahir",
        "Date of Birth",
        "Birth Date",
    ],
    "sex": ["Jenis Kelamin", "Jenis Kel", "JK", "J/K", "L/P", "Kelamin", "Gender", "Sex"],
    "phone": [
        "HP",
        "No HP/WA",
        "HP/WA",
        "No WA",
        "WA",
        "No HP (WA)",
        "No Telp",
        "Telp",
        "No Telp/HP",
        "No HP/Telp",
        "Kontak",
        "No Kontak",
        "Phone",
    ],
    "email": ["E-mail", "Surel", "Alamat Email"],
    "address": ["Alamat Lengkap", "Alamat Rumah", "Alamat Domisili", "Alamat Sesuai KTP"],
    "kelurahan": [
        "Kelurahan",
        "Kel",
        "Kelurahan/Desa",
        "Desa/Kelurahan",
        "Kel/Desa",
        "Desa",
        "Kode Kelurahan",
        "Kelurahan Domisili",
        "Nama Kelurahan",
        "Nama Desa",
        "Domisili",
    ],
    "kecamatan": ["Kec", "Kode Kecamatan", "Nama Kecamatan", "Kecamatan Domisili"],
    "education": ["Pendidikan Terakhir", "Ijazah Terakhir"],
    "employment_status": ["Pekerjaan", "Status Kerja", "Status Bekerja"],
    "income_band": ["Penghasilan", "Pendapatan", "Pendapatan Keluarga", "Penghasilan per Bulan"],
    "has_disability": ["Disabilitas", "Penyandang Disabilitas", "Difabel"],
    "is_household_head": ["Kepala Keluarga", "Status Kepala Keluarga"],
    "choice_1": [
        "Pilihan",
        "Pilihan Pelatihan",
        "Pilihan Pelatihan 1",
        "Pilihan Program",
        "Pilihan Program 1",
        "Pelatihan",
        "Program",
        "Program Pelatihan",
        "Jenis Pelatihan",
        "Kejuruan",
    ],
    "choice_2": ["Pilihan Pelatihan 2", "Pilihan Program 2"],
    "choice_3": ["Pilihan Pelatihan 3", "Pilihan Program 3"],
}
# Words written many ways, each read as one.
_WORD_FORMS = {
    "nomor": "no",
    "nmr": "no",
    "nomer": "no",
    "tanggal": "tgl",
    "telepon": "telp",
    "telpon": "telp",
    "tlp": "telp",
    "handphone": "hp",
    "whatsapp": "wa",
}
# Words that say whose a column is, not what it holds.
_OWNER_WORDS = {"peserta", "pendaftar", "warga", "calon", "penduduk"}
_NOT_LETTER_OR_DIGIT = re.compile(r"[^a-z0-9]+")
_IN_BRACKETS = re.compile(r"\([^)]*\)")
# How far down a title and blank rows may push the header row.
HEADER_ROWS_SEARCHED = 10


def header_key(text: str) -> str:
    """Return the comparison key of a header: "NAMA PESERTA" and "Nama" give "nama", "No. HP"
    and "Nomor HP" give "no hp"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = _NOT_LETTER_OR_DIGIT.sub(" ", ascii_text).split()
    return " ".join(_WORD_FORMS.get(word, word) for word in words if word not in _OWNER_WORDS)


def _field_by_key() -> dict[str, str]:
    names: dict[str, str] = {}
    for name, title in COLUMNS + OPTIONAL_COLUMNS:
        for written in [title, *SYNONYMS.get(name, [])]:
            names.setdefault(header_key(written), name)
            names.setdefault(header_key(_IN_BRACKETS.sub(" ", written)), name)
    return names


FIELD_BY_KEY = _field_by_key()


def header_field(text: str) -> str | None:
    """Return the field a header names, or None."""
    return FIELD_BY_KEY.get(header_key(text)) or FIELD_BY_KEY.get(
        header_key(_IN_BRACKETS.sub(" ", text))
    )


@dataclass
class HeaderGuess:
    row_index: int  # of the header row, counted from 0
    header: list[Any]
    columns: dict[str, int] = field(default_factory=dict)  # {field: column index}

    @property
    def missing(self) -> list[str]:
        return [name for name in REQUIRED if name not in self.columns]


def header_guess(rows: list[list[Any]]) -> HeaderGuess:
    """Return the header row (the first of the top rows naming the most fields) and which
    column holds which field; a field two columns name is the first one's."""
    best = HeaderGuess(row_index=0, header=rows[0] if rows else [])
    best.columns = columns_named(best.header)
    for index, cells in enumerate(rows[1:HEADER_ROWS_SEARCHED], start=1):
        columns = columns_named(cells)
        if len(columns) > len(best.columns):
            best = HeaderGuess(row_index=index, header=cells, columns=columns)
    return best


def columns_named(header: list[Any]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, cell in enumerate(header):
        name = header_field(text_of(cell))
        if name is not None:
            columns.setdefault(name, index)
    return columns
