"""The demo data load: a whole city's programme, made through the same services as real use.

Deterministic for a seed (the same people, NIKs and instructors every time) and idempotent:
what exists already is left alone, so running it twice changes nothing.
"""

from __future__ import annotations

import datetime
import random
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.utils.translation import gettext as _
from faker import Faker

from balai.accounts.models import Role, User
from balai.accounts.services import user_create
from balai.catalogue.models import Instructor, Programme
from balai.catalogue.services import instructor_create, programme_upsert, venue_upsert
from balai.core.encryption import keyed_hash
from balai.core.jobs import ProgressReporter, job_kind
from balai.demo.catalogue_data import CLASS_SIZE, MINIMUM_CLASS_SIZE, PROGRAMMES
from balai.regions.models import Kecamatan, Kelurahan
from balai.regions.selectors import kelurahan_list
from balai.regions.services import regions_load
from balai.registry.models import Person, Sex
from balai.registry.nik import nik_compose
from balai.registry.services import PersonData, person_create_many

DEMO_PASSWORD = "balai-demo-2026"  # noqa: S105  # printed for people trying the demo
PERSON_BATCH = 1000


@dataclass(frozen=True)
class Scale:
    residents_per_kelurahan: int
    instructors: int
    kelurahan_limit: int | None  # None: every kelurahan of the regency


SCALES = {
    "tangerang": Scale(residents_per_kelurahan=120, instructors=158, kelurahan_limit=None),
    # For tests and quick looks: the whole catalogue, a few kelurahan, a few residents.
    "small": Scale(residents_per_kelurahan=5, instructors=16, kelurahan_limit=6),
}

DEMO_USERS = [
    ("admin", "Admin Disnaker", Role.ADMIN),
    ("operator.kecamatan", "Operator Kecamatan Tangerang", Role.KECAMATAN_OPERATOR),
    ("operator.kelurahan", "Operator Kelurahan Sukarasa", Role.KELURAHAN_OPERATOR),
    ("instruktur", "Instruktur Demo", Role.INSTRUCTOR),
    ("peserta", "Peserta Demo", Role.PARTICIPANT),
    ("perusahaan", "Perusahaan Demo", Role.EMPLOYER),
    ("pimpinan", "Pimpinan Daerah", Role.VIEWER),
]


@job_kind("seed_demo")
def seed_demo(progress: ProgressReporter, *, scale: str, seed: int) -> dict[str, Any]:
    """Load the demo city for `scale` ("tangerang" or "small") from random `seed`."""
    if scale not in SCALES:
        raise ValueError(f"unknown scale {scale!r}; choose one of {sorted(SCALES)}")
    size = SCALES[scale]
    regency = settings.BALAI_REGENCY_CODE
    if not kelurahan_list(regency_code=regency).exists():
        progress(0, 100, _("Loading regions"))
        regions_load(code=regency)
    kelurahan = list(kelurahan_list(regency_code=regency)[: size.kelurahan_limit])

    progress(2, 100, _("Programmes and venues"))
    programmes = [_programme(item) for item in PROGRAMMES]
    _venues(kelurahan, RandomStreams(seed, "venues"))
    progress(8, 100, _("Accounts"))
    users = _demo_users(make_password(DEMO_PASSWORD), kelurahan)
    progress(12, 100, _("Instructors"))
    instructors = _instructors(
        size.instructors, programmes, kelurahan, RandomStreams(seed, "instructors"), users
    )
    people = _residents(progress, size, kelurahan, RandomStreams(seed, "residents"), users)
    return {
        "programmes": len(programmes),
        "venues": len(kelurahan),
        "instructors": instructors,
        "residents": people,
        "users": User.objects.count(),
    }


class RandomStreams:
    """A Faker and a Random of their own for one part of the demo.

    Separate streams keep each part the same whatever the other parts consumed: on a second
    run the instructors are skipped, yet the residents must come out identical.
    """

    def __init__(self, seed: int, part: str) -> None:
        part_seed = seed * 1000 + sum(map(ord, part))
        self.faker = Faker("id_ID")
        self.faker.seed_instance(part_seed)
        self.chooser = random.Random(part_seed)  # noqa: S311  # demo data, not security


def _venues(kelurahan: list[Kelurahan], streams: RandomStreams) -> None:
    for place in kelurahan:
        venue_upsert(
            kelurahan=place,
            name=f"Aula Kantor Kelurahan {place.name}",
            address=f"Kantor Kelurahan {place.name}",
            capacity=streams.chooser.choice([25, 30, 40]),
        )


def _programme(item: Any) -> Programme:
    return programme_upsert(
        code=item.code,
        name=item.name,
        description=item.description,
        hours=item.hours,
        session_count=item.session_count,
        class_size=CLASS_SIZE,
        minimum_class_size=MINIMUM_CLASS_SIZE,
    )


def _demo_users(password_hash: str, kelurahan: list[Kelurahan]) -> dict[str, User]:
    """Create the printed demo logins, plus an operator for every kecamatan and kelurahan."""
    first = kelurahan[0]
    wanted: list[tuple[str, str, Role, Kecamatan | None, Kelurahan | None]] = []
    for username, full_name, role in DEMO_USERS:
        kecamatan_area = first.kecamatan if role == Role.KECAMATAN_OPERATOR else None
        kelurahan_area = first if role == Role.KELURAHAN_OPERATOR else None
        wanted.append((username, full_name, role, kecamatan_area, kelurahan_area))
    for kecamatan in {place.kecamatan for place in kelurahan[1:]} - {first.kecamatan}:
        wanted.append(
            (
                f"kec.{kecamatan.code}",
                f"Operator Kecamatan {kecamatan.name}",
                Role.KECAMATAN_OPERATOR,
                kecamatan,
                None,
            )
        )
    for place in kelurahan[1:]:
        wanted.append(
            (
                f"kel.{place.code}",
                f"Operator Kelurahan {place.name}",
                Role.KELURAHAN_OPERATOR,
                None,
                place,
            )
        )
    existing = {
        user.username: user for user in User.objects.filter(username__in=[row[0] for row in wanted])
    }
    for username, full_name, role, kecamatan_area, kelurahan_area in wanted:
        if username not in existing:
            existing[username] = user_create(
                username=username,
                full_name=full_name,
                role=role,
                password_hash=password_hash,
                email=f"{username}@demo.balai.local",
                kecamatan=kecamatan_area,
                kelurahan=kelurahan_area,
            )
    return existing


def _instructors(
    count: int,
    programmes: list[Programme],
    kelurahan: list[Kelurahan],
    streams: RandomStreams,
    users: dict[str, User],
) -> int:
    faker, chooser = streams.faker, streams.chooser
    if Instructor.objects.exists():
        return Instructor.objects.count()
    for number in range(count):
        main_programme = programmes[number % len(programmes)]
        # One in four instructors can also teach a second programme, as in real BLKs.
        extra = [chooser.choice(programmes)] if chooser.random() < 0.25 else []
        instructor_create(
            full_name=faker.name(),
            home_kelurahan=chooser.choice(kelurahan),
            programmes={main_programme, *extra},
            phone=_phone(chooser),
            user=users["instruktur"] if number == 0 else None,
        )
    return count


def _residents(
    progress: ProgressReporter,
    size: Scale,
    kelurahan: list[Kelurahan],
    streams: RandomStreams,
    users: dict[str, User],
) -> int:
    rows = resident_rows(size, kelurahan, streams.faker, streams.chooser)
    rows[0] = PersonData(**{**rows[0].__dict__, "user": users["peserta"]})
    hashes = set(Person.objects.values_list("nik_hash", flat=True))
    missing = [row for row in rows if keyed_hash(row.nik) not in hashes]
    for start in range(0, len(missing), PERSON_BATCH):
        person_create_many(rows=missing[start : start + PERSON_BATCH])
        done = min(start + PERSON_BATCH, len(missing))
        progress(
            15 + 85 * done // len(missing),
            100,
            _("%(done)s of %(total)s residents") % {"done": done, "total": len(missing)},
        )
    progress(100, 100, _("Done"))
    return len(rows)


def resident_rows(
    size: Scale, kelurahan: list[Kelurahan], faker: Faker, chooser: random.Random
) -> list[PersonData]:
    kecamatan_codes = sorted({place.kecamatan_id for place in kelurahan})
    serials: Counter[tuple[str, datetime.date, str]] = Counter()
    rows = []
    for place in kelurahan:
        for _number in range(size.residents_per_kelurahan):
            sex = chooser.choice([Sex.MALE, Sex.FEMALE])
            birth_date = datetime.date(
                chooser.randint(1966, 2007), chooser.randint(1, 12), chooser.randint(1, 28)
            )
            # Most residents still hold the NIK of the kecamatan they live in; some moved.
            registered_in = (
                place.kecamatan_id if chooser.random() < 0.85 else chooser.choice(kecamatan_codes)
            )
            serials[(registered_in, birth_date, sex)] += 1
            nik = nik_compose(
                region_code=registered_in,
                birth_date=birth_date,
                sex=sex,
                serial=serials[(registered_in, birth_date, sex)],
            )
            name = faker.name_male() if sex == Sex.MALE else faker.name_female()
            rows.append(
                PersonData(
                    nik=nik,
                    full_name=name,
                    birth_date=birth_date,
                    sex=sex,
                    domicile_kelurahan=place,
                    phone=_phone(chooser),
                    address=f"{faker.street_address()}, RT {chooser.randint(1, 12):03d}/RW "
                    f"{chooser.randint(1, 9):03d}",
                )
            )
    return rows


def _phone(chooser: random.Random) -> str:
    operator_prefix = chooser.choice(["12", "13", "21", "52", "57", "77", "95"])
    return f"+628{operator_prefix}{chooser.randint(10**7, 10**8 - 1)}"


def demo_data_present() -> bool:
    """Return whether the database already holds accounts (demo or real)."""
    return User.objects.exists()


def demo_logins() -> list[tuple[str, str]]:
    """Return (username, role) of the printed demo logins, which share DEMO_PASSWORD."""
    return [(username, str(role.label)) for username, _name, role in DEMO_USERS]
