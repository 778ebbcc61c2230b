"""Local recruitment: operators open one in their area, see the graduates of their area
proposed, and choose up to the openings; each chosen is a placement, all in one go."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from balai.accounts.models import Role, User
from balai.catalogue.models import Programme
from balai.core.errors import ApplicationError, NotFoundError
from balai.placement.models import Placement, PlacementChannel, PlacementKind, Recruitment
from balai.placement.recruitment import recruitment_create, recruitment_select
from balai.testing.clients import client_for
from balai.testing.factories import kelurahan
from balai.testing.placement import Graduates
from balai.testing.places import KERONCONG, SUKARASA
from balai.training.models import Enrolment

pytestmark = pytest.mark.django_db


def _open(by: User, *, openings: int = 2, code: str = SUKARASA, **changes: object) -> Recruitment:
    values: dict[str, object] = {
        "by": by,
        "title": "Petugas kebersihan kelurahan",
        "kind": Recruitment.Kind.LOCAL_WORK,
        "employer_name": "Kantor Kelurahan Sukarasa",
        "kelurahan": kelurahan(code),
        "openings": openings,
        "starts_on": timezone.localdate(),
        **changes,
    }
    return recruitment_create(**values)  # type: ignore[arg-type]


def test_an_operator_opens_a_recruitment_and_chooses_graduates_of_their_area(
    graduates: Graduates, users_by_role: dict[str, User]
) -> None:
    operator = users_by_role[Role.KELURAHAN_OPERATOR]
    client = client_for(operator)
    first, second, _third = graduates.enrolments

    opened = client.post(
        "/recruitment/new/",
        {
            "title": "Padat karya drainase",
            "kind": Recruitment.Kind.GOVERNMENT_PROGRAMME,
            "employer_name": "Program Padat Karya Kota",
            "kelurahan": SUKARASA,
            "openings": 2,
            "starts_on": timezone.localdate().isoformat(),
        },
    )
    recruitment = Recruitment.objects.get()
    assert opened.status_code == 302
    proposed = client.get(f"/recruitment/{recruitment.pk}/").content.decode()
    assert first.person.full_name in proposed
    chosen = client.post(f"/recruitment/{recruitment.pk}/", {"enrolment": [first.pk, second.pk]})

    assert chosen.status_code == 302
    placements = Placement.objects.order_by("pk")
    assert [placement.person_id for placement in placements] == [
        first.person_id,
        second.person_id,
    ]
    for placement in placements:
        assert placement.channel == PlacementChannel.LOCAL_RECRUITMENT
        assert placement.kind == PlacementKind.WAGE_EMPLOYMENT
        assert placement.recruitment == recruitment
        assert placement.employer_name == "Program Padat Karya Kota"
        assert placement.starts_on == recruitment.starts_on
    after = client.get(f"/recruitment/{recruitment.pk}/").content.decode()
    assert "Semua lowongan sudah terisi" in after  # no more to choose


def test_only_graduates_of_the_operators_area_are_proposed(
    graduates: Graduates, elsewhere: Enrolment, users_by_role: dict[str, User]
) -> None:
    operator = users_by_role[Role.KELURAHAN_OPERATOR]
    recruitment = _open(operator)

    page = client_for(operator).get(f"/recruitment/{recruitment.pk}/").content.decode()

    assert graduates.enrolments[0].person.full_name in page
    assert elsewhere.person.full_name not in page


def test_proposals_can_be_narrowed_to_a_programme(
    graduates: Graduates, users_by_role: dict[str, User], programmes: list[Programme]
) -> None:
    operator = users_by_role[Role.KECAMATAN_OPERATOR]
    recruitment = _open(operator)
    other = next(programme for programme in programmes if programme != graduates.programme)
    client = client_for(operator)
    name = graduates.enrolments[0].person.full_name

    assert (
        name
        in client.get(
            f"/recruitment/{recruitment.pk}/", {"programme": graduates.programme.pk}
        ).content.decode()
    )
    assert (
        name
        not in client.get(
            f"/recruitment/{recruitment.pk}/", {"programme": other.pk}
        ).content.decode()
    )


def test_choosing_a_graduate_outside_the_area_is_refused_and_nothing_is_recorded(
    graduates: Graduates, elsewhere: Enrolment, users_by_role: dict[str, User]
) -> None:
    operator = users_by_role[Role.KELURAHAN_OPERATOR]
    recruitment = _open(operator, openings=3)

    with pytest.raises(NotFoundError):
        recruitment_select(
            recruitment=recruitment,
            enrolment_ids=[graduates.enrolments[0].pk, elsewhere.pk],
            by=operator,
        )
    response = client_for(operator).post(
        f"/recruitment/{recruitment.pk}/", {"enrolment": [elsewhere.pk]}, follow=True
    )

    assert "bukan lulusan di wilayah Anda" in response.content.decode()
    assert not Placement.objects.exists()


def test_choosing_more_than_the_openings_is_refused(
    graduates: Graduates, users_by_role: dict[str, User]
) -> None:
    operator = users_by_role[Role.KELURAHAN_OPERATOR]
    recruitment = _open(operator, openings=2)
    first, second, third = graduates.enrolments

    with pytest.raises(ApplicationError) as refused:
        recruitment_select(
            recruitment=recruitment, enrolment_ids=[first.pk, second.pk, third.pk], by=operator
        )
    assert refused.value.code == "openings_exceeded"
    assert not Placement.objects.exists()
    recruitment_select(recruitment=recruitment, enrolment_ids=[first.pk], by=operator)
    with pytest.raises(ApplicationError) as later:
        recruitment_select(
            recruitment=recruitment, enrolment_ids=[second.pk, third.pk], by=operator
        )
    assert later.value.code == "openings_exceeded"
    assert Placement.objects.count() == 1


def test_the_same_graduate_twice_in_one_recruitment_is_refused(
    graduates: Graduates, users_by_role: dict[str, User]
) -> None:
    operator = users_by_role[Role.KELURAHAN_OPERATOR]
    recruitment = _open(operator, openings=3)
    first = graduates.enrolments[0]

    with pytest.raises(ApplicationError) as in_one_go:
        recruitment_select(recruitment=recruitment, enrolment_ids=[first.pk, first.pk], by=operator)
    assert in_one_go.value.code == "graduate_chosen_twice"
    recruitment_select(recruitment=recruitment, enrolment_ids=[first.pk], by=operator)
    with pytest.raises(ApplicationError) as again:
        recruitment_select(recruitment=recruitment, enrolment_ids=[first.pk], by=operator)
    assert again.value.code == "graduate_already_chosen"
    assert Placement.objects.count() == 1


def test_a_graduate_whose_training_ends_after_the_work_starts_is_refused(
    graduates: Graduates, users_by_role: dict[str, User]
) -> None:
    operator = users_by_role[Role.KELURAHAN_OPERATOR]
    first = graduates.enrolments[0]
    assert first.left_on is not None
    recruitment = _open(operator, starts_on=first.left_on - datetime.timedelta(days=1))

    with pytest.raises(ApplicationError) as refused:
        recruitment_select(recruitment=recruitment, enrolment_ids=[first.pk], by=operator)

    assert refused.value.code == "placement_before_training_end"
    assert not Placement.objects.exists()


def test_a_recruitment_is_opened_only_in_the_operators_area_and_with_sane_values(
    kota_tangerang: None, users_by_role: dict[str, User]
) -> None:
    operator = users_by_role[Role.KELURAHAN_OPERATOR]
    too_far = timezone.localdate() + datetime.timedelta(days=61)

    for changes, code in [
        ({"code": KERONCONG}, "kelurahan_outside_area"),
        ({"openings": 0}, "openings_out_of_range"),
        ({"openings": 501}, "openings_out_of_range"),
        ({"starts_on": too_far}, "recruitment_too_far_ahead"),
    ]:
        with pytest.raises(ApplicationError) as refused:
            _open(operator, **changes)  # type: ignore[arg-type]
        assert refused.value.code == code
    page = client_for(operator).post(
        "/recruitment/new/",
        {
            "title": "X",
            "kind": Recruitment.Kind.LOCAL_WORK,
            "employer_name": "Y",
            "kelurahan": KERONCONG,
            "openings": 1,
            "starts_on": timezone.localdate().isoformat(),
        },
    )
    assert page.status_code == 200
    assert not Recruitment.objects.exists()


def test_an_operator_sees_no_recruitment_of_another_area(
    graduates: Graduates, users_by_role: dict[str, User], keroncong_operator: User
) -> None:
    theirs = _open(keroncong_operator, code=KERONCONG, title="Rekrutmen Keroncong")
    operator = users_by_role[Role.KELURAHAN_OPERATOR]
    client = client_for(operator)

    assert "Rekrutmen Keroncong" not in client.get("/recruitment/").content.decode()
    assert client.get(f"/recruitment/{theirs.pk}/").status_code == 404
    refused = client.post(f"/recruitment/{theirs.pk}/", {"enrolment": [graduates.enrolments[0].pk]})
    assert refused.status_code == 404
    with pytest.raises(NotFoundError):
        recruitment_select(
            recruitment=theirs, enrolment_ids=[graduates.enrolments[0].pk], by=operator
        )
    assert not Placement.objects.exists()
    assert (
        "Rekrutmen Keroncong"
        in client_for(users_by_role[Role.ADMIN]).get("/recruitment/").content.decode()
    )


def test_roles_that_do_not_recruit_are_refused(
    kota_tangerang: None, users_by_role: dict[str, User]
) -> None:
    for role in (Role.PARTICIPANT, Role.EMPLOYER, Role.VIEWER, Role.INSTRUCTOR):
        assert client_for(users_by_role[role]).get("/recruitment/").status_code == 403
