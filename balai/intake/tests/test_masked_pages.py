"""Operators' application pages show a NIK's last four digits only, and no birth date beside
them: together, those let anyone rebuild the NIK."""

from __future__ import annotations

import re

import pytest

from balai.accounts.models import Role, User
from balai.core.encryption import decrypt_text
from balai.intake.allocation.publishing import allocation_publish
from balai.intake.allocation.runs import allocation_run
from balai.intake.models import Application
from balai.testing.allocation import Queue
from balai.testing.clients import client_for

pytestmark = pytest.mark.django_db
OLD_MASK = re.compile(r"\d{4}\*{10}\d{2}")


def assert_only_the_last_four_digits(page: str, application: Application) -> None:
    nik = decrypt_text(application.person.nik_encrypted)
    assert "*" * 12 + nik[-4:] in page
    assert nik[:4] not in page and not OLD_MASK.search(page)
    assert str(application.person.birth_date.year) not in page


def test_the_operators_application_list_and_detail_show_only_the_last_four_digits(
    queue: Queue, users_by_role: dict[str, User]
) -> None:
    batch, _offerings, applications = queue
    allocation_publish(run=allocation_run(batch=batch, seed=12345, created_by=None))
    operator = client_for(users_by_role[Role.KELURAHAN_OPERATOR])
    listing = operator.get("/applications/").content.decode()
    for application in applications:
        assert_only_the_last_four_digits(listing, application)
    detail = operator.get(f"/applications/{applications[1].public_id}/").content.decode()
    assert 'data-testid="explanation"' in detail  # the allocation's explanation is on it
    assert_only_the_last_four_digits(detail, applications[1])
