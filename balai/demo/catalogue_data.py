"""The sixteen demo programmes: common Indonesian BLK trades, with realistic hours and sizes.

Hours are lesson hours (jam pelajaran of 45 minutes); sessions are half-day meetings of five
lesson hours (08.00-12.00 or 13.00-17.00 with a break). Kelurahan courses are short: ten to
twenty-four half-days, so that five classes share a kelurahan's halls within eight weeks.
Classes are 20, as in the Kota Tangerang programme (5 classes of 20 per kelurahan = 10,400
places).
"""

from __future__ import annotations

from typing import NamedTuple


class DemoProgramme(NamedTuple):
    code: str
    name: str
    description: str
    hours: int
    session_count: int


PROGRAMMES = [
    DemoProgramme(
        "tata-boga",
        "Tata Boga",
        "Memasak dan mengolah makanan untuk usaha katering dan warung.",
        60,
        12,
    ),
    DemoProgramme(
        "menjahit",
        "Menjahit",
        "Menjahit pakaian dengan mesin jahit, dari pola hingga jadi.",
        90,
        18,
    ),
    DemoProgramme(
        "tata-rias",
        "Tata Rias",
        "Rias wajah dan pengantin untuk usaha salon dan jasa rias.",
        60,
        12,
    ),
    DemoProgramme(
        "barista", "Barista", "Menyeduh kopi espresso dan manual, pelayanan kedai kopi.", 50, 10
    ),
    DemoProgramme(
        "sablon", "Sablon", "Sablon kaos manual dan digital untuk usaha konveksi.", 50, 10
    ),
    DemoProgramme(
        "servis-sepeda-motor",
        "Servis Sepeda Motor",
        "Perawatan berkala dan perbaikan sepeda motor injeksi.",
        120,
        24,
    ),
    DemoProgramme(
        "las",
        "Pengelasan (Las)",
        "Las listrik SMAW untuk pagar, teralis dan konstruksi ringan.",
        120,
        24,
    ),
    DemoProgramme(
        "teknisi-ac",
        "Teknisi AC",
        "Pemasangan, perawatan dan perbaikan AC split rumah tangga.",
        90,
        18,
    ),
    DemoProgramme(
        "servis-ponsel",
        "Servis Telepon Seluler",
        "Perbaikan perangkat keras dan lunak telepon seluler.",
        90,
        18,
    ),
    DemoProgramme(
        "desain-grafis",
        "Desain Grafis",
        "Desain media promosi dengan perangkat lunak grafis.",
        90,
        18,
    ),
    DemoProgramme(
        "pemasaran-digital",
        "Pemasaran Digital",
        "Berjualan melalui lokapasar dan media sosial untuk UMKM.",
        50,
        10,
    ),
    DemoProgramme(
        "budidaya-ikan",
        "Budidaya Ikan Air Tawar",
        "Budidaya lele dan nila dengan kolam terpal dan bioflok.",
        60,
        12,
    ),
    DemoProgramme(
        "hidroponik",
        "Pertanian Hidroponik",
        "Bercocok tanam sayuran hidroponik di lahan sempit perkotaan.",
        50,
        10,
    ),
    DemoProgramme(
        "pangkas-rambut",
        "Pangkas Rambut",
        "Potong rambut pria dan pengelolaan usaha barbershop.",
        60,
        12,
    ),
    DemoProgramme(
        "instalasi-listrik",
        "Instalasi Listrik Rumah Tangga",
        "Instalasi dan perbaikan listrik rumah sesuai PUIL.",
        90,
        18,
    ),
    DemoProgramme(
        "operator-komputer",
        "Operator Komputer Perkantoran",
        "Pengolah kata, lembar kerja dan surat-menyurat kantor.",
        60,
        12,
    ),
]
CLASS_SIZE = 20
MINIMUM_CLASS_SIZE = 10

# Three competency units a programme, named the way SKKNI units are (a code and a task).
COMPETENCY_UNITS = {
    "tata-boga": ["Menerapkan keamanan pangan", "Mengolah makanan", "Menata hidangan"],
    "menjahit": ["Membuat pola", "Memotong bahan", "Menjahit pakaian"],
    "tata-rias": ["Merawat kulit wajah", "Merias wajah", "Menata rambut"],
    "barista": ["Menyiapkan peralatan kopi", "Menyeduh espreso", "Melayani pelanggan"],
    "sablon": ["Menyiapkan screen", "Mencetak sablon", "Menyelesaikan hasil cetak"],
    "servis-sepeda-motor": ["Merawat mesin", "Memperbaiki sistem rem", "Memperbaiki kelistrikan"],
    "las": ["Menerapkan K3 pengelasan", "Mengelas pelat posisi datar", "Mengelas pipa"],
    "teknisi-ac": ["Memasang AC split", "Merawat AC", "Memperbaiki sistem refrigerasi"],
    "servis-ponsel": ["Mendiagnosis kerusakan", "Mengganti komponen", "Memasang perangkat lunak"],
    "desain-grafis": ["Mengolah gambar", "Menata letak", "Membuat identitas merek"],
    "pemasaran-digital": ["Membuat konten", "Mengelola media sosial", "Beriklan di internet"],
    "budidaya-ikan": ["Menyiapkan kolam", "Memberi pakan", "Memanen ikan"],
    "hidroponik": ["Menyemai benih", "Merawat larutan nutrisi", "Memanen sayuran"],
    "pangkas-rambut": ["Menyiapkan alat pangkas", "Memangkas rambut", "Merapikan jenggot"],
    "instalasi-listrik": ["Menerapkan K3 listrik", "Memasang instalasi", "Memeriksa instalasi"],
    "operator-komputer": ["Mengolah kata", "Mengolah angka", "Membuat presentasi"],
}


def competency_units_of(code: str) -> list[tuple[str, str]]:
    """The programme's units as (code, title): e.g. TATA-BOGA.01."""
    prefix = code.upper()
    return [
        (f"{prefix}.{number:02d}", title)
        for number, title in enumerate(COMPETENCY_UNITS[code], start=1)
    ]
