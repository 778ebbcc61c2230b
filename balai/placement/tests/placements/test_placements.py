"""Placements recorded by staff for graduates of their area and by graduates themselves,
ended, listed by area, with their evidence shown only to those who may see them."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from balai.accounts.models import Role, User
from balai.core.errors import ApplicationError, NotFoundError
from balai.core.models import AuditEntry
from balai.placement.evidence import EVIDENCE_MAXIMUM_BYTES
from balai.placement.models import Placement, PlacementChannel, PlacementKind
from balai.placement.placements import placement_end, placement_report
from balai.registry.data_subject import personal_data_of
from balai.registry.history import person_history
from balai.testing.clients import client_for
from balai.testing.placement import Graduates, make_company
from balai.training.models import Enrolment

pytestmark = pytest.mark.django_db

# The smallest files each kind of evidence is recognised by.
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 17 + b"\x00\x00\x00\x00IEND\xaeB`\x82"


def _form(enrolment: Enrolment, **changes: object) -> dict[str, object]:
    return {
        "enrolment": enrolment.pk,
        "step": "record",
        "kind": PlacementKind.WAGE_EMPLOYMENT,
        "employer_name": "Warung Bu Sri",
        "starts_on": _started(enrolment).isoformat(),
        "income_band": "2m_3m",
        "note": "",
        **changes,
    }


def _started(enrolment: Enrolment) -> datetime.date:
    assert enrolment.left_on is not None
    return enrolment.left_on + datetime.timedelta(days=7)


def _report(enrolment: Enrolment, by: User, **changes: object) -> Placement:
    values: dict[str, object] = {
        "enrolment_id": enrolment.pk,
        "kind": PlacementKind.WAGE_EMPLOYMENT,
        "employer_name": "Warung Bu Sri",
        "starts_on": _started(enrolment),
        "by": by,
        **changes,
    }
    return placement_report(**values)  # type: ignore[arg-type]


def test_an_operator_finds_a_graduate_by_name_and_records_a_placement_with_evidence(
    graduates: Graduates, users_by_role: dict[str, User]
) -> None:
    operator = users_by_role[Role.KELURAHAN_OPERATOR]
    enrolment = graduates.enrolments[0]
    client = client_for(operator)

    found = client.post("/placements/new/", {"text": enrolment.person.full_name})
    assert found.status_code == 200
    assert f"?enrolment={enrolment.pk}" in found.content.decode()
    form = client.get(f"/placements/new/?enrolment={enrolment.pk}")
    assert enrolment.person.full_name in form.content.decode()
    evidence = SimpleUploadedFile("SK Budi 3671.pdf", PDF, content_type="application/pdf")
    response = client.post("/placements/new/", {**_form(enrolment), "evidence": evidence})

    assert response.status_code == 302
    placement = Placement.objects.get()
    assert placement.person_id == enrolment.person_id
    assert placement.channel == PlacementChannel.OPERATOR
    assert placement.recorded_by == operator
    assert placement.income_band == "2m_3m"
    stored = placement.evidence.name or ""
    assert stored.endswith(".pdf")
    assert "Budi" not in stored  # stored under a name of its own
    assert AuditEntry.objects.filter(target_type="placement.placement").exists()


def test_a_graduate_is_found_by_phone_through_a_post_never_in_the_address(
    graduates: Graduates, users_by_role: dict[str, User]
) -> None:
    enrolment = graduates.enrolments[1]
    client = client_for(users_by_role[Role.KECAMATAN_OPERATOR])
    page = client.get("/placements/new/").content.decode()
    assert 'method="post"' in page

    found = client.post("/placements/new/", {"text": enrolment.person.phone})

    assert f"?enrolment={enrolment.pk}" in found.content.decode()


def test_an_operator_finds_no_graduate_outside_their_area(
    elsewhere: Enrolment, users_by_role: dict[str, User]
) -> None:
    client = client_for(users_by_role[Role.KELURAHAN_OPERATOR])

    found = client.post("/placements/new/", {"text": elsewhere.person.full_name})
    chosen = client.get(f"/placements/new/?enrolment={elsewhere.pk}")
    recorded = client.post("/placements/new/", _form(elsewhere))

    assert f"?enrolment={elsewhere.pk}" not in found.content.decode()
    assert chosen.status_code == 404
    assert recorded.status_code == 404
    assert not Placement.objects.exists()


def test_an_enrolment_not_completed_is_no_graduate(
    graduates: Graduates, users_by_role: dict[str, User]
) -> None:
    enrolment = graduates.enrolments[0]
    Enrolment.objects.filter(pk=enrolment.pk).update(status="enrolled", left_on=None)

    with pytest.raises(NotFoundError):
        _report(enrolment, users_by_role[Role.ADMIN], starts_on=timezone.localdate())


@pytest.mark.parametrize(
    ("starts", "code"),
    [
        (lambda ended: ended - datetime.timedelta(days=1), "placement_before_training_end"),
        (
            lambda _ended: timezone.localdate() + datetime.timedelta(days=61),
            "placement_too_far_ahead",
        ),
    ],
)
def test_a_start_before_the_training_ended_or_far_ahead_is_refused(
    graduates: Graduates, users_by_role: dict[str, User], starts: object, code: str
) -> None:
    enrolment = graduates.enrolments[0]
    assert callable(starts)

    with pytest.raises(ApplicationError) as refused:
        _report(enrolment, users_by_role[Role.ADMIN], starts_on=starts(enrolment.left_on))

    assert refused.value.code == code
    assert not Placement.objects.exists()


def test_a_start_sixty_days_ahead_is_accepted(
    graduates: Graduates, users_by_role: dict[str, User]
) -> None:
    ahead = timezone.localdate() + datetime.timedelta(days=60)

    placement = _report(graduates.enrolments[0], users_by_role[Role.ADMIN], starts_on=ahead)

    assert placement.starts_on == ahead


def test_the_page_shows_a_refusal_beside_the_start_date_and_saves_nothing(
    graduates: Graduates, users_by_role: dict[str, User]
) -> None:
    enrolment = graduates.enrolments[0]
    assert enrolment.left_on is not None
    client = client_for(users_by_role[Role.ADMIN])
    early = (enrolment.left_on - datetime.timedelta(days=3)).isoformat()

    response = client.post("/placements/new/", _form(enrolment, starts_on=early))

    assert response.status_code == 200
    assert "has-error" in response.content.decode()
    assert not Placement.objects.exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("surat.pdf", b"just text pretending to be a PDF"),
        ("foto.png", b"GIF89a" + b"\x00" * 20),
        ("potong.pdf", b"%PDF-1.4\n" + b"x" * 2000),  # cut short: no end of file
        ("besar.pdf", b"%PDF-1.4\n" + b"x" * EVIDENCE_MAXIMUM_BYTES + b"\n%%EOF\n"),
    ],
)
def test_evidence_that_is_not_a_whole_small_pdf_jpeg_or_png_is_refused(
    graduates: Graduates, users_by_role: dict[str, User], name: str, content: bytes
) -> None:
    enrolment = graduates.enrolments[0]
    client = client_for(users_by_role[Role.ADMIN])
    evidence = SimpleUploadedFile(name, content, content_type="application/pdf")

    response = client.post("/placements/new/", {**_form(enrolment), "evidence": evidence})

    assert response.status_code == 200
    assert "has-error" in response.content.decode()
    assert not Placement.objects.exists()


def test_a_form_sent_twice_records_one_placement(
    graduates: Graduates, users_by_role: dict[str, User]
) -> None:
    enrolment = graduates.enrolments[0]
    client = client_for(users_by_role[Role.ADMIN])

    client.post("/placements/new/", _form(enrolment))
    client.post("/placements/new/", _form(enrolment))

    assert Placement.objects.count() == 1


def test_each_operator_lists_only_the_placements_of_their_area(
    graduates: Graduates,
    elsewhere: Enrolment,
    users_by_role: dict[str, User],
    keroncong_operator: User,
) -> None:
    admin = users_by_role[Role.ADMIN]
    here = _report(graduates.enrolments[0], admin, employer_name="Toko Sukarasa")
    there = _report(elsewhere, admin, employer_name="Pabrik Jatiuwung")

    for user, seen, unseen in [
        (users_by_role[Role.KELURAHAN_OPERATOR], here, there),
        (users_by_role[Role.KECAMATAN_OPERATOR], here, there),
        (keroncong_operator, there, here),
    ]:
        page = client_for(user).get("/placements/").content.decode()
        assert seen.employer_name in page
        assert unseen.employer_name not in page
    admin_page = client_for(admin).get("/placements/").content.decode()
    assert here.employer_name in admin_page
    assert there.employer_name in admin_page


def test_the_list_filters_by_kind_channel_programme_and_period(
    graduates: Graduates, users_by_role: dict[str, User]
) -> None:
    admin = users_by_role[Role.ADMIN]
    first, second = graduates.enrolments[:2]
    _report(first, admin, employer_name="Toko Satu")
    _report(
        second,
        admin,
        employer_name="Usaha Dua",
        kind=PlacementKind.SELF_EMPLOYMENT,
        starts_on=_started(second) + datetime.timedelta(days=20),
    )
    client = client_for(admin)

    def listed(**query: str | int) -> str:
        return client.get("/placements/", query).content.decode()

    assert "Usaha Dua" in listed(kind="self") and "Toko Satu" not in listed(kind="self")
    assert "Toko Satu" in listed(channel="operator")
    assert "Toko Satu" not in listed(channel="local")
    assert "Toko Satu" in listed(programme=graduates.programme.pk)
    later = (_started(second) + datetime.timedelta(days=10)).isoformat()
    assert "Toko Satu" not in listed(starts_from=later)
    assert "Usaha Dua" in listed(starts_from=later)
    assert "Toko Satu" in listed(starts_until=later)


def test_a_kelurahan_filter_outside_the_area_lists_nothing(
    graduates: Graduates, elsewhere: Enrolment, users_by_role: dict[str, User]
) -> None:
    _report(elsewhere, users_by_role[Role.ADMIN], employer_name="Pabrik Jatiuwung")
    _report(graduates.enrolments[0], users_by_role[Role.ADMIN], employer_name="Toko Sukarasa")
    client = client_for(users_by_role[Role.KELURAHAN_OPERATOR])

    page = client.get("/placements/", {"kelurahan": elsewhere.person.domicile_kelurahan_id})

    assert "Pabrik Jatiuwung" not in page.content.decode()
    assert "Toko Sukarasa" not in page.content.decode()


def test_a_placement_is_ended_on_a_date_from_its_start(
    graduates: Graduates, users_by_role: dict[str, User]
) -> None:
    operator = users_by_role[Role.KELURAHAN_OPERATOR]
    placement = _report(
        graduates.enrolments[0], operator, starts_on=graduates.enrolments[0].left_on
    )

    response = client_for(operator).post(
        f"/placements/{placement.pk}/end/", {"ends_on": timezone.localdate().isoformat()}
    )

    placement.refresh_from_db()
    assert response.status_code == 302
    assert placement.ends_on == timezone.localdate()
    assert AuditEntry.objects.filter(target_type="placement.placement", action="update").exists()


def test_an_end_before_the_start_in_the_future_or_twice_is_refused(
    graduates: Graduates, users_by_role: dict[str, User]
) -> None:
    admin = users_by_role[Role.ADMIN]
    placement = _report(graduates.enrolments[0], admin, starts_on=graduates.enrolments[0].left_on)
    today = timezone.localdate()

    for ends_on, code in [
        (placement.starts_on - datetime.timedelta(days=1), "placement_ends_before_start"),
        (today + datetime.timedelta(days=1), "placement_end_in_future"),
    ]:
        with pytest.raises(ApplicationError) as refused:
            placement_end(placement=placement, ends_on=ends_on, by=admin)
        assert refused.value.code == code
    placement_end(placement=placement, ends_on=today, by=admin)
    with pytest.raises(ApplicationError) as twice:
        placement_end(placement=placement, ends_on=today, by=admin)
    assert twice.value.code == "placement_already_ended"


def test_an_operator_cannot_end_a_placement_outside_their_area(
    elsewhere: Enrolment, users_by_role: dict[str, User]
) -> None:
    placement = _report(elsewhere, users_by_role[Role.ADMIN], starts_on=elsewhere.left_on)

    response = client_for(users_by_role[Role.KELURAHAN_OPERATOR]).post(
        f"/placements/{placement.pk}/end/", {"ends_on": timezone.localdate().isoformat()}
    )

    placement.refresh_from_db()
    assert response.status_code == 404
    assert placement.ends_on is None


def test_evidence_is_served_to_the_graduate_and_staff_of_the_area_only(
    graduates: Graduates,
    users_by_role: dict[str, User],
    keroncong_operator: User,
) -> None:
    enrolment = graduates.enrolments[0]
    client_for(users_by_role[Role.ADMIN]).post(
        "/placements/new/",
        {**_form(enrolment), "evidence": SimpleUploadedFile("f.png", PNG, "image/png")},
    )
    placement = Placement.objects.get()
    _company, (employer,) = make_company()
    path = f"/placements/{placement.pk}/evidence/"

    own = client_for(graduates.users[0]).get(path)
    area = client_for(users_by_role[Role.KELURAHAN_OPERATOR]).get(path)

    assert own.status_code == 200
    assert own["Content-Type"] == "image/png"
    assert own.getvalue() == PNG
    assert area.status_code == 200
    for outsider in (keroncong_operator, graduates.users[1], employer):
        assert client_for(outsider).get(path).status_code == 404


def test_a_graduate_reports_their_own_placement_and_sees_it(graduates: Graduates) -> None:
    enrolment = graduates.enrolments[0]
    client = client_for(graduates.users[0])
    form = {key: value for key, value in _form(enrolment).items() if key != "step"}

    response = client.post("/placements/mine/", {**form, "employer_name": "Katering Saya"})

    placement = Placement.objects.get()
    assert response.status_code == 302
    assert placement.channel == PlacementChannel.SELF_REPORTED
    assert placement.person_id == enrolment.person_id
    assert "Katering Saya" in client.get("/placements/mine/").content.decode()


def test_a_graduate_cannot_report_a_placement_for_someone_else(graduates: Graduates) -> None:
    other = graduates.enrolments[1]

    with pytest.raises(NotFoundError):
        _report(other, graduates.users[0])
    response = client_for(graduates.users[0]).post(
        "/placements/mine/", {**_form(other), "employer_name": "Bukan Saya"}
    )

    assert response.status_code == 200  # their own trainings only are offered
    assert not Placement.objects.exists()


def test_placements_appear_on_the_person_page_and_in_the_graduates_own_data(
    graduates: Graduates, users_by_role: dict[str, User]
) -> None:
    enrolment = graduates.enrolments[0]
    _report(enrolment, users_by_role[Role.ADMIN], employer_name="Rumah Makan Padang")

    history = person_history(person=enrolment.person, user=users_by_role[Role.KELURAHAN_OPERATOR])
    data = personal_data_of(user=graduates.users[0])

    rows = {section.name: table.rows for section, table in history}
    assert rows["placements"][0][1] == "Rumah Makan Padang"
    assert data is not None
    placements = {name: entries for name, _title, entries in data.sections}["placements"]
    assert placements[0].as_json()["employer_name"] == "Rumah Makan Padang"
    assert placements[0].as_json()["kind"] == "wage"
    others = personal_data_of(user=graduates.users[1])
    assert others is not None
    assert {name: entries for name, _title, entries in others.sections}["placements"] == []
