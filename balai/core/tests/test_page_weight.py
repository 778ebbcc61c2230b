"""Pages travel light on a phone's slow connection: compressed, with a favicon that is there,
and static files (compressed once by collectstatic) cached for a year."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as project_settings
from django.core.management import call_command
from django.test import Client

from balai.accounts.models import Role, User
from balai.testing.clients import bearer
from balai.testing.page_weight import linked_static_files

pytestmark = pytest.mark.django_db
A_YEAR = 365 * 24 * 60 * 60
TEMPLATES = Path(project_settings.BASE_DIR) / "balai" / "templates"
LEAVES_HTMX_OUT = "{% block htmx %}{% endblock %}"
INCLUDE = re.compile(r'{%\s*include\s+"([^"]+)"')


def test_a_page_is_sent_compressed_to_a_browser_that_accepts_gzip(kota_tangerang: None) -> None:
    compressed = Client().get("/accounts/login/", headers={"accept-encoding": "gzip, br"})
    plain = Client().get("/accounts/login/")
    assert compressed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed["Vary"]
    page = gzip.decompress(compressed.content).decode()
    assert "<form" in page and len(compressed.content) < len(page) / 2
    assert not plain.has_header("Content-Encoding") and "<form" in plain.content.decode()


def test_an_api_answer_is_sent_compressed_too(users_by_role: dict[str, User]) -> None:
    response = bearer(users_by_role[Role.ADMIN]).get(
        "/api/v1/openapi.json", headers={"accept-encoding": "gzip"}
    )
    assert response.status_code == 200 and response["Content-Encoding"] == "gzip"
    assert "paths" in json.loads(gzip.decompress(response.content))


def test_the_favicon_is_served_at_the_root_and_linked_from_every_page(
    kota_tangerang: None,
) -> None:
    response = Client().get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] in {"image/x-icon", "image/vnd.microsoft.icon"}
    assert response.getvalue().startswith(b"\x00\x00\x01\x00")  # an ICO file
    page = Client().get("/").content.decode()
    assert 'rel="icon"' in page and "root/favicon.ico" in linked_static_files(page)


def test_static_files_are_cached_for_a_year_and_sent_compressed(
    settings: Any, tmp_path: Path, kota_tangerang: None
) -> None:
    # What collectstatic leaves outside DEBUG, for Balai's own files (the admin's are many).
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": settings.STATIC_STORAGE_OUTSIDE_DEBUG},
    }
    settings.STATIC_ROOT = tmp_path
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    call_command("collectstatic", "--no-input", verbosity=0)
    linked = linked_static_files(Client().get("/register/").content.decode())
    # Each under a name carrying a hash of its content: balai/balai.0e0fe27f2360.css
    assert {path.rsplit(".", 2)[0] for path in linked} >= {
        "balai/balai",
        "vendor/htmx/htmx.min",
        "root/favicon",
    }
    for path in linked:
        url = f"/{settings.STATIC_URL.lstrip('/')}{path}"
        response = Client().get(url, headers={"accept-encoding": "gzip"})
        assert response.status_code == 200, url
        cache_control = response["Cache-Control"]
        assert "immutable" in cache_control and "public" in cache_control, url
        assert int(cache_control.split("max-age=")[1].split(",")[0]) >= A_YEAR, url
        if not url.endswith(".ico"):  # an icon's PNG images are compressed already
            assert response["Content-Encoding"] == "gzip", url


def _with_includes(name: str) -> str:
    text = (TEMPLATES / name).read_text()
    return text + "".join(_with_includes(included) for included in INCLUDE.findall(text))


def test_a_page_that_leaves_htmx_out_uses_none_of_it() -> None:
    leaving_out = [
        str(template.relative_to(TEMPLATES))
        for template in TEMPLATES.rglob("*.html")
        if LEAVES_HTMX_OUT in template.read_text()
    ]
    assert "training/roll_call.html" in leaving_out and "accounts/login.html" in leaving_out
    assert [name for name in leaving_out if "hx-" in _with_includes(name)] == []
