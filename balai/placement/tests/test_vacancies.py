"""Vacancies: drafted and submitted by a verified company's employer, verified or rejected by
an admin (audited, the company told), changed, closed; every bad input refused whole."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from balai.accounts.models import Role, User
from balai.catalogue.models import Programme
from balai.core.errors import ApplicationError, NotFoundError, PermissionDeniedError
from balai.core.models import AuditEntry
from balai.notifications.models import Notification
from balai.placement.models import CompanyStatus, Vacancy, VacancyStatus
from balai.placement.vacancies import (
    vacancy_close,
    vacancy_create,
    vacancy_reject,
    vacancy_submit,
    vacancy_update,
    vacancy_verify,
)
from balai.placement.vacancy_input import VacancyInput, wage_range_label, wage_typed
from balai.testing.placement import make_company, make_vacancy
from balai.testing.places import KERONCONG, SUKARASA

pytestmark = pytest.mark.django_db


def vacancy_input(**changes: Any) -> VacancyInput:
    values: dict[str, Any] = {
        "title": "Juru masak",
        "description": "Memasak menu harian.\n\nShift pagi.",
        "deadline": timezone.localdate() + datetime.timedelta(days=14),
        "kelurahan_code": SUKARASA,
        "wage_min": "3.500.000",
        "wage_max": "4500000",
        "openings": "2",
    }
    return VacancyInput(**(values | changes))


@pytest.fixture
def employer(kota_tangerang: None) -> User:
    _company, (user,) = make_company()
    user.email = "hrd@maju.example"
    user.save()
    return user


@pytest.fixture
def admin(users_by_role: dict[str, User]) -> User:
    return users_by_role[Role.ADMIN]


def test_a_draft_is_saved_with_its_programmes_wages_as_integers_and_an_audit_entry(
    employer: User, programmes: list[Programme]
) -> None:
    vacancy = vacancy_create(
        employer=employer,
        data=vacancy_input(programme_ids=[programmes[0].pk, programmes[1].pk]),
    )

    assert vacancy.status == VacancyStatus.DRAFT
    assert (vacancy.wage_min, vacancy.wage_max) == (3_500_000, 4_500_000)
    assert set(vacancy.programmes.all()) == {programmes[0], programmes[1]}
    assert vacancy.description == "Memasak menu harian.\n\nShift pagi."
    assert AuditEntry.objects.filter(target_id=str(vacancy.pk), action="create").exists()


def test_a_double_clicked_save_yields_one_vacancy(employer: User) -> None:
    first = vacancy_create(employer=employer, data=vacancy_input())
    second = vacancy_create(employer=employer, data=vacancy_input())

    assert first.pk == second.pk
    assert Vacancy.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": "  "}, "title"),
        ({"title": "x" * 151}, "title"),
        ({"description": ""}, "description"),
        ({"title": "Juru\u202emasak"}, "title"),
        ({"skills": "y" * 301}, "skills"),
        ({"kelurahan_code": "", "address": ""}, "kelurahan"),
        ({"kelurahan_code": "99.99.99.9999"}, "kelurahan"),
        ({"kelurahan_code": "31.71.01.1001"}, "kelurahan"),  # Jakarta: not the city
        ({"wage_min": "3.500.000,50"}, "wage_min"),
        ({"wage_min": "3500000.5"}, "wage_min"),
        ({"wage_min": "3,5"}, "wage_min"),
        ({"wage_min": "3.5"}, "wage_min"),
        ({"wage_min": "tiga juta"}, "wage_min"),
        ({"wage_min": "35.00.000"}, "wage_min"),
        ({"wage_min": "0"}, "wage_min"),
        ({"wage_min": -5}, "wage_min"),
        ({"wage_max": "99.999.999.999"}, "wage_max"),
        ({"wage_min": "5.000.000", "wage_max": "4.000.000"}, "wage_max"),
        ({"openings": "0"}, "openings"),
        ({"openings": "-1"}, "openings"),
        ({"openings": "dua"}, "openings"),
        ({"openings": 1001}, "openings"),
        ({"deadline": None}, "deadline"),
        ({"deadline": timezone.localdate() - datetime.timedelta(days=1)}, "deadline"),
        ({"programme_ids": [999_999]}, "programmes"),
    ],
)
def test_bad_input_is_refused_beside_its_field_and_nothing_is_saved(
    employer: User, changes: dict[str, Any], field: str
) -> None:
    with pytest.raises(ApplicationError) as refused:
        vacancy_create(employer=employer, data=vacancy_input(**changes))

    assert field in refused.value.details
    assert refused.value.message
    assert not Vacancy.objects.exists()


def test_every_wrong_field_is_named_at_once(employer: User) -> None:
    with pytest.raises(ApplicationError) as refused:
        vacancy_create(
            employer=employer, data=vacancy_input(title="", wage_min="3,5", openings="0")
        )

    assert {"title", "wage_min", "openings"} <= set(refused.value.details)


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("3.500.000", 3_500_000),
        ("3500000", 3_500_000),
        ("Rp 3.500.000", 3_500_000),
        ("Rp3.500.000", 3_500_000),
        ("3 500 000", 3_500_000),
        (" 750.000 ", 750_000),
        (4_000_000, 4_000_000),
        ("", None),
        (None, None),
    ],
)
def test_wages_are_read_as_people_write_rupiah(typed: str | int | None, amount: int | None) -> None:
    assert wage_typed(typed) == amount


def test_a_wage_range_reads_as_rupiah() -> None:
    assert wage_range_label(3_000_000, 4_500_000) == "Rp3.000.000 - Rp4.500.000"
    assert wage_range_label(3_000_000, 3_000_000) == "Rp3.000.000"


def test_a_workplace_outside_the_city_is_an_address(employer: User) -> None:
    vacancy = vacancy_create(
        employer=employer, data=vacancy_input(kelurahan_code="", address="Jl. Daan Mogot, Jakarta")
    )
    assert vacancy.kelurahan is None
    assert vacancy.address == "Jl. Daan Mogot, Jakarta"


def test_somebody_with_no_company_cannot_draft(users_by_role: dict[str, User]) -> None:
    with pytest.raises(PermissionDeniedError):
        vacancy_create(employer=users_by_role[Role.EMPLOYER], data=vacancy_input())
    assert not Vacancy.objects.exists()


def test_a_company_awaiting_verification_may_draft_but_not_submit(kota_tangerang: None) -> None:
    _company, (employer,) = make_company(status=CompanyStatus.PENDING)
    vacancy = vacancy_create(employer=employer, data=vacancy_input())

    with pytest.raises(PermissionDeniedError) as refused:
        vacancy_submit(vacancy=vacancy, employer=employer)

    assert refused.value.code == "company_not_verified"
    vacancy.refresh_from_db()
    assert vacancy.status == VacancyStatus.DRAFT
    # Submitting at once refuses the whole save: no draft is left behind either.
    with pytest.raises(PermissionDeniedError):
        vacancy_create(employer=employer, data=vacancy_input(title="Kasir"), submit=True)
    assert not Vacancy.objects.filter(title="Kasir").exists()


def test_a_submitted_vacancy_is_verified_published_audited_and_the_company_told(
    employer: User, admin: User
) -> None:
    vacancy = vacancy_create(employer=employer, data=vacancy_input(), submit=True)
    assert vacancy.status == VacancyStatus.SUBMITTED
    assert vacancy.submitted_at is not None

    vacancy_verify(vacancy=vacancy, admin=admin)

    vacancy.refresh_from_db()
    assert vacancy.status == VacancyStatus.PUBLISHED
    assert vacancy.published_at is not None
    assert vacancy.decided_by == admin
    entry = AuditEntry.objects.filter(target_id=str(vacancy.pk), action="update").first()
    assert entry is not None and entry.changes["status"]["new"] == VacancyStatus.PUBLISHED
    [told] = Notification.objects.filter(user=employer)
    assert told.kind == "vacancy_published"
    assert "Juru masak" in told.body


def test_a_rejection_needs_a_reason_which_the_company_reads(employer: User, admin: User) -> None:
    vacancy = vacancy_create(employer=employer, data=vacancy_input(), submit=True)

    for reason in ["", "   ", "x" * 501]:
        with pytest.raises(ApplicationError) as refused:
            vacancy_reject(vacancy=vacancy, admin=admin, reason=reason)
        assert "reason" in refused.value.details
    vacancy.refresh_from_db()
    assert vacancy.status == VacancyStatus.SUBMITTED

    vacancy_reject(vacancy=vacancy, admin=admin, reason="Gaji di bawah UMK")

    vacancy.refresh_from_db()
    assert (vacancy.status, vacancy.status_reason) == (VacancyStatus.REJECTED, "Gaji di bawah UMK")
    [told] = Notification.objects.filter(user=employer)
    assert told.kind == "vacancy_rejected"
    assert "Gaji di bawah UMK" in told.body
    entry = AuditEntry.objects.filter(target_id=str(vacancy.pk), reason="Gaji di bawah UMK")
    assert entry.exists()


def test_a_rejected_vacancy_may_be_corrected_and_submitted_again(
    employer: User, admin: User
) -> None:
    vacancy = vacancy_create(employer=employer, data=vacancy_input(), submit=True)
    vacancy_reject(vacancy=vacancy, admin=admin, reason="Upah terlalu rendah")
    vacancy_update(
        vacancy=vacancy,
        employer=employer,
        data=vacancy_input(wage_min="4.800.000", wage_max="5.000.000"),
    )

    vacancy_submit(vacancy=vacancy, employer=employer)

    vacancy.refresh_from_db()
    assert (vacancy.status, vacancy.status_reason) == (VacancyStatus.SUBMITTED, "")


def test_only_a_submitted_vacancy_is_decided_and_only_by_an_admin(
    employer: User, admin: User, users_by_role: dict[str, User]
) -> None:
    draft = vacancy_create(employer=employer, data=vacancy_input())
    with pytest.raises(ApplicationError):
        vacancy_verify(vacancy=draft, admin=admin)
    vacancy_submit(vacancy=draft, employer=employer)
    with pytest.raises(PermissionDeniedError):
        vacancy_verify(vacancy=draft, admin=users_by_role[Role.KELURAHAN_OPERATOR])
    with pytest.raises(PermissionDeniedError):
        vacancy_verify(vacancy=draft, admin=employer)
    vacancy_verify(vacancy=draft, admin=admin)
    with pytest.raises(ApplicationError) as twice:
        vacancy_reject(vacancy=draft, admin=admin, reason="late")
    assert twice.value.code == "decided"


def test_a_vacancy_is_not_published_for_a_company_no_longer_verified_or_past_its_deadline(
    employer: User, admin: User
) -> None:
    vacancy = vacancy_create(employer=employer, data=vacancy_input(), submit=True)
    Vacancy.objects.filter(pk=vacancy.pk).update(
        deadline=timezone.localdate() - datetime.timedelta(days=1)
    )
    with pytest.raises(ApplicationError) as late:
        vacancy_verify(vacancy=vacancy, admin=admin)
    assert late.value.code == "deadline_past"

    Vacancy.objects.filter(pk=vacancy.pk).update(deadline=timezone.localdate())
    vacancy.company.status = CompanyStatus.SUSPENDED
    vacancy.company.save()
    with pytest.raises(ApplicationError) as suspended:
        vacancy_verify(vacancy=vacancy, admin=admin)
    assert suspended.value.code == "company_not_verified"
    vacancy.refresh_from_db()
    assert vacancy.status == VacancyStatus.SUBMITTED


def test_a_change_of_substance_sends_a_published_vacancy_back_and_keeps_its_first_date(
    employer: User, admin: User
) -> None:
    vacancy = vacancy_create(employer=employer, data=vacancy_input(), submit=True)
    vacancy_verify(vacancy=vacancy, admin=admin)
    vacancy.refresh_from_db()
    first_published = vacancy.published_at

    saved = vacancy_update(vacancy=vacancy, employer=employer, data=vacancy_input(openings="5"))
    assert not saved.sent_back_for_verification
    vacancy.refresh_from_db()
    assert (vacancy.status, vacancy.openings) == (VacancyStatus.PUBLISHED, 5)

    saved = vacancy_update(
        vacancy=vacancy, employer=employer, data=vacancy_input(openings="5", wage_max="9.000.000")
    )
    assert saved.sent_back_for_verification
    vacancy.refresh_from_db()
    assert vacancy.status == VacancyStatus.SUBMITTED

    vacancy_verify(vacancy=vacancy, admin=admin)
    vacancy.refresh_from_db()
    assert vacancy.published_at == first_published


@pytest.mark.parametrize("field", ["title", "description"])
def test_a_new_title_or_description_sends_it_back_too(
    employer: User, admin: User, field: str
) -> None:
    vacancy = vacancy_create(employer=employer, data=vacancy_input(), submit=True)
    vacancy_verify(vacancy=vacancy, admin=admin)

    saved = vacancy_update(
        vacancy=vacancy, employer=employer, data=vacancy_input(**{field: "Koki kepala"})
    )

    assert saved.sent_back_for_verification


def test_a_bad_edit_changes_nothing(employer: User) -> None:
    vacancy = vacancy_create(employer=employer, data=vacancy_input())
    with pytest.raises(ApplicationError):
        vacancy_update(
            vacancy=vacancy, employer=employer, data=vacancy_input(title="Baru", openings="0")
        )
    vacancy.refresh_from_db()
    assert (vacancy.title, vacancy.openings) == ("Juru masak", 2)


def test_a_closed_vacancy_stays_closed_and_cannot_be_changed(employer: User) -> None:
    vacancy = vacancy_create(employer=employer, data=vacancy_input())
    vacancy_close(vacancy=vacancy, employer=employer)
    vacancy_close(vacancy=vacancy, employer=employer)  # twice: no error

    vacancy.refresh_from_db()
    assert vacancy.status == VacancyStatus.CLOSED
    with pytest.raises(ApplicationError):
        vacancy_update(vacancy=vacancy, employer=employer, data=vacancy_input(title="Baru"))
    with pytest.raises(ApplicationError):
        vacancy_submit(vacancy=vacancy, employer=employer)


def test_another_company_cannot_touch_a_vacancy(employer: User, admin: User) -> None:
    other_company, (_other,) = make_company(name="PT Lain")
    theirs = make_vacancy(other_company, status=VacancyStatus.DRAFT, kelurahan=KERONCONG)

    for change in (
        lambda: vacancy_update(vacancy=theirs, employer=employer, data=vacancy_input()),
        lambda: vacancy_submit(vacancy=theirs, employer=employer),
        lambda: vacancy_close(vacancy=theirs, employer=employer),
    ):
        with pytest.raises(NotFoundError):
            change()
    with pytest.raises(PermissionDeniedError):
        vacancy_close(vacancy=theirs, employer=admin)
    theirs.refresh_from_db()
    assert (theirs.title, theirs.status) == ("Juru masak", VacancyStatus.DRAFT)
