"""What each role's home page is headed with."""

from __future__ import annotations

from balai.accounts.models import Role

HEADINGS = {
    Role.ADMIN: "Administrasi program",
    Role.KECAMATAN_OPERATOR: "Wilayah Anda: Kecamatan Tangerang",
    Role.KELURAHAN_OPERATOR: "Wilayah Anda: Kelurahan Sukarasa",
    Role.INSTRUCTOR: "Pengajaran Anda",
    Role.PARTICIPANT: "Pelatihan Anda",
    Role.EMPLOYER: "Merekrut lulusan",
    Role.VIEWER: "Ikhtisar program",
}
