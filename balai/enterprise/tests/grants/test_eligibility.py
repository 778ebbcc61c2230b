"""Who may apply for a grant: every rule of the batch, each reason shown at once."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from balai.accounts.models import Role, User
from balai.core.errors import NotFoundError, PermissionDeniedError
from balai.enterprise.grant_eligibility import business_age_months
from balai.enterprise.grants import GrantError, GrantIneligibleError, grant_apply
from balai.enterprise.models import GrantApplication, GrantApplicationStatus
from balai.testing.enterprise import make_grant_batch, make_group, make_residents
from balai.testing.grants import apply_for, business, make_approved
from balai.testing.places import KERONCONG

pytestmark = pytest.mark.django_db


def refusal_codes(error: pytest.ExceptionInfo[GrantIneligibleError]) -> set[str]:
    return {reason["code"] for reason in error.value.details["reasons"]}


def test_an_eligible_resident_applies_for_the_batch_amount(kota_tangerang: None) -> None:
    (resident,) = make_residents(1)
    batch = make_grant_batch(amount_per_grant=750_000)

    application = apply_for(resident, batch)

    assert application.status == GrantApplicationStatus.SUBMITTED
    assert application.amount == 750_000
    assert application.kelurahan_id == resident.domicile_kelurahan_id
    assert application.submitted_by == resident.user


def test_a_batch_not_open_today_is_refused(kota_tangerang: None) -> None:
    (resident,) = make_residents(1)
    batch = make_grant_batch()
    batch.closes_on = timezone.localdate() - datetime.timedelta(days=1)
    batch.save()

    with pytest.raises(GrantIneligibleError) as refused:
        apply_for(resident, batch)

    assert refusal_codes(refused) == {"batch_closed"}


def test_a_resident_whose_domicile_is_outside_the_city_is_refused(
    kota_tangerang: None, settings: Any
) -> None:
    (resident,) = make_residents(1)
    batch = make_grant_batch()
    settings.BALAI_REGENCY_CODE = "36.03"  # the deployment is another regency's

    with pytest.raises(GrantIneligibleError) as refused:
        apply_for(resident, batch)

    assert refusal_codes(refused) == {"domicile_outside_city"}


def test_the_domicile_rule_is_a_switch_of_the_batch(kota_tangerang: None, settings: Any) -> None:
    (resident,) = make_residents(1)
    batch = make_grant_batch()
    batch.requires_domicile = False
    batch.save()
    settings.BALAI_REGENCY_CODE = "36.03"

    assert apply_for(resident, batch).status == GrantApplicationStatus.SUBMITTED


@pytest.mark.parametrize(
    ("days_ago", "code"),
    [(-1, "business_start_in_future"), (20, "business_too_young"), (500, "business_too_old")],
)
def test_a_business_outside_the_batch_ages_is_refused(
    kota_tangerang: None, days_ago: int, code: str
) -> None:
    (resident,) = make_residents(1)
    batch = make_grant_batch()  # up to 12 months old
    batch.min_business_age_months = 1
    batch.save()
    started_on = timezone.localdate() - datetime.timedelta(days=days_ago)

    with pytest.raises(GrantIneligibleError) as refused:
        apply_for(resident, batch, business_started_on=started_on)

    assert refusal_codes(refused) == {code}


def test_business_age_counts_whole_months() -> None:
    today = timezone.localdate().replace(day=15)
    assert business_age_months(started_on=today, today=today) == 0
    assert business_age_months(started_on=today.replace(day=16), today=today) == -1
    a_year_before = today.replace(year=today.year - 1)
    assert business_age_months(started_on=a_year_before, today=today) == 12


def test_a_declared_other_city_grant_is_refused(kota_tangerang: None) -> None:
    (resident,) = make_residents(1)
    batch = make_grant_batch()

    with pytest.raises(GrantIneligibleError) as refused:
        apply_for(resident, batch, declares_other_city_grant=True)

    assert refusal_codes(refused) == {"other_city_grant"}


def test_every_failed_rule_is_named_at_once(kota_tangerang: None, settings: Any) -> None:
    (resident,) = make_residents(1)
    batch = make_grant_batch()
    settings.BALAI_REGENCY_CODE = "36.03"
    future = timezone.localdate() + datetime.timedelta(days=3)

    with pytest.raises(GrantIneligibleError) as refused:
        apply_for(resident, batch, business_started_on=future, declares_other_city_grant=True)

    assert refusal_codes(refused) == {
        "domicile_outside_city",
        "business_start_in_future",
        "other_city_grant",
    }
    assert "business_started_on" in refused.value.details


def test_a_second_grant_to_the_same_person_is_refused_in_another_batch(
    users_by_role: dict[str, User],
) -> None:
    (resident,) = make_residents(1)
    first, second = make_grant_batch(name="2026 I"), make_grant_batch(name="2026 II")
    make_approved(
        resident,
        first,
        operator=users_by_role[Role.KELURAHAN_OPERATOR],
        admin=users_by_role[Role.ADMIN],
    )

    with pytest.raises(GrantIneligibleError) as refused:
        apply_for(resident, second)

    assert refusal_codes(refused) == {"earlier_grant"}


def test_a_second_application_in_the_same_batch_is_refused_clearly(kota_tangerang: None) -> None:
    (resident,) = make_residents(1)
    batch = make_grant_batch()
    apply_for(resident, batch)

    with pytest.raises(GrantError) as refused:
        apply_for(resident, batch, business_name="Usaha Lain")

    assert refused.value.code == "already_applied"
    assert GrantApplication.objects.count() == 1


def test_a_double_submit_makes_one_application(kota_tangerang: None) -> None:
    (resident,) = make_residents(1)
    batch = make_grant_batch()

    first = apply_for(resident, batch)
    again = apply_for(resident, batch)

    assert again.pk == first.pk
    assert GrantApplication.objects.count() == 1


def test_an_operator_applies_for_a_resident_of_their_area(users_by_role: dict[str, User]) -> None:
    (resident,) = make_residents(1)
    operator = users_by_role[Role.KELURAHAN_OPERATOR]

    application = grant_apply(
        by=operator,
        batch_id=make_grant_batch().pk,
        details=business(),
        person_public_id=resident.public_id,
    )

    assert application.person == resident
    assert application.submitted_by == operator


def test_an_operator_cannot_apply_for_a_resident_outside_their_area(
    users_by_role: dict[str, User],
) -> None:
    (resident,) = make_residents(1, kelurahan_code=KERONCONG)

    with pytest.raises(NotFoundError):
        grant_apply(
            by=users_by_role[Role.KELURAHAN_OPERATOR],
            batch_id=make_grant_batch().pk,
            details=business(),
            person_public_id=resident.public_id,
        )


def test_a_groups_leader_applies_for_the_group_and_a_member_may_not(
    kota_tangerang: None,
) -> None:
    team = make_group(kelurahan_code=KERONCONG)
    batch = make_grant_batch()
    leader, member = team.users[0], team.users[2]

    application = grant_apply(
        by=leader, batch_id=batch.pk, details=business(), group_id=team.group.pk
    )

    assert application.person == team.leader
    assert application.group == team.group
    assert application.kelurahan_id == KERONCONG
    with pytest.raises(PermissionDeniedError):
        grant_apply(by=member, batch_id=batch.pk, details=business(), group_id=team.group.pk)
