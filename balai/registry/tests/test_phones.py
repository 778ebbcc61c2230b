"""Phone numbers as people write them (issue 13, point 1): one form for each mobile number,
and a number that cannot be a mobile number refused with the reason."""

from __future__ import annotations

import pytest
from django.utils import translation

from balai.core.errors import ApplicationError
from balai.registry.phones import phone_local, phone_normalise


@pytest.mark.parametrize(
    "typed",
    [
        "081234567890",
        "0812 3456 7890",
        "0812-3456-7890",
        "(0812) 3456.7890",
        "+62 812 3456 7890",
        "+62-812-3456-7890",
        "+62 (0)812 3456 7890",
        "62812 3456 7890",
        "62 0812 3456 7890",
        "0062 812 3456 7890",
    ],
)
def test_every_way_of_writing_a_number_gives_one_form(typed: str) -> None:
    assert phone_normalise(typed) == "+6281234567890"


@pytest.mark.parametrize(
    "typed",
    ["0811 234 567", "0821 2345 6789", "0831 2345 6789", "0851 2345 6789", "0877 1234 5678",
     "0881 2345 678", "0895 1234 56789", "0817 1234 5678"],
)  # fmt: skip
def test_the_operators_prefixes_are_mobile_numbers(typed: str) -> None:
    assert phone_normalise(typed).startswith("+628")


@pytest.mark.parametrize(
    "typed",
    [
        "021 1234 5678",  # a Jakarta landline
        "+62 21 1234 5678",
        "0254 123 456",  # a Banten landline
        "0800 123 4567",  # toll-free
        "0841 2345 6789",  # no operator's
        "0861 2345 6789",
        "+62 804 1234 5678",
    ],
)
def test_a_number_that_is_no_mobile_number_is_refused_as_such(typed: str) -> None:
    with translation.override("id"), pytest.raises(ApplicationError) as refused:
        phone_normalise(typed)
    assert refused.value.code == "phone_invalid"
    assert "bukan nomor ponsel" in refused.value.message


@pytest.mark.parametrize(
    "typed", ["0812 345", "0812 3456 7890 1234", "812 3456 7890", "+62", "0", "1234 5678"]
)
def test_too_short_too_long_or_without_a_prefix_is_refused(typed: str) -> None:
    with pytest.raises(ApplicationError) as refused:
        phone_normalise(typed)
    assert refused.value.code == "phone_invalid"


def test_a_number_is_shown_as_people_read_it() -> None:
    assert phone_local("+6281234567890") == "0812 3456 7890"
    assert phone_local("+628123456789") == "0812 3456 789"
