"""Importing a 10,000-row .xlsx of registrations (check and save), against registering the
same residents one form at a time."""

from __future__ import annotations

import datetime
import io
import time

from _scratch import open_batch, start_django

start_django("import")

from openpyxl import Workbook  # noqa: E402
from openpyxl.worksheet.worksheet import Worksheet  # noqa: E402

from balai.accounts.models import Role, User  # noqa: E402
from balai.accounts.services import user_create  # noqa: E402
from balai.catalogue.services import programme_upsert  # noqa: E402
from balai.core.jobs import job_run_here  # noqa: E402
from balai.demo.catalogue_data import PROGRAMMES  # noqa: E402
from balai.intake.batches import offerings_create  # noqa: E402
from balai.intake.imports.headers import COLUMNS  # noqa: E402
from balai.intake.imports.services import import_confirm, import_upload  # noqa: E402
from balai.intake.models import Application, Batch, Channel, ImportUpload  # noqa: E402
from balai.intake.selectors import offering_list  # noqa: E402
from balai.intake.services import Submission, application_submit  # noqa: E402
from balai.regions.selectors import kelurahan_list  # noqa: E402
from balai.regions.services import regions_load  # noqa: E402
from balai.registry.models import Sex  # noqa: E402
from balai.registry.nik import nik_compose  # noqa: E402
from balai.registry.services import PersonData  # noqa: E402

ROWS = 10_000
BASELINE_ROWS = 300


def setting_up() -> tuple[Batch, User]:
    regions_load(code="36.71")
    programmes = [
        programme_upsert(
            code=item.code,
            name=item.name,
            description="",
            hours=80,
            session_count=20,
            class_size=20,
            minimum_class_size=10,
        )
        for item in PROGRAMMES[:5]
    ]
    batch = open_batch("bench", applicants_per_family=0)
    places = list(kelurahan_list(regency_code="36.71"))
    offerings_create(
        batch=batch,
        rows=[(programme, place, None, 20) for place in places for programme in programmes],
    )
    admin = user_create(username="bench-admin", full_name="Bench", role=Role.ADMIN)
    return batch, admin


def letters(number: int) -> str:
    """Return `number` written in letters (a, b, …, ba, …): names hold no digits."""
    word = ""
    while True:
        number, remainder = divmod(number, 26)
        word = chr(ord("a") + remainder) + word
        if not number:
            return word


def resident(number: int) -> tuple[str, datetime.date, Sex]:
    birth_date = datetime.date(1970 + number % 35, number % 12 + 1, number % 28 + 1)
    sex = Sex.FEMALE if number % 2 else Sex.MALE
    serial = number // (35 * 12 * 28 * 2) + 1 + (number % 1000)
    return (
        nik_compose(region_code="36.71.01", birth_date=birth_date, sex=sex, serial=serial),
        birth_date,
        sex,
    )


def workbook(first: int, count: int) -> bytes:
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    sheet.append([title for _name, title in COLUMNS])
    places = ["Sukarasa", "Babakan", "Cikokol", "Sukasari", "Tanah Tinggi"]
    for number in range(first, first + count):
        nik, birth_date, sex = resident(number)
        sheet.append(
            [
                nik,
                "",
                f"Warga {letters(number)}",
                birth_date.strftime("%d/%m/%Y"),
                sex.value,
                f"0812{number:08d}",
                "",
                "Jl. Contoh 1",
                places[number % len(places)],
                "SMA/SMK",
                "Menganggur",
                "Rp1\u20133 juta",
                "Tidak",
                "Tidak",
                PROGRAMMES[number % 5].name,
                "",
                "",
            ]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def one_at_a_time(batch: Batch, count: int) -> float:
    offering = offering_list(batch=batch).filter(kelurahan__name="Sukarasa").first()
    assert offering is not None
    started = time.perf_counter()
    for number in range(ROWS + 10, ROWS + 10 + count):
        nik, birth_date, sex = resident(number)
        place = offering.kelurahan
        application_submit(
            submission=Submission(
                batch=batch,
                person=PersonData(
                    nik=nik,
                    full_name=f"Warga {letters(number)}",
                    birth_date=birth_date,
                    sex=sex,
                    domicile_kelurahan=place,
                    phone=f"0813{number:08d}",
                ),
                choices=[offering],
                interests={},
                consent_given=True,
                channel=Channel.SELF,
                idempotency_key=f"bench-{number}",
            )
        )
    return (time.perf_counter() - started) / count


def main() -> None:
    batch, admin = setting_up()
    content = workbook(0, ROWS)
    started = time.perf_counter()
    upload, check_job = import_upload(
        batch=batch,
        uploaded_by=admin,
        file_name="bench.xlsx",
        content=content,
        consent_collected=True,
    )
    job_run_here(check_job)
    checked = time.perf_counter()
    upload = ImportUpload.objects.get(pk=upload.pk)
    job_run_here(import_confirm(upload=upload, confirmed_by=admin))
    saved = time.perf_counter()
    assert Application.objects.count() == ROWS, upload.report
    per_row_singly = one_at_a_time(batch, BASELINE_ROWS)
    total = saved - started
    print(
        f"import of {ROWS:,} rows ({len(content) / 1e6:.1f} MB xlsx): checked in "
        f"{checked - started:.1f} s, saved in {saved - checked:.1f} s, {total:.1f} s in all "
        f"(target: under 10 s)"
    )
    print(
        f"baseline, one form at a time: {per_row_singly * 1000:.2f} ms a registration; "
        f"{ROWS:,} that way: {per_row_singly * ROWS:.1f} s"
    )
    print(f"ratio one-at-a-time / import: {per_row_singly * ROWS / total:.1f}x")


if __name__ == "__main__":
    main()
