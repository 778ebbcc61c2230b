"""The sixteen demo programmes: common Indonesian BLK trades, with realistic hours and sizes.

Hours are lesson hours (jam pelajaran of 45 minutes); sessions are half-day meetings of five
lesson hours (08.00-12.00 or 13.00-17.00 with a break). Classes are 20, as
in the Kota Tangerang programme (5 classes of 20 per kelurahan = 10,400 places).
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
        80,
        16,
    ),
    DemoProgramme(
        "menjahit",
        "Menjahit",
        "Menjahit pakaian dengan mesin jahit, dari pola hingga jadi.",
        120,
        24,
    ),
    DemoProgramme(
        "tata-rias",
        "Tata Rias",
        "Rias wajah dan pengantin untuk usaha salon dan jasa rias.",
        80,
        16,
    ),
    DemoProgramme(
        "barista", "Barista", "Menyeduh kopi espresso dan manual, pelayanan kedai kopi.", 60, 12
    ),
    DemoProgramme(
        "sablon", "Sablon", "Sablon kaos manual dan digital untuk usaha konveksi.", 60, 12
    ),
    DemoProgramme(
        "servis-sepeda-motor",
        "Servis Sepeda Motor",
        "Perawatan berkala dan perbaikan sepeda motor injeksi.",
        160,
        32,
    ),
    DemoProgramme(
        "las",
        "Pengelasan (Las)",
        "Las listrik SMAW untuk pagar, teralis dan konstruksi ringan.",
        160,
        32,
    ),
    DemoProgramme(
        "teknisi-ac",
        "Teknisi AC",
        "Pemasangan, perawatan dan perbaikan AC split rumah tangga.",
        120,
        24,
    ),
    DemoProgramme(
        "servis-ponsel",
        "Servis Telepon Seluler",
        "Perbaikan perangkat keras dan lunak telepon seluler.",
        120,
        24,
    ),
    DemoProgramme(
        "desain-grafis",
        "Desain Grafis",
        "Desain media promosi dengan perangkat lunak grafis.",
        120,
        24,
    ),
    DemoProgramme(
        "pemasaran-digital",
        "Pemasaran Digital",
        "Berjualan melalui lokapasar dan media sosial untuk UMKM.",
        60,
        12,
    ),
    DemoProgramme(
        "budidaya-ikan",
        "Budidaya Ikan Air Tawar",
        "Budidaya lele dan nila dengan kolam terpal dan bioflok.",
        80,
        16,
    ),
    DemoProgramme(
        "hidroponik",
        "Pertanian Hidroponik",
        "Bercocok tanam sayuran hidroponik di lahan sempit perkotaan.",
        60,
        12,
    ),
    DemoProgramme(
        "pangkas-rambut",
        "Pangkas Rambut",
        "Potong rambut pria dan pengelolaan usaha barbershop.",
        80,
        16,
    ),
    DemoProgramme(
        "instalasi-listrik",
        "Instalasi Listrik Rumah Tangga",
        "Instalasi dan perbaikan listrik rumah sesuai PUIL.",
        120,
        24,
    ),
    DemoProgramme(
        "operator-komputer",
        "Operator Komputer Perkantoran",
        "Pengolah kata, lembar kerja dan surat-menyurat kantor.",
        80,
        16,
    ),
]
CLASS_SIZE = 20
MINIMUM_CLASS_SIZE = 10
