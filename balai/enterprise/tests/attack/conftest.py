from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from balai.accounts.models import Role, User


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def admin(users_by_role: dict[str, User]) -> User:
    return users_by_role[Role.ADMIN]
