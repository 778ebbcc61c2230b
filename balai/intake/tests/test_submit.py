from __future__ import annotations

import datetime
from typing import Any

import pytest

from balai.accounts.models import Role
from balai.core.errors import ApplicationError
from balai.intake.models import Application, ApplicationStatus, Batch, Channel, Consent, Offering
from balai.intake.selectors import offering_list
from balai.intake.services import application_submit, application_withdraw
from balai.registry.models import IncomeBand, Person, Sex
from balai.registry.nik import nik_compose
from balai.testing.batches import make_batch
from balai.testing.concurrency import run_concurrently, skip_unless_postgresql
from balai.testing.factories import kelurahan
from balai.testing.places import KERONCONG
from balai.testing.registration import person_data, submission

pytestmark = pytest.mark.django_db


def test_an_eligible_application_is_recorded_with_its_reasons_and_points(
    open_batch: Batch,
) -> None:
    application = application_submit(
        submission=submission(open_batch, person_data(income_band=IncomeBand.BELOW_1M))
    )
    assert application.status == ApplicationStatus.ELIGIBLE
    assert {reason["rule"] for reason in application.eligibility_reasons} >= {"age", "domicile"}
    assert all(reason["passed"] for reason in application.eligibility_reasons)
    assert application.priority_points == 3 + 2  # unemployed, low income
    assert [choice.rank for choice in application.choices.all()] == [1, 2, 3]
    assert Consent.objects.filter(person=application.person).exists()
    assert application.interests["version"]


def test_a_resident_of_another_city_is_ineligible_and_told_why(open_batch: Batch) -> None:
    from balai.regions.services import regions_load

    regions_load(code="36.03.01")  # a kecamatan of Kabupaten Tangerang
    outsider = kelurahan("36.03.01.2003")
    application = application_submit(
        submission=submission(open_batch, person_data(domicile_kelurahan=outsider))
    )
    assert application.status == ApplicationStatus.INELIGIBLE
    failed = [reason["rule"] for reason in application.eligibility_reasons if not reason["passed"]]
    assert failed == ["domicile"]


def test_too_old_is_ineligible(open_batch: Batch) -> None:
    old = datetime.date(1950, 1, 2)
    data = person_data(
        birth_date=old,
        nik=nik_compose(region_code="36.71.01", birth_date=old, sex=Sex.FEMALE, serial=1),
    )
    application = application_submit(submission=submission(open_batch, data))
    assert application.status == ApplicationStatus.INELIGIBLE


def test_the_same_form_sent_twice_yields_one_application(open_batch: Batch) -> None:
    form = submission(open_batch, person_data())
    first = application_submit(submission=form)
    second = application_submit(submission=form)
    assert first.pk == second.pk
    assert Application.objects.count() == 1


def test_a_second_application_to_the_same_batch_is_refused_kindly(
    open_batch: Batch, users_by_role: dict[str, Any]
) -> None:
    application_submit(submission=submission(open_batch, person_data()))
    operator = users_by_role[Role.KELURAHAN_OPERATOR]
    with pytest.raises(ApplicationError) as refused:
        application_submit(
            submission=submission(
                open_batch, person_data(), channel=Channel.ASSISTED, submitted_by=operator
            )
        )
    assert refused.value.code == "already_applied"
    assert "sudah mendaftar" in refused.value.message


def test_a_nik_registered_with_another_birth_date_is_not_reused(open_batch: Batch) -> None:
    application_submit(submission=submission(open_batch, person_data()))
    other_batch = make_batch(code="gelombang-2")
    impostor = person_data(birth_date=datetime.date(1995, 3, 10), nik=person_data().nik)
    with pytest.raises(ApplicationError):
        application_submit(submission=submission(other_batch, impostor, choices=[]))


def test_nothing_is_saved_when_a_choice_is_invalid(open_batch: Batch) -> None:
    choices = list(offering_list(batch=open_batch)[:1]) * 2
    with pytest.raises(ApplicationError) as refused:
        application_submit(submission=submission(open_batch, person_data(), choices=choices))
    assert refused.value.code == "choice_repeated"
    assert not Person.objects.exists() and not Application.objects.exists()


def test_consent_is_required(open_batch: Batch) -> None:
    with pytest.raises(ApplicationError) as refused:
        application_submit(submission=submission(open_batch, person_data(), consent_given=False))
    assert refused.value.code == "consent_missing"


def test_a_closed_batch_takes_no_applications(kota_tangerang: None, programmes: Any) -> None:
    now = datetime.datetime.now(tz=datetime.UTC)
    batch = make_batch(
        registration_opens_at=now - datetime.timedelta(days=10),
        registration_closes_at=now - datetime.timedelta(days=1),
    )
    with pytest.raises(ApplicationError) as refused:
        application_submit(submission=submission(batch, person_data(), choices=[]))
    assert refused.value.code == "batch_closed"


def test_the_family_card_limit_applies(open_batch: Batch) -> None:
    kk = "3671010101200001"
    for serial in (1, 2):
        application_submit(submission=submission(open_batch, person_data(serial, kk_number=kk)))
    third = application_submit(submission=submission(open_batch, person_data(3, kk_number=kk)))
    assert third.status == ApplicationStatus.INELIGIBLE


def first_come_batch(programmes: list[Any], seats: int) -> Batch:
    from balai.intake.batches import offerings_create

    batch = make_batch(code="fcfs", seat_assignment="first_come")
    offerings_create(batch=batch, rows=[(programmes[0], kelurahan(KERONCONG), None, seats)])
    return batch


def test_first_come_holds_a_seat_and_withdrawal_releases_it(
    kota_tangerang: None, programmes: list[Any]
) -> None:
    batch = first_come_batch(programmes, seats=1)
    first = application_submit(submission=submission(batch, person_data(1)))
    second = application_submit(submission=submission(batch, person_data(2)))
    assert (first.status, second.status) == (ApplicationStatus.SEAT_HELD, ApplicationStatus.WAITING)
    application_withdraw(application=first)
    offering = Offering.objects.get(batch=batch)
    assert offering.seats_taken == 0
    third = application_submit(submission=submission(batch, person_data(3)))
    assert third.status == ApplicationStatus.SEAT_HELD


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_200_concurrent_submissions_take_exactly_the_20_seats(
    kota_tangerang: None, programmes: list[Any]
) -> None:
    skip_unless_postgresql()
    batch = first_come_batch(programmes, seats=20)

    def submit(number: int) -> str:
        return application_submit(submission=submission(batch, person_data(number + 1))).status

    outcomes = run_concurrently(200, submit)
    assert outcomes.count(ApplicationStatus.SEAT_HELD) == 20
    assert outcomes.count(ApplicationStatus.WAITING) == 180
    assert Offering.objects.get(batch=batch).seats_taken == 20
    assert Application.objects.filter(status=ApplicationStatus.SEAT_HELD).count() == 20


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_50_concurrent_submissions_of_one_nik_create_one_application(open_batch: Batch) -> None:
    skip_unless_postgresql()

    def submit(_number: int) -> str:
        return application_submit(submission=submission(open_batch, person_data(7))).status

    outcomes = run_concurrently(50, submit)
    assert outcomes.count(ApplicationStatus.ELIGIBLE) == 1
    # The others arrived anonymously with a NIK registered by then: they must sign in.
    assert set(outcomes) - {ApplicationStatus.ELIGIBLE} == {"nik_registered"}
    assert Application.objects.count() == 1
    assert Person.objects.count() == 1


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_one_form_sent_50_times_at_once_answers_each_with_its_one_application(
    open_batch: Batch,
) -> None:
    skip_unless_postgresql()
    form = submission(open_batch, person_data(7))

    def submit(_number: int) -> str:
        return str(application_submit(submission=form).pk)

    outcomes = run_concurrently(50, submit)
    assert Application.objects.count() == 1 and Person.objects.count() == 1
    assert set(outcomes) == {str(Application.objects.get().pk)}
