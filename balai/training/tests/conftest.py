"""A class that has met: one Tata Boga class of three participants in Sukarasa, its twenty
sessions in an eight-week window that opened 13 weeks before the pinned today (so every
session is over), its participants enrolled (seats accepted) before it started, and its
instructor signed in as a user."""

from __future__ import annotations

import pytest

from balai.catalogue.models import Programme
from balai.testing.training import Classroom, make_classroom


@pytest.fixture
def classroom(kota_tangerang: None, programmes: list[Programme]) -> Classroom:
    return make_classroom(programmes)
