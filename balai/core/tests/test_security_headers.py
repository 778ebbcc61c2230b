"""Every page and API answer carries the security headers: a Content-Security-Policy that
allows only Balai's own scripts and styles (and no template needs more), a Permissions-Policy,
and `Cache-Control: no-store` wherever personal data may be."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from balai.accounts.models import Role, User
from balai.testing.clients import bearer, client_for

pytestmark = pytest.mark.django_db
TEMPLATES = Path(settings.BASE_DIR) / "balai" / "templates"
INLINE_CODE = re.compile(
    r"<script(?![^>]*\bsrc=)[^>]*>|<style|\son[a-z]+\s*=|\sstyle\s*=|javascript:", re.IGNORECASE
)


def directives(response: Any) -> dict[str, str]:
    policy = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())


def test_pages_allow_only_balai_s_own_scripts_and_styles(kota_tangerang: None) -> None:
    response = Client().get("/")
    policy = directives(response)
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert "unsafe" not in response["Content-Security-Policy"]


def test_no_template_has_inline_script_style_or_event_handlers() -> None:
    offending = {
        str(template.relative_to(TEMPLATES)): INLINE_CODE.findall(template.read_text())
        for template in TEMPLATES.rglob("*.html")
        if INLINE_CODE.search(template.read_text())
    }
    assert offending == {}


def test_pages_refuse_the_camera_microphone_and_location(kota_tangerang: None) -> None:
    policy = Client().get("/")["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()"):
        assert feature in policy


def test_pages_and_api_answers_are_not_stored(users_by_role: dict[str, User]) -> None:
    admin = users_by_role[Role.ADMIN]
    answers = [
        Client().get("/"),
        Client().get("/accounts/login/"),
        client_for(admin).get("/persons/"),
        bearer(admin).get("/api/v1/persons/"),
        bearer(admin).get("/api/v1/no-such-thing"),
        Client().get("/api/v1/persons/"),
    ]
    assert [answer["Cache-Control"] for answer in answers] == ["no-store"] * len(answers)


def test_static_files_keep_their_caching(settings: Any, kota_tangerang: None) -> None:
    settings.WHITENOISE_USE_FINDERS = True
    client = client_for(User.objects.create_user(username="reader"))
    response = client.get("/static/balai/balai.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
