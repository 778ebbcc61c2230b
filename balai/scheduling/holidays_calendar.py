"""The national holiday calendar, loaded from the `holidays` package (national holidays and
the cuti bersama of the joint ministerial decree) into the editable Holiday table."""

from __future__ import annotations

import holidays

from balai.scheduling.models import Holiday, HolidayKind


def holidays_load(*, year: int) -> int:
    """Add `year`'s national holidays and cuti bersama; days already in the table (perhaps
    edited by an admin) are left as they are. Returns how many were added."""
    national = holidays.country_holidays("ID", years=year, language="id")
    joint = holidays.country_holidays("ID", years=year, categories=("government",), language="id")
    existing = set(Holiday.objects.filter(date__year=year).values_list("date", flat=True))
    rows = [
        Holiday(date=day, name=str(name)[:150], kind=kind)
        for source, kind in ((national, HolidayKind.NATIONAL), (joint, HolidayKind.CUTI_BERSAMA))
        for day, name in sorted(source.items())
        if day not in existing
    ]
    Holiday.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)
