"""Weekly availability as a bit mask: one bit per (weekday, half-day slot), Monday to
Saturday, morning and afternoon. Small to store, quick to test, and one integer per row."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

WEEKDAYS = 6  # Monday (0) to Saturday (5): Sunday is never a training day
SLOTS = 2  # 0: morning, 1: afternoon
EVERY_SLOT = (1 << (WEEKDAYS * SLOTS)) - 1
WEEKDAY_NAMES = [_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat")]
SLOT_NAMES = [_("morning"), _("afternoon")]
SLOT_HOURS = [("08:00", "12:00"), ("13:00", "17:00")]


def slot_bit(weekday: int, slot: int) -> int:
    return 1 << (weekday * SLOTS + slot)


def is_available(mask: int, weekday: int, slot: int) -> bool:
    return weekday < WEEKDAYS and bool(mask & slot_bit(weekday, slot))


def slots_per_week(mask: int) -> int:
    return bin(mask & EVERY_SLOT).count("1")


def mask_of(pairs: list[tuple[int, int]]) -> int:
    mask = 0
    for weekday, slot in pairs:
        mask |= slot_bit(weekday, slot)
    return mask
