"""Training through the web and the API: roll call, check-in, own training, certificates,
follow-up, and public verification."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse

from balai.accounts.models import Role, User
from balai.intake.models import Batch
from balai.scheduling.models import ClassSession
from balai.testing.clients import bearer, client_for
from balai.testing.days import morning_of
from balai.testing.factories import UserFactory, kelurahan
from balai.testing.places import KERONCONG
from balai.testing.training import Classroom, completed
from balai.training.attendance import check_in_code, session_times
from balai.training.models import (
    Attendance,
    AttendanceStatus,
    Certificate,
)

pytestmark = pytest.mark.django_db


def test_an_instructor_takes_a_roll_call_in_one_request(classroom: Classroom) -> None:
    session = classroom.sessions[0]
    teacher = client_for(classroom.teacher)
    page = teacher.get(reverse("training:roll_call", args=[session.pk])).content.decode()
    assert page.count('data-testid="participant"') == 3 and "Terlambat" in page
    statuses = ["present", "late", "absent"]
    response = teacher.post(
        reverse("training:roll_call", args=[session.pk]),
        {
            f"participant_{enrolment.pk}": status
            for enrolment, status in zip(classroom.enrolments, statuses, strict=True)
        },
        follow=True,
    )
    assert "Presensi disimpan: 3 dicatat, 0 dikoreksi." in response.content.decode()
    assert sorted(Attendance.objects.values_list("status", flat=True)) == sorted(statuses)


def test_a_roll_call_with_an_unknown_status_saves_nothing_and_says_so(
    classroom: Classroom,
) -> None:
    session = classroom.sessions[0]
    page = client_for(classroom.teacher).post(
        reverse("training:roll_call", args=[session.pk]),
        {
            f"participant_{classroom.enrolments[0].pk}": "present",
            f"participant_{classroom.enrolments[1].pk}": "asleep",
        },
    )
    assert "Status kehadiran tidak dikenal." in page.content.decode()
    assert not Attendance.objects.exists()


def test_another_instructor_cannot_open_or_post_a_roll_call(classroom: Classroom) -> None:
    session = classroom.sessions[0]
    stranger = client_for(UserFactory.create(role=Role.INSTRUCTOR))
    assert stranger.get(reverse("training:roll_call", args=[session.pk])).status_code == 404
    posted = stranger.post(
        reverse("training:roll_call", args=[session.pk]),
        {f"participant_{classroom.enrolments[0].pk}": "present"},
    )
    assert posted.status_code == 404 and not Attendance.objects.exists()
    api = bearer(UserFactory.create(role=Role.INSTRUCTOR)).post(
        f"/api/v1/training/sessions/{session.pk}/roll-call",
        json.dumps({"marks": [{"enrolment_id": classroom.enrolments[0].pk, "status": "present"}]}),
        content_type="application/json",
    )
    assert api.status_code == 403 and api.json()["code"] == "not_your_session"
    assert not Attendance.objects.exists()


def test_a_participant_checks_in_from_the_scanned_address(classroom: Classroom) -> None:
    session = classroom.sessions[0]
    teacher = client_for(classroom.teacher)
    participant = client_for(classroom.participants[0])
    during = session_times(session)[0] + datetime.timedelta(minutes=3)
    with time_machine.travel(during, tick=False):
        teacher_page = teacher.get(reverse("training:check_in_qr", args=[session.pk]))
        assert 'data-testid="check-in-qr"' in teacher_page.content.decode()
        address = reverse("training:check_in", args=[session.pk, check_in_code(session, during)])
        assert "Saya hadir" in participant.get(address).content.decode()
        done = participant.post(address, follow=True).content.decode()
        assert "Tercatat: Hadir." in done
        again = participant.post(address, follow=True).content.decode()
        assert "Kehadiran Anda di sesi ini sudah tercatat." in again
    assert Attendance.objects.count() == 1


def test_my_training_shows_what_is_missing_then_the_certificate(classroom: Classroom) -> None:
    participant = client_for(classroom.participants[0])
    page = participant.get(reverse("training:mine")).content.decode()
    assert "Kehadiran: 0 dari 20 sesi; diperlukan 16 (80%)." in page
    certificate = completed(classroom)
    page = participant.get(reverse("training:mine")).content.decode()
    assert certificate.number in page
    pdf = participant.get(reverse("training:certificate_pdf", args=[certificate.number]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    # Somebody else's certificate is not theirs to download.
    other = client_for(classroom.participants[1])
    assert (
        other.get(reverse("training:certificate_pdf", args=[certificate.number])).status_code == 404
    )
    mine = bearer(classroom.participants[0]).get("/api/v1/training/mine").json()
    assert mine[0]["certificate_number"] == certificate.number and mine[0]["complete"]


def test_anyone_verifies_a_certificate_and_sees_only_minimal_data(classroom: Classroom) -> None:
    certificate = completed(classroom)
    anonymous = Client()
    address = reverse("training:verify", args=[certificate.number])
    page = anonymous.get(address, {"d": certificate.signed_payload}).content.decode()
    assert "Sah: diterbitkan oleh Balai dan tidak dicabut." in page
    assert certificate.holder_name not in page and "Tata Boga" in page
    tampered = certificate.signed_payload.replace(".", "x.", 1)
    assert "tidak asli" in anonymous.get(address, {"d": tampered}).content.decode()
    by_number = anonymous.get(reverse("training:verify_form"), {"number": certificate.number})
    assert "Sah" in by_number.content.decode()
    api = anonymous.get(f"/api/v1/training/certificates/{certificate.number}/verify").json()
    assert api["valid"] and api["holder"] != certificate.holder_name
    keys = anonymous.get("/api/v1/training/certificates/keys").json()
    assert certificate.key.key_id in keys


def test_the_public_page_and_api_find_a_number_typed_without_dashes_in_lower_case(
    classroom: Classroom,
) -> None:
    certificate = completed(classroom)
    typed = certificate.number.lower().replace("-", "")
    anonymous = Client()
    page = anonymous.get(reverse("training:verify_form"), {"number": f" {typed} "})
    assert "Sah: diterbitkan oleh Balai" in page.content.decode()
    assert certificate.number in page.content.decode()
    spaced = certificate.number.lower().replace("-", " ")
    by_path = anonymous.get(reverse("training:verify", args=[spaced]))
    assert "Sah: diterbitkan oleh Balai" in by_path.content.decode()
    api = anonymous.get(f"/api/v1/training/certificates/{typed}/verify").json()
    assert api["valid"] and api["number"] == certificate.number


def test_the_verification_form_shows_the_format_and_rejects_what_is_not_a_number(
    classroom: Classroom,
) -> None:
    anonymous = Client()
    empty = anonymous.get(reverse("training:verify_form")).content.decode()
    assert "BLK-XXXX-XXXX-XXXX-XXXX" in empty and 'placeholder="BLK-7QKX-M2PA-Z4RD-H6TE"' in empty
    wrong = anonymous.get(reverse("training:verify_form"), {"number": "12345"}).content.decode()
    assert "Ini bukan nomor sertifikat" in wrong and 'data-testid="verification"' not in wrong
    api = anonymous.get("/api/v1/training/certificates/12345/verify")
    assert api.status_code == 200 and not api.json()["valid"]
    assert "BLK-7QKX-M2PA-Z4RD-H6TE" in api.json()["message"]


@override_settings(CERTIFICATE_VERIFY_RATE="3/m")
def test_verification_is_rate_limited_per_address(classroom: Classroom) -> None:
    cache.clear()
    anonymous = Client(REMOTE_ADDR="203.0.113.9")
    address = reverse("training:verify", args=["BLK-AAAA-BBBB-CCCC-DDDD"])
    codes = [anonymous.get(address).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    assert Client(REMOTE_ADDR="203.0.113.10").get(address).status_code == 200
    cache.clear()


def test_an_admin_issues_a_batchs_certificates_and_revokes_one(
    classroom: Classroom,
    users_by_role: dict[str, User],
    django_capture_on_commit_callbacks: Any,
) -> None:
    completed(classroom)  # the first participant's certificate, issued already
    batch: Batch = classroom.training_class.batch
    admin = client_for(users_by_role[Role.ADMIN])
    with django_capture_on_commit_callbacks(execute=True):
        admin.post(reverse("training:certificates", args=[batch.code]))
    assert Certificate.objects.count() == 3  # all three completed: two more issued
    page = admin.get(reverse("training:certificates", args=[batch.code])).content.decode()
    assert page.count("BLK-") >= 3
    first = Certificate.objects.order_by("pk").first()
    assert first is not None
    admin.post(
        reverse("training:certificate_revoke", args=[first.number]), {"reason": "Salah nama"}
    )
    first.refresh_from_db()
    assert first.revoked_at is not None and first.revocation_reason == "Salah nama"


def test_operators_see_the_participants_to_follow_up_in_their_area(
    classroom: Classroom, users_by_role: dict[str, User]
) -> None:
    sessions: list[ClassSession] = classroom.sessions[:3]
    for session in sessions:
        Attendance.objects.bulk_create(
            Attendance(
                session=session,
                enrolment=enrolment,
                status=AttendanceStatus.ABSENT
                if enrolment == classroom.enrolments[0]
                else "present",
                method="roll_call",
                recorded_by=classroom.teacher,
            )
            for enrolment in classroom.enrolments
        )
    name = classroom.enrolments[0].person.full_name
    operator = client_for(users_by_role[Role.KELURAHAN_OPERATOR])  # Sukarasa's operator
    elsewhere = client_for(
        UserFactory.create(role=Role.KELURAHAN_OPERATOR, kelurahan=kelurahan(KERONCONG))
    )
    # The day after the third session: the class is running.
    day_after = sessions[2].date + datetime.timedelta(days=1)
    with time_machine.travel(morning_of(day_after)):
        page = operator.get(reverse("training:dropouts")).content.decode()
        assert page.count('data-testid="dropout"') == 1 and name in page
        assert name not in elsewhere.get(reverse("training:dropouts")).content.decode()
    # Five weeks later the class is long over: nobody to follow up any more.
    with time_machine.travel(morning_of(day_after + datetime.timedelta(weeks=5))):
        later = operator.get(reverse("training:dropouts")).content.decode()
        assert 'data-testid="dropout"' not in later


def test_the_api_takes_a_roll_call_a_check_in_and_serves_the_holders_pdf(
    classroom: Classroom,
) -> None:
    first, second = classroom.sessions[:2]
    teacher = bearer(classroom.teacher)
    roster = teacher.get(f"/api/v1/training/sessions/{first.pk}/roster").json()
    assert [row["status"] for row in roster] == [None, None, None]
    saved = teacher.post(
        f"/api/v1/training/sessions/{first.pk}/roll-call",
        json.dumps(
            {
                "marks": [
                    {"enrolment_id": row["enrolment_id"], "status": "present"} for row in roster
                ]
            }
        ),
        content_type="application/json",
    )
    assert saved.json() == {"recorded": 3, "corrected": 0}
    # The participant's token is made today: it outlives the visit to the session below.
    participant = bearer(classroom.participants[0])
    during = session_times(second)[0] + datetime.timedelta(minutes=1)
    with time_machine.travel(during, tick=False):
        checked = participant.post(
            f"/api/v1/training/sessions/{second.pk}/check-in",
            json.dumps({"code": check_in_code(second, during)}),
            content_type="application/json",
        )
        assert checked.json() == {"status": "present"}
        forged = participant.post(
            f"/api/v1/training/sessions/{second.pk}/check-in",
            json.dumps({"code": check_in_code(first, during)}),
            content_type="application/json",
        )
        assert forged.status_code == 400 and forged.json()["code"] == "code_foreign"
    certificate = completed(classroom)
    pdf = participant.get(f"/api/v1/training/certificates/{certificate.number}/pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    stranger = bearer(classroom.participants[1])
    assert (
        stranger.get(f"/api/v1/training/certificates/{certificate.number}/pdf").status_code == 404
    )


def test_everyone_not_marked_can_be_saved_as_present_in_one_tap(classroom: Classroom) -> None:
    session = classroom.sessions[0]
    late = classroom.enrolments[0]
    client_for(classroom.teacher).post(
        reverse("training:roll_call", args=[session.pk]),
        {f"participant_{late.pk}": "late", "rest_present": "1"},
    )
    statuses = dict(Attendance.objects.values_list("enrolment_id", "status"))
    assert statuses == {
        late.pk: "late",
        **{enrolment.pk: "present" for enrolment in classroom.enrolments[1:]},
    }
