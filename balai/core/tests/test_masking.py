from __future__ import annotations

import logging

from balai.core.logging import MaskIdentityNumbersFilter, mask_identity_numbers
from balai.core.masking import mask_identity_number

NIK = "3671015705900123"  # a woman born 17-05-1990, registered in Kecamatan Tangerang
KK_NUMBER = "3671010101204567"


def test_a_nik_or_kk_number_shows_only_its_last_four_digits() -> None:
    # The first twelve digits are region and birth date: a page's other columns rebuild them.
    assert mask_identity_number(NIK) == "************0123"
    assert mask_identity_number(KK_NUMBER) == "************4567"


def test_a_number_too_short_to_mask_safely_is_hidden_whole() -> None:
    assert mask_identity_number("1234567") == "*******"


def test_the_log_filter_masks_a_nik_as_the_pages_do() -> None:
    assert mask_identity_numbers(f"nik={NIK}; kk {KK_NUMBER}.") == (
        "nik=************0123; kk ************4567."
    )
    record = logging.getLogger("balai.test").makeRecord(
        "balai.test", logging.INFO, __file__, 1, "checking %s", (NIK,), None
    )
    MaskIdentityNumbersFilter().filter(record)
    assert record.getMessage() == "checking ************0123"


def test_longer_digit_runs_are_not_taken_for_a_nik() -> None:
    seventeen_digits = NIK + "9"
    assert mask_identity_numbers(seventeen_digits) == seventeen_digits
