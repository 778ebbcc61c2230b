"""API tokens end when they should and do only what they may (issue 11, point 13)."""

from __future__ import annotations

import datetime
import json

import pytest
from django.test import Client
from django.utils import timezone

from balai.accounts.models import ApiToken, ApiTokenScope, Role, User
from balai.accounts.services import api_token_create
from balai.intake.models import Batch
from balai.testing.factories import TEST_PASSWORD
from balai.testing.registration import registration_payload

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "Sawo-matang-2027-xy"


def carrying(token: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


def test_changing_the_password_ends_every_token(users_by_role: dict[str, User]) -> None:
    user = users_by_role[Role.KELURAHAN_OPERATOR]
    _api_token, token = api_token_create(user=user, label="laporan")
    browser = Client()
    browser.force_login(user)
    browser.post(
        "/accounts/password/change/",
        {
            "old_password": TEST_PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )
    assert carrying(token).get("/api/v1/accounts/me").status_code == 401


def test_signing_out_ends_the_token_registration_handed_out(open_batch: Batch) -> None:
    created = Client().post(
        "/api/v1/applications/",
        json.dumps(registration_payload(open_batch)),
        content_type="application/json",
    )
    token = created.json()["api_token"]
    account = ApiToken.objects.get().user
    deliberate = api_token_create(user=account, label="lembar kerja", scope=ApiTokenScope.READ)[1]
    browser = Client()
    browser.force_login(account)
    browser.post("/accounts/logout/")
    assert carrying(token).get("/api/v1/applications/mine").status_code == 401
    assert carrying(deliberate).get("/api/v1/applications/mine").status_code == 200


def test_a_client_signs_its_token_out(users_by_role: dict[str, User]) -> None:
    _api_token, token = api_token_create(user=users_by_role[Role.PARTICIPANT], label="ponsel")
    assert carrying(token).post("/api/v1/accounts/sign-out").status_code == 204
    assert carrying(token).get("/api/v1/accounts/me").status_code == 401


def test_a_read_token_cannot_write(open_batch: Batch, users_by_role: dict[str, User]) -> None:
    operator = users_by_role[Role.KELURAHAN_OPERATOR]
    reader = api_token_create(user=operator, label="dasbor", scope=ApiTokenScope.READ)[1]
    writer = api_token_create(user=operator, label="impor", scope=ApiTokenScope.WRITE)[1]
    body = json.dumps(registration_payload(open_batch))
    refused = carrying(reader).post("/api/v1/applications/", body, content_type="application/json")
    assert refused.status_code == 403 and refused.json()["code"] == "token_read_only"
    assert carrying(reader).get("/api/v1/applications/area").status_code == 200
    allowed = carrying(writer).post("/api/v1/applications/", body, content_type="application/json")
    assert allowed.status_code == 201


def test_a_new_token_made_on_the_page_only_reads_unless_asked(
    users_by_role: dict[str, User],
) -> None:
    browser = Client()
    browser.force_login(users_by_role[Role.KELURAHAN_OPERATOR])
    browser.post("/accounts/api-tokens/", {"label": "dasbor", "scope": "read"})
    assert ApiToken.objects.get().scope == ApiTokenScope.READ


@pytest.mark.parametrize(
    ("role", "days"), [(Role.PARTICIPANT, 7), (Role.KELURAHAN_OPERATOR, 90), (Role.ADMIN, 90)]
)
def test_residents_tokens_live_a_week_and_staff_tokens_longer(
    users_by_role: dict[str, User], role: Role, days: int
) -> None:
    api_token, _token = api_token_create(user=users_by_role[role], label="t")
    lifetime = api_token.expires_at - timezone.now()
    assert datetime.timedelta(days=days - 1) < lifetime <= datetime.timedelta(days=days)


def test_a_password_changed_anywhere_ends_the_tokens(users_by_role: dict[str, User]) -> None:
    admin = users_by_role[Role.ADMIN]
    _api_token, token = api_token_create(user=admin, label="skrip")
    admin.set_password(NEW_PASSWORD)  # as the Django admin or `manage.py changepassword` do
    admin.save()
    assert carrying(token).get("/api/v1/accounts/me").status_code == 401
    assert ApiToken.objects.get().revoked_at is not None


def test_a_read_token_may_end_itself(users_by_role: dict[str, User]) -> None:
    reader = api_token_create(
        user=users_by_role[Role.VIEWER], label="dasbor", scope=ApiTokenScope.READ
    )[1]
    assert carrying(reader).post("/api/v1/accounts/sign-out").status_code == 204
    assert carrying(reader).get("/api/v1/accounts/me").status_code == 401


def test_a_signed_in_browser_writes_to_the_api_only_with_its_csrf_token(
    open_batch: Batch, users_by_role: dict[str, User]
) -> None:
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(users_by_role[Role.KELURAHAN_OPERATOR])
    body = json.dumps(registration_payload(open_batch))
    forged = browser.post(
        "/api/v1/applications/", body, content_type="text/plain", HTTP_ORIGIN="http://evil.example"
    )
    assert forged.status_code == 403 and forged.json()["code"] == "csrf_failed"
    from balai.intake.models import Application

    assert not Application.objects.exists()
