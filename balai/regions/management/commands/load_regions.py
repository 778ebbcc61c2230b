"""Load Kemendagri regions: `load_regions 36.71` for Kota Tangerang, `load_regions all`."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from balai.core.errors import ApplicationError
from balai.core.request_context import acting_as
from balai.core.terminal import TerminalProgressBar
from balai.regions.services import regions_load


class Command(BaseCommand):
    help = (
        "Load a province (36), regency or city (36.71) or kecamatan (36.71.01) with its "
        "parents and every region below it, or 'all' for the whole country. Idempotent."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code", help="Kemendagri code, dotted (36.71), or 'all'.")

    def handle(self, *args: Any, **options: Any) -> None:
        progress = TerminalProgressBar(self.stdout) if options["verbosity"] > 0 else None
        try:
            with acting_as(None, channel="command"):
                counts = regions_load(code=options["code"], progress=progress)
        except ApplicationError as error:
            raise CommandError(error.message) from None
        if options["verbosity"] > 0:
            self.stdout.write(
                "Loaded {provinces} provinces, {regencies} regencies, {kecamatan} kecamatan, "
                "{kelurahan} kelurahan.".format(**counts)
            )
