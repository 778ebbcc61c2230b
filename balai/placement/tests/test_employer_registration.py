"""An employer registers their company on the public page: checked field by field, all or
nothing, once however often the form is sent, and signed in afterwards."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from balai.accounts.models import Role, User
from balai.core.models import AuditEntry
from balai.placement.employer_forms import form_key_issue
from balai.placement.employers import CompanyDetails, company_register
from balai.placement.models import Company, CompanyMember, CompanyStatus
from balai.testing.concurrency import run_concurrently, skip_unless_postgresql
from balai.testing.factories import TEST_PASSWORD
from balai.testing.placement import make_company
from balai.testing.places import SUKARASA

pytestmark = pytest.mark.django_db
REGISTER = "/employers/register/"


def payload(**changes: str) -> dict[str, str]:
    data = {
        "name": "CV Dapur Nusantara",
        "sector": "food",
        "nib": "1234567890123",
        "address": "Jl. Daan Mogot 12",
        "kelurahan": SUKARASA,
        "description": "Katering untuk pabrik.",
        "contact_name": "Siti Rahayu",
        "contact_phone": "0812 3456 7890",
        "contact_email": "hrd@dapur.co.id",
        "username": "dapur-hrd",
        "password": TEST_PASSWORD,
        "password_again": TEST_PASSWORD,
        "registration_key": form_key_issue(),
    }
    data.update(changes)
    return data


def errors_of(response: Any) -> dict[str, list[str]]:
    form = response.context["form"]
    return {name: [str(message) for message in messages] for name, messages in form.errors.items()}


def test_a_company_registers_and_its_manager_is_signed_in_on_its_page(
    kota_tangerang: None,
) -> None:
    client = Client()
    response = client.post(REGISTER, payload())

    assert response.status_code == 302 and response.headers["Location"] == "/employers/company/"
    company = Company.objects.get()
    assert (company.status, company.nib, company.contact_phone) == (
        CompanyStatus.PENDING,
        "1234567890123",
        "+6281234567890",
    )
    assert company.kelurahan_id == SUKARASA
    member = CompanyMember.objects.get(company=company)
    assert member.is_manager and member.user.role == Role.EMPLOYER
    assert member.user.email == "hrd@dapur.co.id" and member.user.check_password(TEST_PASSWORD)
    assert AuditEntry.objects.filter(target_type="placement.company").exists()
    page = client.get("/employers/company/").content.decode()
    assert 'data-status="pending"' in page and "1 hari kerja" in page


def test_a_company_outside_the_city_and_without_a_nib_registers(kota_tangerang: None) -> None:
    response = Client().post(REGISTER, payload(kelurahan="", nib=""))

    assert response.status_code == 302
    company = Company.objects.get()
    assert company.kelurahan is None and company.nib == ""


@pytest.mark.parametrize(
    ("nib", "expected"),
    [
        ("123456789012", "12"),  # one digit short
        ("12345678901234", "14"),  # one too many
    ],
)
def test_a_nib_of_the_wrong_length_is_refused_saying_how_long_it_is(
    kota_tangerang: None, nib: str, expected: str
) -> None:
    response = Client().post(REGISTER, payload(nib=nib))

    assert response.status_code == 200
    (message,) = errors_of(response)["nib"]
    assert "13" in message and expected in message
    assert not Company.objects.exists() and not User.objects.filter(username="dapur-hrd").exists()


def test_a_nib_with_letters_is_refused_naming_the_letter(kota_tangerang: None) -> None:
    response = Client().post(REGISTER, payload(nib="12345A7890123"))

    (message,) = errors_of(response)["nib"]
    assert "A" in message and "6" in message  # the character and its position
    assert not Company.objects.exists()


def test_a_nib_typed_with_spaces_and_dots_is_kept_as_its_digits(kota_tangerang: None) -> None:
    Client().post(REGISTER, payload(nib="1234.5678 90123"))

    assert Company.objects.get().nib == "1234567890123"


def test_a_nib_already_registered_is_refused_and_nothing_is_saved(kota_tangerang: None) -> None:
    make_company(name="PT Lama")
    Company.objects.update(nib="1234567890123")

    response = Client().post(REGISTER, payload())

    assert "nib" in errors_of(response)
    assert Company.objects.count() == 1
    assert not User.objects.filter(username="dapur-hrd").exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", ""),
        ("sector", "mining"),
        ("address", ""),
        ("contact_name", ""),
        ("contact_phone", "021 5551234"),  # a landline: the phone must be a mobile
        ("contact_email", "hrd@"),
        ("kelurahan", "99.99.99.9999"),
        ("password_again", "Another-password-99"),
    ],
)
def test_each_bad_answer_is_shown_beside_its_field_and_nothing_is_saved(
    kota_tangerang: None, field: str, value: str
) -> None:
    response = Client().post(REGISTER, payload(**{field: value}))

    assert response.status_code == 200
    assert field in errors_of(response)
    assert not Company.objects.exists() and not User.objects.filter(username="dapur-hrd").exists()


def test_a_weak_password_is_refused_and_leaves_no_company(kota_tangerang: None) -> None:
    response = Client().post(REGISTER, payload(password="12345", password_again="12345"))

    assert "password" in errors_of(response)
    assert not Company.objects.exists() and not User.objects.exists()


def test_a_username_taken_is_refused_and_leaves_no_company(
    kota_tangerang: None, users_by_role: dict[str, User]
) -> None:
    taken = users_by_role[Role.EMPLOYER].username

    response = Client().post(REGISTER, payload(username=taken))

    assert "username" in errors_of(response)
    assert not Company.objects.exists()


def test_a_double_click_makes_one_company_and_both_answers_sign_in(kota_tangerang: None) -> None:
    sent = payload()
    first, second = Client(), Client()

    assert first.post(REGISTER, sent).status_code == 302
    again = second.post(REGISTER, sent)

    assert again.status_code == 302 and again.headers["Location"] == "/employers/company/"
    assert Company.objects.count() == 1 and CompanyMember.objects.count() == 1
    assert second.get("/employers/company/").status_code == 200


def test_a_form_sent_again_with_another_account_is_refused(kota_tangerang: None) -> None:
    sent = payload()
    Client().post(REGISTER, sent)

    response = Client().post(REGISTER, {**sent, "username": "orang-lain"})

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert Company.objects.count() == 1 and not User.objects.filter(username="orang-lain").exists()


def test_a_form_key_not_made_here_is_refused_keeping_what_was_typed(kota_tangerang: None) -> None:
    response = Client().post(REGISTER, payload(registration_key="made-up"))

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not Company.objects.exists()
    assert 'value="CV Dapur Nusantara"' in response.content.decode()


def test_registrations_from_one_address_are_rate_limited(
    kota_tangerang: None, settings: Any
) -> None:
    settings.EMPLOYER_REGISTRATION_RATE = "2/h"
    client = Client(REMOTE_ADDR="203.0.113.9")
    for number in range(2):
        client.post(REGISTER, payload(username=f"hrd{number}", nib=f"123456789012{number}"))
        client.logout()

    refused = client.post(REGISTER, payload(username="hrd9", nib="9999999999999"))

    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
    assert Company.objects.count() == 2


def test_a_signed_in_user_is_not_signed_out_by_the_form(
    kota_tangerang: None, users_by_role: dict[str, User]
) -> None:
    client = Client()
    client.force_login(users_by_role[Role.PARTICIPANT])

    response = client.get(REGISTER)

    assert response.context["signed_in"] is True
    assert b"register-company" not in response.content


def test_an_employer_of_a_company_opening_the_form_goes_to_their_company(
    kota_tangerang: None,
) -> None:
    _company, (employer,) = make_company()
    client = Client()
    client.force_login(employer)

    response = client.get(REGISTER)

    assert response.status_code == 302 and response.headers["Location"] == "/employers/company/"


def details_of(data: dict[str, str]) -> CompanyDetails:
    return CompanyDetails(
        name=data["name"],
        sector=data["sector"],
        address=data["address"],
        kelurahan=None,
        description="",
        contact_name=data["contact_name"],
        contact_phone=data["contact_phone"],
        contact_email=data["contact_email"],
        nib=data["nib"],
    )


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_form_sent_many_times_at_once_makes_one_company(kota_tangerang: None) -> None:
    skip_unless_postgresql()
    sent = payload()

    def register(_number: int) -> str:
        company_register(
            details=details_of(sent),
            username=sent["username"],
            password=sent["password"],
            registration_key=sent["registration_key"],
        )
        return "registered"

    outcomes = run_concurrently(8, register)

    assert outcomes == ["registered"] * 8
    assert Company.objects.count() == 1 and CompanyMember.objects.count() == 1


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_one_nib_registered_many_times_at_once_makes_one_company(kota_tangerang: None) -> None:
    skip_unless_postgresql()

    def register(number: int) -> str:
        sent = payload(username=f"hrd-{number}")
        company_register(
            details=details_of(sent),
            username=sent["username"],
            password=sent["password"],
            registration_key=sent["registration_key"],
        )
        return "registered"

    outcomes = run_concurrently(8, register)

    assert sorted(outcomes) == ["nib_registered"] * 7 + ["registered"]
    assert Company.objects.count() == 1 and User.objects.filter(role=Role.EMPLOYER).count() == 1
