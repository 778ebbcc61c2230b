"""The roll call is taken on an instructor's phone in a hall with poor signal: a class of 20
loads in under 30 KB on a first visit (page, stylesheet, scripts, icon, headers)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from balai.catalogue.models import Programme
from balai.testing.clients import client_for
from balai.testing.page_weight import first_visit_bytes
from balai.testing.training import make_classroom

pytestmark = pytest.mark.django_db
ROLL_CALL_BUDGET = 30_000  # bytes transferred on a first visit


def test_the_roll_call_of_a_class_of_twenty_weighs_under_its_budget(
    kota_tangerang: None, programmes: list[Programme]
) -> None:
    classroom = make_classroom(programmes, applicants=20)
    session = classroom.sessions[0]
    response = client_for(classroom.teacher).get(
        reverse("training:roll_call", args=[session.pk]), headers={"accept-encoding": "gzip"}
    )
    assert response.status_code == 200 and response["Content-Encoding"] == "gzip"
    assert len(classroom.enrolments) == 20
    assert first_visit_bytes(response) < ROLL_CALL_BUDGET
