from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po
from django.conf import settings

INDONESIAN = Path(settings.BASE_DIR) / "balai" / "locale" / "id" / "LC_MESSAGES" / "django.po"


def test_every_string_has_an_indonesian_translation() -> None:
    with INDONESIAN.open("rb") as po_file:
        catalog = read_po(po_file, locale="id")
    untranslated = [
        message.id
        for message in catalog
        if message.id
        and (
            message.fuzzy
            or not all(message.string if isinstance(message.string, tuple) else [message.string])
        )
    ]
    assert untranslated == []


@pytest.mark.django_db
def test_pages_speak_indonesian_by_default_and_english_on_request(
    kota_tangerang: None, client: Any
) -> None:
    assert "Pelatihan kerja di setiap kelurahan" in client.get("/").content.decode()
    client.post("/language/", {"language": "en", "next": "/"})
    assert "Vocational training in every kelurahan" in client.get("/").content.decode()


@pytest.mark.django_db
def test_a_browser_set_to_english_still_gets_indonesian_until_the_person_switches(
    kota_tangerang: None, client: Any
) -> None:
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Pelatihan kerja di setiap kelurahan" in page
