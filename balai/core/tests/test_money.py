"""Rupiah as people type them: whole amounts read, fractions and nonsense refused by name."""

from __future__ import annotations

import pytest

from balai.core.money import AmountInvalidError, rupiah_label, rupiah_typed


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("1.500.000", 1_500_000),
        ("1500000", 1_500_000),
        ("Rp 1 500 000", 1_500_000),
        ("rp.250.000", 250_000),
        (750_000, 750_000),
        (2_000_000.0, 2_000_000),
    ],
)
def test_amounts_are_read_as_people_write_rupiah(typed: str | int | float, amount: int) -> None:
    assert rupiah_typed(typed) == amount


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("1.500.000,50", "amount_fraction"),
        ("1,5", "amount_fraction"),
        ("1500.5", "amount_fraction"),
        (1500.5, "amount_fraction"),
        ("satu juta", "amount_invalid"),
        ("15.00.000", "amount_invalid"),
        ("", "amount_missing"),
        ("-50.000", "amount_negative"),
        (True, "amount_invalid"),
        (None, "amount_invalid"),
        (0, "amount_too_small"),
    ],
)
def test_a_fraction_or_nonsense_is_refused_with_its_reason(typed: object, code: str) -> None:
    with pytest.raises(AmountInvalidError) as refused:
        rupiah_typed(typed, field="amount")  # type: ignore[arg-type]  # hostile input on purpose

    assert refused.value.code == code
    assert "amount" in refused.value.details


def test_the_bounds_are_named_in_rupiah() -> None:
    with pytest.raises(AmountInvalidError) as refused:
        rupiah_typed("3.000.000", maximum=2_000_000)

    assert "2.000.000" in refused.value.message


def test_amounts_are_written_grouped_in_thousands() -> None:
    assert rupiah_label(1_500_000) == "Rp1.500.000"
    assert rupiah_label(-25_000) == "-Rp25.000"
    assert rupiah_label(0) == "Rp0"
