"""Generate synthetic participants, from application to placement, for the dashboards' bench.

    manage.py load_regions all            # (or 36.71 for the city alone)
    manage.py generate_reporting_data --participants 1000000 --attendance-per-participant 10

Participants live in the deployment's regency (BALAI_REGENCY_CODE, Kota Tangerang 36.71: 104
kelurahan), spread evenly over its kelurahan: the dashboards' root is that regency, so a
national-scale run puts its million people in the regency's kelurahan while the region tables
hold the whole country. Rows go straight into the real tables (COPY on PostgreSQL, executemany
in large transactions on SQLite), not through the services: this feeds a read bench, and the
services would take hours. NIKs are placeholders (`-` encrypted, a unique `gen-…` hash).

Funnel, of every 100 registered: about 85 eligible, 68 offered, 61 accepted and enrolled, 58
attending, 46 completed, 42 certified, 21 channelled (a job, their own business or a group).
`--attendance-per-participant` is the average over all participants: the enrolled share the
total, at most one mark per session.
"""

from __future__ import annotations

import datetime
import json
import random
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone

from balai.accounts.models import Role, User
from balai.catalogue.models import Instructor, Programme, Venue
from balai.core.terminal import TerminalProgressBar
from balai.intake.models import AllocationRun, Application, Batch, Offer, Offering
from balai.intake.models.applications import ApplicationStatus
from balai.intake.models.offers import OfferStatus
from balai.placement.models import Placement, PlacementChannel, PlacementKind
from balai.regions.models import Kelurahan
from balai.registry.models import Person, Sex
from balai.scheduling.models import ClassSession, TrainingClass
from balai.training.models import (
    Attendance,
    AttendanceMethod,
    AttendanceStatus,
    Certificate,
    Enrolment,
    EnrolmentStatus,
    SigningKey,
)

CLASS_SIZE = 20
PROGRAMMES = (("gen-tata-boga", "Tata Boga"), ("gen-menjahit", "Menjahit"),
              ("gen-otomotif", "Otomotif"), ("gen-digital", "Pemasaran Digital"))  # fmt: skip
KINDS = (PlacementKind.WAGE_EMPLOYMENT, PlacementKind.SELF_EMPLOYMENT, PlacementKind.BUSINESS_GROUP)
TABLES: tuple[type[models.Model], ...] = (
    Person, Application, Offer, Instructor, Venue, TrainingClass, ClassSession,
    Enrolment, Attendance, Certificate, Placement,
)  # fmt: skip


@dataclass
class Rows:
    """One kelurahan's rows, table by table, in the order foreign keys need them."""

    tables: dict[type[models.Model], list[dict[str, Any]]] = field(
        default_factory=lambda: {model: [] for model in TABLES}
    )

    def add(self, model: type[models.Model], **values: Any) -> int:
        """Queue a row; return its id (taken from the table's next free id)."""
        row_id = _next_ids[model]
        _next_ids[model] += 1
        self.tables[model].append({"id": row_id, **values})
        return row_id


_next_ids: dict[type[models.Model], int] = {}


@dataclass
class Setting:
    """The rows every participant shares: batch, run, programmes, key, the recorder."""

    batch: Batch
    run: AllocationRun
    programmes: list[Programme]
    key: SigningKey
    recorder: User
    now: datetime.datetime


class Command(BaseCommand):
    help = "Generate synthetic participants for the dashboards' bench (COPY on PostgreSQL)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--participants", type=int, default=10_400)
        parser.add_argument("--attendance-per-participant", type=float, default=10.0)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--force", action="store_true", help="run even if people exist")

    def handle(self, *args: Any, **options: Any) -> None:
        if Person.objects.exists() and not options["force"]:
            raise CommandError("The database already holds people; add --force to add more.")
        places = list(
            Kelurahan.objects.filter(code__startswith=f"{settings.BALAI_REGENCY_CODE}.")
            .select_related("kecamatan")
            .order_by("code")
        )
        if not places:
            raise CommandError("No kelurahan in the regency: run load_regions first.")
        counts = reporting_data_generate(
            places=places,
            participants=options["participants"],
            attendance_per_participant=options["attendance_per_participant"],
            seed=options["seed"],
            progress=TerminalProgressBar(self.stdout),
        )
        self.stdout.write(", ".join(f"{count:,} {name}" for name, count in counts.items()))


def reporting_data_generate(
    *,
    places: Sequence[Kelurahan],
    participants: int,
    attendance_per_participant: float,
    seed: int,
    progress: TerminalProgressBar | None = None,
) -> dict[str, int]:
    """Write `participants` people spread over `places`; return the rows written per table."""
    rng = random.Random(seed)  # noqa: S311 (synthetic data, repeatable by its seed)
    setting = _setting_make(seed)
    for model in TABLES:
        highest = model.objects.aggregate(highest=models.Max("pk"))["highest"]  # type: ignore[attr-defined]
        _next_ids[model] = (highest or 0) + 1
    # The enrolled share the attendance total: about 61 % of people enrol.
    marks_per_enrolled = attendance_per_participant / 0.61
    counts = {model._meta.db_table: 0 for model in TABLES}
    first = 0
    for index, place in enumerate(places):
        last = participants * (index + 1) // len(places)
        rows = _kelurahan_rows(place, range(first, last), setting, rng, marks_per_enrolled)
        with transaction.atomic():
            for model, table_rows in rows.tables.items():
                _rows_write(model, table_rows)
                counts[model._meta.db_table] += len(table_rows)
        first = last
        if progress is not None:
            progress(index + 1, len(places), f"{place.name}: {last:,} people")
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), list(TABLES)):
            cursor.execute(statement)
    return counts


def _setting_make(seed: int) -> Setting:
    now = timezone.now()
    starts_on = timezone.localdate() - datetime.timedelta(weeks=13)
    programmes = []
    for code, name in PROGRAMMES:
        programme, _created = Programme.objects.get_or_create(
            code=code,
            defaults={"name": name, "hours": 80, "session_count": 20, "class_size": CLASS_SIZE,
                      "minimum_class_size": 1},
        )  # fmt: skip
        programmes.append(programme)
    batch = Batch.objects.create(
        code=f"gen-{seed}-{uuid.uuid4().hex[:8]}", name="Generated batch",
        registration_opens_at=now - datetime.timedelta(weeks=20),
        registration_closes_at=now - datetime.timedelta(weeks=16),
        training_starts_on=starts_on, training_ends_on=starts_on + datetime.timedelta(weeks=8),
    )  # fmt: skip
    run = AllocationRun.objects.create(
        batch=batch, seed=seed, input_hash="generated", code_version="generated",
        applicants=0, placed=0, rounds=0, seconds=0.0,
    )  # fmt: skip
    key, _created = SigningKey.objects.get_or_create(
        key_id="generated", defaults={"public_key": "-", "private_key_encrypted": "-"}
    )
    recorder, _created = User.objects.get_or_create(
        username="generated-recorder", defaults={"role": Role.INSTRUCTOR}
    )
    return Setting(batch, run, programmes, key, recorder, now)


def _kelurahan_rows(
    place: Kelurahan,
    serials: range,
    setting: Setting,
    rng: random.Random,
    marks_per_enrolled: float,
) -> Rows:
    """The rows of the people numbered `serials`, all living in `place`."""
    rows = Rows()
    batch, today = setting.batch, timezone.localdate()
    offerings = {
        programme.pk: Offering.objects.get_or_create(
            batch=batch, programme=programme, kelurahan=place, defaults={"seats": 32_000}
        )[0]
        for programme in setting.programmes
    }
    enrolled_by_programme: dict[int, list[tuple[int, int, float]]] = {}
    for serial in serials:
        programme = setting.programmes[serial % len(setting.programmes)]
        person_id = rows.add(
            Person, nik_encrypted="-", nik_hash=f"gen-{batch.pk}-{serial}",
            nik_masked=f"{serial:016d}"[-16:], kk_encrypted="-", kk_hash="",
            full_name=f"Peserta {serial}",
            birth_date=today - datetime.timedelta(days=rng.randint(16 * 365, 60 * 365)),
            sex=rng.choice((Sex.MALE, Sex.FEMALE)), phone="", email="",
            domicile_kelurahan_id=place.pk, address="", employment_status="unemployed",
        )  # fmt: skip
        draw = rng.random()
        eligible = draw < 0.85
        offered, accepted = draw < 0.68, draw < 0.61
        status = ApplicationStatus.ELIGIBLE if eligible else ApplicationStatus.INELIGIBLE
        application_id = rows.add(
            Application, public_id=uuid.uuid4(), batch_id=batch.pk,
            person_id=person_id, status=status, channel="self",
            priority_points=rng.choice((0, 0, 10)), idempotency_key=f"gen-{batch.pk}-{serial}",
            request_fingerprint="",
        )  # fmt: skip
        if not offered:
            continue
        offer_id = rows.add(
            Offer, public_id=uuid.uuid4(), run_id=setting.run.pk,
            application_id=application_id, offering_id=offerings[programme.pk].pk, choice_rank=1,
            class_number=1, priority_key=serial,
            status=OfferStatus.ACCEPTED if accepted else OfferStatus.DECLINED,
            deadline=setting.now, answered_at=setting.now, created_at=setting.now,
        )  # fmt: skip
        if accepted:
            enrolled_by_programme.setdefault(programme.pk, []).append((person_id, offer_id, draw))
    for programme in setting.programmes:
        enrolled = enrolled_by_programme.get(programme.pk, [])
        for number, start in enumerate(range(0, len(enrolled), CLASS_SIZE), start=1):
            members = enrolled[start : start + CLASS_SIZE]
            _class_rows(
                rows, place, programme, offerings[programme.pk], number, members, setting, rng,
                marks_per_enrolled,
            )  # fmt: skip
    return rows


def _class_rows(
    rows: Rows,
    place: Kelurahan,
    programme: Programme,
    offering: Offering,
    number: int,
    members: list[tuple[int, int, float]],
    setting: Setting,
    rng: random.Random,
    marks_per_enrolled: float,
) -> None:
    """One class of `members`: its own venue and instructor (so sessions never clash), its
    sessions, the members' enrolments, marks, certificates and placements."""
    starts_on = setting.batch.training_starts_on
    ends_on = setting.batch.training_ends_on
    now = setting.now
    instructor_id = rows.add(
        Instructor, full_name=f"Instruktur {place.code} {number}", phone="",
        home_kelurahan_id=place.pk, created_at=now, updated_at=now,
    )  # fmt: skip
    venue_id = rows.add(
        Venue, kelurahan_id=place.pk, name=f"Aula {setting.batch.pk}.{programme.pk}.{number}",
        address="", capacity=CLASS_SIZE, created_at=now, updated_at=now,
    )  # fmt: skip
    class_id = rows.add(
        TrainingClass, batch_id=setting.batch.pk, offering_id=offering.pk, number=number,
        programme_id=programme.pk, venue_id=venue_id, instructor_id=instructor_id,
        status="scheduled", problem="",
    )  # fmt: skip
    sessions = [
        rows.add(
            ClassSession,
            training_class_id=class_id,
            number=session,
            date=starts_on + datetime.timedelta(days=session * 2),
            slot=0,
            instructor_id=instructor_id,
            venue_id=venue_id,
        )
        for session in range(1, programme.session_count + 1)
    ]
    for person_id, offer_id, draw in members:
        completed, certified, channelled = draw < 0.46, draw < 0.42, draw < 0.21
        enrolment_id = rows.add(
            Enrolment, person_id=person_id, training_class_id=class_id, offer_id=offer_id,
            joined_on=starts_on, created_at=now, left_reason="",
            status=EnrolmentStatus.COMPLETED if completed else EnrolmentStatus.ENROLLED,
            left_on=ends_on if completed else None,
        )  # fmt: skip
        # About 58 of the 61 enrolled attend; the rest are marked absent.
        attended = draw < 0.58
        marks = min(len(sessions), int(marks_per_enrolled + rng.random()))
        for session_id in sessions[:marks]:
            rows.add(
                Attendance, session_id=session_id, enrolment_id=enrolment_id,
                status=AttendanceStatus.PRESENT if attended else AttendanceStatus.ABSENT,
                method=AttendanceMethod.ROLL_CALL, recorded_by_id=setting.recorder.pk,
                recorded_at=now,
            )  # fmt: skip
        if certified:
            rows.add(
                Certificate, number=f"GEN/{setting.batch.pk}/{enrolment_id}",
                enrolment_id=enrolment_id, training_class_id=class_id,
                holder_name=f"Peserta {person_id}", programme_name=programme.name,
                hours=programme.hours, kelurahan_name=place.name, starts_on=starts_on,
                ends_on=ends_on, signatory="-", issued_on=ends_on, key_id=setting.key.pk,
                signed_payload="-", revocation_reason="", created_at=now,
            )  # fmt: skip
        if channelled:
            rows.add(
                Placement, person_id=person_id, enrolment_id=enrolment_id,
                kind=KINDS[int(draw * 1000) % len(KINDS)], channel=PlacementChannel.OPERATOR,
                employer_name="Usaha setempat", starts_on=ends_on, evidence="", note="",
                created_at=now, updated_at=now,
            )  # fmt: skip


def _rows_write(model: type[models.Model], rows: list[dict[str, Any]]) -> None:
    """Write `rows` (column → value) into `model`'s table, the columns left out taking the
    field's default, by COPY on PostgreSQL and executemany elsewhere."""
    if not rows:
        return
    fields = model._meta.concrete_fields
    columns = [str(field.column) for field in fields]
    now = timezone.now()
    pairs = [(field.attname, _filler(field, now)) for field in fields]
    records = (tuple(fill(row.get(name, _MISSING)) for name, fill in pairs) for row in rows)
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for record in records:
                    copy.write_row(record)
        else:
            marks = ", ".join(["%s"] * len(columns))
            statement = f"INSERT INTO {table} ({names}) VALUES ({marks})"  # noqa: S608 (names from the model)
            cursor.executemany(statement, list(records))


_MISSING = object()


def _filler(field: models.Field[Any, Any], now: datetime.datetime) -> Callable[[Any], Any]:
    """A function turning a row's value (or _MISSING) into what the column stores.

    Millions of cells pass through it, so whatever can be is worked out once per column: a
    constant default, the time an auto field takes, each distinct datetime's stored form.
    """
    converted: dict[Any, Any] = {}

    def stored(value: Any) -> Any:
        if isinstance(field, models.JSONField):
            return json.dumps(value)
        if isinstance(value, datetime.datetime):  # a few distinct times, each converted once
            if value not in converted:
                converted[value] = field.get_db_prep_save(value, connection)
            return converted[value]
        if isinstance(value, uuid.UUID) and connection.vendor != "postgresql":
            return field.get_db_prep_save(value, connection)  # psycopg sends UUIDs itself
        return value

    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        missing = stored(now)
    elif field.has_default() and callable(field.default):
        missing = _MISSING  # a fresh value for every row (a uuid4)
    else:
        missing = stored(field.get_default() if field.has_default() else None)

    def fill(value: Any) -> Any:
        if value is _MISSING:
            return stored(field.get_default()) if missing is _MISSING else missing
        return stored(value)

    return fill
