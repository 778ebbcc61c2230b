from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from balai.accounts.models import ApiToken, Role, User
from balai.accounts.services import api_token_authenticate, api_token_create, user_create
from balai.core.errors import ApplicationError
from balai.core.models import AuditEntry
from balai.testing.factories import UserFactory, kelurahan
from balai.testing.places import SUKARASA

pytestmark = pytest.mark.django_db


def test_a_kelurahan_operator_needs_a_kelurahan(kota_tangerang: None) -> None:
    with pytest.raises(ApplicationError) as refused:
        user_create(username="op", full_name="Op", role=Role.KELURAHAN_OPERATOR)
    assert refused.value.code == "invalid_user"
    assert not User.objects.filter(username="op").exists()


def test_a_participant_cannot_be_given_an_area(kota_tangerang: None) -> None:
    with pytest.raises(ApplicationError):
        user_create(
            username="p", full_name="P", role=Role.PARTICIPANT, kelurahan=kelurahan(SUKARASA)
        )


def test_a_weak_password_is_refused_with_the_validators_reasons(kota_tangerang: None) -> None:
    with pytest.raises(ApplicationError) as refused:
        user_create(username="p", full_name="P", role=Role.PARTICIPANT, password="12345678")
    assert refused.value.code == "weak_password"
    assert "password" in refused.value.details


def test_creating_a_user_is_audited_without_the_password(kota_tangerang: None) -> None:
    user = UserFactory.create(username="budi", full_name="Budi Santoso")
    entry = AuditEntry.objects.get(target_type="accounts.user", target_id=str(user.pk))
    assert entry.changes["first_name"]["new"] == "B*** S******"
    assert entry.changes["password"]["new"] == "[tersembunyi]"
    assert user.password[:10] not in str(entry.changes)


def test_five_wrong_passwords_lock_the_account_for_a_while(kota_tangerang: None) -> None:
    UserFactory.create(username="siti", password="kata-sandi-benar-1")
    client = Client()
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": "siti", "password": "salah"})
    response = client.post(
        "/accounts/login/", {"username": "siti", "password": "kata-sandi-benar-1"}
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_right_password_signs_in(kota_tangerang: None) -> None:
    UserFactory.create(username="siti", password="kata-sandi-benar-1")
    client = Client()
    response = client.post(
        "/accounts/login/", {"username": "siti", "password": "kata-sandi-benar-1"}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"]


def test_sessions_expire_after_a_working_day() -> None:
    assert settings.SESSION_COOKIE_AGE <= 8 * 60 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST


def test_an_api_token_is_stored_only_as_a_hash(kota_tangerang: None) -> None:
    user = UserFactory.create()
    api_token, token = api_token_create(user=user, label="laporan")
    assert token not in str(ApiToken.objects.filter(pk=api_token.pk).values().get())
    found = api_token_authenticate(token=token)
    assert found is not None and found.user == user
    assert api_token_authenticate(token=token + "x") is None


def test_an_expired_token_is_refused(kota_tangerang: None) -> None:
    api_token, token = api_token_create(user=UserFactory.create(), label="lama")
    ApiToken.objects.filter(pk=api_token.pk).update(expires_at=timezone.now() - timedelta(1))
    assert api_token_authenticate(token=token) is None


def test_a_user_creates_and_revokes_a_token_from_the_page(
    users_by_role: dict[str, User], client: Any
) -> None:
    client.force_login(users_by_role[Role.PARTICIPANT])
    response = client.post("/accounts/api-tokens/", {"label": "ponsel", "scope": "read"})
    token = response.context["new_token"]
    assert token and token.encode() in response.content
    api_token = ApiToken.objects.get(user=users_by_role[Role.PARTICIPANT])
    client.post(f"/accounts/api-tokens/{api_token.pk}/revoke/")
    assert api_token_authenticate(token=token) is None


def test_nobody_revokes_another_users_token(users_by_role: dict[str, User], client: Any) -> None:
    api_token, token = api_token_create(user=users_by_role[Role.ADMIN], label="admin")
    client.force_login(users_by_role[Role.PARTICIPANT])
    response = client.post(f"/accounts/api-tokens/{api_token.pk}/revoke/")
    assert response.status_code == 404
    found = api_token_authenticate(token=token)
    assert found is not None and found.user == users_by_role[Role.ADMIN]


def test_a_password_reset_link_is_e_mailed_and_sets_a_new_password(
    kota_tangerang: None, client: Any, mailoutbox: Any
) -> None:
    UserFactory.create(username="rina", email="rina@example.id", password="kata-sandi-lama-1")
    client.post("/accounts/password/reset/", {"email": "rina@example.id"})
    assert len(mailoutbox) == 1
    link = next(line for line in mailoutbox[0].body.splitlines() if "/password/reset/" in line)
    form_page = client.get(link.replace("http://testserver", ""), follow=True)
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "kata-sandi-baru-2", "new_password2": "kata-sandi-baru-2"},
    )
    assert response.status_code == 302
    assert User.objects.get(username="rina").check_password("kata-sandi-baru-2")


def test_the_django_admin_cannot_change_personal_records(
    users_by_role: dict[str, User], client: Any
) -> None:
    client.force_login(users_by_role[Role.ADMIN])
    participant = users_by_role[Role.PARTICIPANT]
    response = client.post(
        f"/django-admin/accounts/user/{participant.pk}/change/", {"username": "changed"}
    )
    assert response.status_code == 403
    participant.refresh_from_db()
    assert participant.username == "participant"
