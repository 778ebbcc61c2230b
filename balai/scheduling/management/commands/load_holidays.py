from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from balai.scheduling.holidays_calendar import holidays_load


class Command(BaseCommand):
    help = "Load Indonesia's national holidays and cuti bersama for the given years."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("years", nargs="+", type=int)

    def handle(self, *args: Any, years: list[int], **options: Any) -> None:
        for year in years:
            added = holidays_load(year=year)
            self.stdout.write(f"{year}: {added} days added")
