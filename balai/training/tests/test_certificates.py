"""Completion, and certificates that verify offline, fail when changed, and can be revoked."""

from __future__ import annotations

import io
from urllib.parse import parse_qs, urlsplit

import pypdfium2
import pytest
import zxingcpp

from balai.core.errors import ApplicationError
from balai.testing.training import Classroom, assess_all, attend, completed
from balai.training.assessment import assessment_record
from balai.training.attendance import roll_call_record
from balai.training.certificates.pdf import certificate_pdf
from balai.training.certificates.services import (
    certificate_issue,
    certificate_number_canonical,
    certificate_revoke,
    certificate_verify,
    public_keys,
    signing_key_rotate,
    verification_url,
)
from balai.training.certificates.signing import (
    VerificationError,
    b64decode,
    b64encode,
    verified_payload,
)
from balai.training.completion import completion_of
from balai.training.models import AssessmentResult, AttendanceStatus

pytestmark = pytest.mark.django_db


def test_completion_needs_the_attendance_threshold_and_every_unit(classroom: Classroom) -> None:
    enrolment, training_class = classroom.enrolments[0], classroom.training_class
    attend(classroom, 15)
    roll_call_record(  # the 16th session excused: explained, but not attended
        session=classroom.sessions[15],
        marks={enrolment.pk: AttendanceStatus.EXCUSED for enrolment in classroom.enrolments},
        by=classroom.teacher,
    )
    completion = completion_of(enrolment=enrolment)
    assert (completion.sessions_attended, completion.sessions_needed) == (15, 16)
    assert not completion.complete
    assert completion.missing[0] == ("Kehadiran: 15 dari 20 sesi; diperlukan 16 (80%).")
    assert sum("TBG" in text for text in completion.missing) == 3
    with pytest.raises(ApplicationError) as refused:
        certificate_issue(enrolment=enrolment)
    assert refused.value.code == "not_completed"
    attend(classroom, 16)
    assess_all(classroom)
    unit = training_class.programme.competency_units.first()
    assert unit is not None
    assessment_record(
        enrolment=enrolment,
        unit=unit,
        result=AssessmentResult.NOT_YET_COMPETENT,
        note="Belum rapi",
        by=classroom.teacher,
    )
    assert completion_of(enrolment=enrolment).missing == [
        "Unit TBG.01 Menerapkan keamanan pangan: belum dinilai kompeten."
    ]
    assess_all(classroom)
    assert completion_of(enrolment=enrolment).complete


def test_a_genuine_certificate_verifies_offline_and_any_changed_byte_fails(
    classroom: Classroom,
) -> None:
    certificate = completed(classroom)
    keys = public_keys()
    payload = verified_payload(certificate.signed_payload, keys)
    assert payload["n"] == certificate.number and payload["p"] == "Tata Boga"
    assert "*" in payload["h"]  # the name is masked in the code
    encoded, signature = certificate.signed_payload.split(".")
    raw, signed = b64decode(encoded), b64decode(signature)
    for position in range(len(raw)):
        changed = bytearray(raw)
        changed[position] ^= 0x01
        with pytest.raises(VerificationError):
            verified_payload(f"{b64encode(bytes(changed))}.{signature}", keys)
    for position in range(len(signed)):
        changed = bytearray(signed)
        changed[position] ^= 0x01
        with pytest.raises(VerificationError):
            verified_payload(f"{encoded}.{b64encode(bytes(changed))}", keys)


def test_the_public_check_says_valid_then_revoked_and_rejects_a_tampered_code(
    classroom: Classroom,
) -> None:
    certificate = completed(classroom)
    signed = certificate.signed_payload
    genuine = certificate_verify(number=certificate.number, signed=signed)
    assert genuine.valid and genuine.programme == "Tata Boga" and "*" in genuine.holder
    encoded, signature = signed.split(".")
    tampered = encoded[:-2] + ("A" if encoded[-2] != "A" else "B") + encoded[-1]
    forged = certificate_verify(number=certificate.number, signed=f"{tampered}.{signature}")
    assert not forged.valid and "tidak asli" in forged.message and forged.holder == ""
    assert not certificate_verify(number="BLK-NOPE-NOPE-NOPE-NOPE").valid
    certificate_revoke(certificate=certificate, reason="Data peserta keliru")
    revoked = certificate_verify(number=certificate.number, signed=signed)
    assert not revoked.valid and revoked.revoked
    assert revoked.message == "Dicabut: Data peserta keliru"


def test_issuing_twice_gives_the_same_certificate_and_numbers_are_unguessable(
    classroom: Classroom,
) -> None:
    first = completed(classroom)
    again = certificate_issue(enrolment=classroom.enrolments[0])
    second = certificate_issue(enrolment=classroom.enrolments[1])
    assert again.pk == first.pk and second.number != first.number
    assert len(first.number.replace("-", "")) == 3 + 16  # "BLK" and 80 random bits


def test_older_certificates_verify_after_the_key_rotates(classroom: Classroom) -> None:
    old = completed(classroom)
    signing_key_rotate()
    new = certificate_issue(enrolment=classroom.enrolments[1])
    assert new.key_id != old.key_id
    for certificate in (old, new):
        assert certificate_verify(
            number=certificate.number, signed=certificate.signed_payload
        ).valid


def test_the_qr_code_in_the_pdf_decodes_to_the_signed_payload(classroom: Classroom) -> None:
    certificate = completed(classroom)
    pdf = pypdfium2.PdfDocument(io.BytesIO(certificate_pdf(certificate)))
    assert len(pdf) == 1
    image = pdf[0].render(scale=2).to_pil()
    (found,) = zxingcpp.read_barcodes(image)
    assert found.text == verification_url(certificate)
    signed = parse_qs(urlsplit(found.text).query)["d"][0]
    assert verified_payload(signed, public_keys())["n"] == certificate.number
    text = pdf[0].get_textpage().get_text_range()
    assert "SERTIFIKAT PELATIHAN" in text and certificate.holder_name in text


@pytest.mark.parametrize(
    "typed",
    [
        "BLK-7QKX-M2PA-Z4RD-H6TE",
        "blk-7qkx-m2pa-z4rd-h6te",
        " BLK 7QKX M2PA Z4RD H6TE ",
        "blk7qkxm2paz4rdh6te",
        "7QKX-M2PA-Z4RD-H6TE",
        "Blk \u2013 7qkx.m2pa/z4rd h6te",
    ],
)
def test_a_number_typed_in_any_case_spacing_or_dashes_reads_as_printed(typed: str) -> None:
    assert certificate_number_canonical(typed) == "BLK-7QKX-M2PA-Z4RD-H6TE"


def test_digits_base32_never_uses_read_as_the_letters_they_look_like() -> None:
    assert certificate_number_canonical("BLK-B0IL-1AB8-OOOO-2345") == "BLK-BOIL-IABB-OOOO-2345"


@pytest.mark.parametrize("typed", ["", "BLK", "BLK-7QKX-M2PA-Z4RD", "XYZ-7QKX-M2PA-Z4RD-H6TE"])
def test_what_cannot_be_a_number_is_said_so_with_an_example(typed: str) -> None:
    assert certificate_number_canonical(typed) is None


def test_the_public_check_finds_a_number_typed_loosely(classroom: Classroom) -> None:
    certificate = completed(classroom)
    typed = " " + certificate.number.lower().replace("-", " ", 2).replace("-", "") + " "
    found = certificate_verify(number=typed, signed=certificate.signed_payload)
    assert found.valid and found.number == certificate.number
    malformed = certificate_verify(number="BLK-12")
    assert not malformed.valid and "BLK-7QKX-M2PA-Z4RD-H6TE" in malformed.message
