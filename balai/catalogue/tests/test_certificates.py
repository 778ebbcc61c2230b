"""Instructors' certificates, one per qualification."""

from __future__ import annotations

import datetime

import pytest

from balai.catalogue.models import Programme
from balai.catalogue.services import instructor_certificate_set, instructor_create
from balai.core.errors import ApplicationError
from balai.testing.factories import kelurahan
from balai.testing.places import SUKARASA

pytestmark = pytest.mark.django_db


def test_a_certificate_is_kept_per_qualification_and_replaced(
    kota_tangerang: None, programmes: list[Programme], today: datetime.date
) -> None:
    instructor = instructor_create(
        full_name="Budi", home_kelurahan=kelurahan(SUKARASA), programmes=[programmes[0]]
    )
    instructor_certificate_set(instructor=instructor, programme=programmes[0], number=" BNSP-001 ")
    renewed = instructor_certificate_set(
        instructor=instructor,
        programme=programmes[0],
        number="BNSP-002",
        valid_until=today + datetime.timedelta(days=3 * 365),
    )
    assert instructor.certificates.count() == 1 and renewed.number == "BNSP-002"
    with pytest.raises(ApplicationError) as refused:
        instructor_certificate_set(instructor=instructor, programme=programmes[1], number="X")
    assert refused.value.code == "not_qualified"
    assert str(refused.value) == "Budi tidak memenuhi syarat untuk Pengelasan (Las)."
