from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from babel.messages.extract import extract, extract_from_dir
from babel.messages.pofile import read_po
from django.conf import settings
from django.utils.translation.template import templatize

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


# The translation functions Balai calls, with where their message (and context) stand.
KEYWORDS: dict[str, Any] = {
    "_": None,
    "gettext": None,
    "gettext_lazy": None,
    "ngettext": (1, 2),
    "ngettext_lazy": (1, 2),
    "pgettext": ((1, "c"), 2),
    "pgettext_lazy": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
}
APPS = Path(settings.BASE_DIR) / "balai"


def messages_in_code() -> Iterator[tuple[str, str]]:
    """Yield (file, message) for every translatable message of the code, outside tests."""
    for file_name, _line, message, _comments, _context in extract_from_dir(
        str(APPS), method_map=[("**/tests/**", "ignore"), ("**.py", "python")], keywords=KEYWORDS
    ):
        yield file_name, message[0] if isinstance(message, tuple) else message
    for template in [*APPS.glob("**/templates/**/*.html"), *APPS.glob("**/templates/**/*.txt")]:
        # Django's own conversion of a template into the calls makemessages reads.
        source = templatize(template.read_text(), origin=str(template))
        for _line, message, _comments, _context in extract(
            "python", io.BytesIO(source.encode()), keywords=KEYWORDS
        ):
            yield str(template), message[0] if isinstance(message, tuple) else message


def test_every_message_of_the_code_and_templates_is_in_the_catalogue() -> None:
    with INDONESIAN.open("rb") as po_file:
        catalog = read_po(po_file, locale="id")
    missing = sorted(
        {
            f"{where}: {message!r}"
            for where, message in messages_in_code()
            if message and message not in catalog
        }
    )
    assert missing == [], "Add an Indonesian translation to django.po for:\n" + "\n".join(missing)


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
