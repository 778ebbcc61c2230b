"""Kelurahan the tests work in, by code (loaded by the kota_tangerang fixture)."""

from __future__ import annotations

SUKARASA = "36.71.01.1001"  # in Kecamatan Tangerang


BABAKAN = "36.71.01.1008"  # also in Kecamatan Tangerang


KERONCONG = "36.71.02.1001"  # in Kecamatan Jatiuwung
