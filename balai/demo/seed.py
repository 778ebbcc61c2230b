"""The demo data load: a whole city's programme, made through the same services as real use.

Deterministic for a seed (the same people, NIKs and instructors every time) and idempotent:
what exists already is left alone, so running it twice changes nothing.
"""

from __future__ import annotations

import datetime
import random
from collections import Counter
from dataclasses import dataclass, replace
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from faker import Faker

from balai.accounts.models import Role, User
from balai.accounts.services import user_create
from balai.catalogue.models import Instructor, Programme
from balai.catalogue.services import (
    competency_units_set,
    instructor_create,
    programme_upsert,
    venue_upsert,
)
from balai.core.jobs import ProgressReporter, job_kind
from balai.demo.catalogue_data import (
    CLASS_SIZE,
    MINIMUM_CLASS_SIZE,
    PROGRAMMES,
    competency_units_of,
)
from balai.demo.enterprise_data import demo_enterprise
from balai.demo.intake_data import (
    BATCH_CODE,
    PROGRAMMES_PER_KELURAHAN,
    TRAINING_DAYS,
    demo_allocated_batch,
    demo_batch_with_applications,
)
from balai.demo.placement_data import demo_placement
from balai.demo.randomness import RandomStreams
from balai.demo.scheduling_data import (
    demo_locations,
    demo_second_halls,
    demo_timetable,
    instructor_programmes,
)
from balai.demo.training_data import demo_finished_batch
from balai.intake.models import Batch
from balai.regions.models import Kecamatan, Kelurahan
from balai.regions.selectors import kelurahan_list
from balai.regions.services import regions_load
from balai.registry.models import Education, EmploymentStatus, IncomeBand, Sex
from balai.registry.nik import nik_compose
from balai.registry.services import PersonData
from balai.reporting.refresh import summaries_refresh

DEMO_PASSWORD = "balai-demo-2026"  # noqa: S105  # printed for people trying the demo
PERSON_BATCH = 1000
# Residents' ages, counted from this year so the demo is of working age in any year: 19 to 60
# (most within a batch's default 18 to 55), students up to 22.
YOUNGEST_AGE, OLDEST_AGE, STUDENT_AGE = 19, 60, 22


@dataclass(frozen=True)
class Scale:
    residents_per_kelurahan: int
    instructors: int
    kelurahan_limit: int | None  # None: every kelurahan of the regency
    # The pilot batch (allocated and published): its kelurahan (None: all) and every how
    # many residents applied to it.
    pilot_kelurahan: int | None
    pilot_every: int
    timetable_seconds: float  # the solver's time limit for the demo timetable


SCALES = {
    # 290 residents a kelurahan apply: 30,160 applicants for 10,400 seats.
    "tangerang": Scale(
        residents_per_kelurahan=290,
        instructors=158,
        kelurahan_limit=None,
        pilot_kelurahan=None,
        pilot_every=3,
        timetable_seconds=60,
    ),
    # For tests and quick looks: the whole catalogue, a few kelurahan, a few residents.
    "small": Scale(
        residents_per_kelurahan=5,
        instructors=16,
        kelurahan_limit=6,
        pilot_kelurahan=1,
        pilot_every=1,
        timetable_seconds=5,
    ),
}

DEMO_USERS = [
    ("admin", "Admin Disnaker", Role.ADMIN),
    # A second admin: a grant payout one admin records, another approves (maker-checker).
    ("keuangan", "Keuangan Disnaker", Role.ADMIN),
    ("operator.kecamatan", "Operator Kecamatan Tangerang", Role.KECAMATAN_OPERATOR),
    ("operator.kelurahan", "Operator Kelurahan Sukarasa", Role.KELURAHAN_OPERATOR),
    ("instruktur", "Instruktur Demo", Role.INSTRUCTOR),
    ("peserta", "Peserta Demo", Role.PARTICIPANT),
    # The leader and the treasurer of the demo's first business group (see enterprise_data).
    ("ketua", "Ketua Kelompok Demo", Role.PARTICIPANT),
    ("bendahara", "Bendahara Kelompok Demo", Role.PARTICIPANT),
    ("perusahaan", "Perusahaan Demo", Role.EMPLOYER),
    ("pimpinan", "Pimpinan Daerah", Role.VIEWER),
]


@job_kind(
    "seed_demo",
    title=gettext_lazy("Loading demo data"),
    results={
        "programmes": gettext_lazy("programmes"),
        "venues": gettext_lazy("venues"),
        "instructors": gettext_lazy("instructors"),
        "residents": gettext_lazy("residents"),
        "applications": gettext_lazy("applications"),
        "pilot_offers": gettext_lazy("offers in the pilot batch"),
        "classes_scheduled": gettext_lazy("classes scheduled"),
        "finished_classes": gettext_lazy("finished classes"),
        "attendance_records": gettext_lazy("attendance records"),
        "certificates": gettext_lazy("certificates"),
        "companies": gettext_lazy("companies"),
        "vacancies": gettext_lazy("vacancies"),
        "job_applications": gettext_lazy("job applications"),
        "hires": gettext_lazy("graduates hired"),
        "survey_answers": gettext_lazy("tracer survey answers"),
        "business_groups": gettext_lazy("business groups"),
        "loans": gettext_lazy("loans"),
        "loan_repayments": gettext_lazy("loan repayments"),
        "grant_applications": gettext_lazy("grant applications"),
        "grants_paid": gettext_lazy("grants paid"),
        "dashboard_areas": gettext_lazy("areas and classes"),
        "users": gettext_lazy("users"),
    },
)
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
    programmes = demo_programmes()
    _venues(kelurahan, RandomStreams(seed, "venues"))
    demo_second_halls(kelurahan)
    demo_locations(kelurahan, RandomStreams(seed, "locations"))
    progress(8, 100, _("Accounts"))
    users = _demo_users(make_password(DEMO_PASSWORD), kelurahan)
    progress(12, 100, _("Instructors"))
    instructors = _instructors(
        size.instructors, programmes, kelurahan, RandomStreams(seed, "instructors"), users
    )
    progress(15, 100, _("Residents"))
    residents = _residents(size, kelurahan, RandomStreams(seed, "residents"), users)
    applications = demo_batch_with_applications(
        progress, residents, kelurahan, programmes, RandomStreams(seed, "applications")
    )
    progress(85, 100, _("Solving the timetable"))
    timetable = demo_timetable(
        Batch.objects.get(code=BATCH_CODE), time_limit=size.timetable_seconds
    )
    progress(90, 100, _("Allocating the pilot batch"))
    offers = demo_allocated_batch(
        residents[:: size.pilot_every],
        kelurahan[: size.pilot_kelurahan],
        programmes,
        RandomStreams(seed, "pilot applications"),
    )
    # After the pilot: its participants finished training two weeks ago, which the pilot's
    # eligibility rules would otherwise hold against them.
    progress(95, 100, _("Recording the finished batch's training"))
    finished = demo_finished_batch(
        residents, kelurahan, programmes, RandomStreams(seed, "finished batch"), DEMO_PASSWORD
    )
    progress(97, 100, _("Employers, vacancies and the job fair"))
    channelled = demo_placement(
        users=users,
        kelurahan=kelurahan,
        programmes=programmes,
        streams=RandomStreams(seed, "placement"),
        password=DEMO_PASSWORD,
    )
    progress(99, 100, _("Business groups, grants and loans"))
    enterprise = demo_enterprise(
        users=users, kelurahan=kelurahan, streams=RandomStreams(seed, "enterprise")
    )
    # The dashboards read pre-computed figures: computed once the demo's records exist.
    dashboards = summaries_refresh()
    progress(100, 100, _("Done"))
    return {
        "programmes": len(programmes),
        "venues": 2 * len(kelurahan),
        "instructors": instructors,
        "residents": len(residents),
        "applications": applications,
        "pilot_offers": offers,
        "classes_scheduled": timetable.classes_scheduled,
        "finished_classes": finished.classes,
        "attendance_records": finished.attendance,
        "certificates": finished.certificates,
        "companies": channelled.companies,
        "vacancies": channelled.vacancies,
        "job_applications": channelled.applications,
        "hires": channelled.hires,
        "survey_answers": channelled.survey_answers,
        "business_groups": enterprise.groups,
        "loans": enterprise.loans,
        "loan_repayments": enterprise.repayments,
        "grant_applications": enterprise.grants,
        "grants_paid": enterprise.grants_paid,
        "dashboard_areas": dashboards.areas,
        "users": User.objects.count(),
    }


def _venues(kelurahan: list[Kelurahan], streams: RandomStreams) -> None:
    for place in kelurahan:
        venue_upsert(
            kelurahan=place,
            name=f"Aula Kantor Kelurahan {place.name}",
            address=f"Kantor Kelurahan {place.name}",
            capacity=streams.chooser.choice([25, 30, 40]),
        )


def demo_programmes() -> list[Programme]:
    """The sixteen demo programmes with their competency units, made (or brought up to date)
    through the catalogue."""
    programmes = []
    for item in PROGRAMMES:
        programme = programme_upsert(
            code=item.code,
            name=item.name,
            description=item.description,
            hours=item.hours,
            session_count=item.session_count,
            class_size=CLASS_SIZE,
            minimum_class_size=MINIMUM_CLASS_SIZE,
        )
        if not programme.competency_units.exists():
            competency_units_set(programme=programme, units=competency_units_of(item.code))
        programmes.append(programme)
    return programmes


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
    # Every programme is offered in about as many kelurahan, and each offering is one class.
    classes_each = -(-len(kelurahan) * PROGRAMMES_PER_KELURAHAN // len(programmes))
    weeks = (TRAINING_DAYS[1] - TRAINING_DAYS[0]) // 7
    main_programmes = instructor_programmes(
        count, programmes, classes_each=classes_each, weeks=weeks
    )
    for number, main_programme in enumerate(main_programmes):
        # One in four instructors can also teach a second programme, as in real BLKs.
        extra = [chooser.choice(programmes)] if chooser.random() < 0.25 else []
        instructor_create(
            full_name=faker.name(),
            home_kelurahan=chooser.choice(kelurahan),
            programmes={main_programme, *extra},
            phone=_phone(chooser),
            user=users["instruktur"] if number == 0 else None,
            # Full-time BLK instructors: any half-day from Monday to Saturday.
            max_sessions_per_week=12,
        )
    return count


def _residents(
    size: Scale, kelurahan: list[Kelurahan], streams: RandomStreams, users: dict[str, User]
) -> list[PersonData]:
    """Return the demo's residents (registered with their applications, in one pass)."""
    rows = resident_rows(size, kelurahan, streams.faker, streams.chooser)
    rows[0] = replace(rows[0], user=users["peserta"])
    return rows


def resident_rows(
    size: Scale, kelurahan: list[Kelurahan], faker: Faker, chooser: random.Random
) -> list[PersonData]:
    kecamatan_codes = sorted({place.kecamatan_id for place in kelurahan})
    this_year = timezone.localdate().year
    serials: Counter[tuple[str, datetime.date, str]] = Counter()
    rows: list[PersonData] = []
    for place in kelurahan:
        for _number in range(size.residents_per_kelurahan):
            sex = chooser.choice([Sex.MALE, Sex.FEMALE])
            birth_date = datetime.date(
                chooser.randint(this_year - OLDEST_AGE, this_year - YOUNGEST_AGE),
                chooser.randint(1, 12),
                chooser.randint(1, 28),
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
                    **resident_profile(chooser, birth_date, rows[-1] if rows else None),
                )
            )
    return rows


EMPLOYMENT_SHARES = {
    EmploymentStatus.UNEMPLOYED: 40,
    EmploymentStatus.LAID_OFF: 20,
    EmploymentStatus.INFORMAL: 20,
    EmploymentStatus.EMPLOYED: 10,
    EmploymentStatus.STUDENT: 10,
}
INCOME_SHARES = {
    IncomeBand.BELOW_1M: 25,
    IncomeBand.FROM_1M_TO_3M: 45,
    IncomeBand.FROM_3M_TO_5M: 20,
    IncomeBand.ABOVE_5M: 10,
}
EDUCATION_SHARES = {
    Education.PRIMARY: 10,
    Education.JUNIOR: 25,
    Education.SENIOR: 50,
    Education.DIPLOMA: 8,
    Education.DEGREE: 7,
}


def resident_profile(
    chooser: random.Random, birth_date: datetime.date, previous: PersonData | None
) -> dict[str, Any]:
    """Return the circumstances of one resident, in the proportions of a city programme.

    One in four shares the family card of the resident before (a household member).
    """
    same_family = previous is not None and previous.kk_number and chooser.random() < 0.25
    kk_number = previous.kk_number if same_family and previous else _kk_number(chooser)
    student = birth_date.year >= timezone.localdate().year - STUDENT_AGE
    employment = EmploymentStatus.STUDENT if student else _weighted(chooser, EMPLOYMENT_SHARES)
    return {
        "kk_number": kk_number,
        "education": _weighted(chooser, EDUCATION_SHARES),
        "employment_status": employment,
        "income_band": _weighted(chooser, INCOME_SHARES),
        "has_disability": chooser.random() < 0.03,
        "is_household_head": not same_family and not student and chooser.random() < 0.4,
    }


def _weighted(chooser: random.Random, shares: dict[Any, int]) -> Any:
    return chooser.choices(list(shares), weights=list(shares.values()))[0]


def _kk_number(chooser: random.Random) -> str:
    """A family card number of Kota Tangerang: kecamatan, date of issue, serial (all from one
    draw, so that the rest of the demo draws as before)."""
    drawn = chooser.randint(10**11, 10**12 - 1)
    kecamatan, drawn = 1 + drawn % 13, drawn // 13
    day, drawn = 1 + drawn % 28, drawn // 28
    month, drawn = 1 + drawn % 12, drawn // 12
    year, drawn = drawn % 100, drawn // 100
    return f"3671{kecamatan:02d}{day:02d}{month:02d}{year:02d}{1 + drawn % 9999:04d}"


def _phone(chooser: random.Random) -> str:
    operator_prefix = chooser.choice(["12", "13", "21", "52", "57", "77", "95"])
    return f"+628{operator_prefix}{chooser.randint(10**7, 10**8 - 1)}"


def demo_data_present() -> bool:
    """Return whether the database already holds accounts (demo or real)."""
    return User.objects.exists()


def demo_logins() -> list[tuple[str, str]]:
    """Return (username, role) of the printed demo logins, which share DEMO_PASSWORD: the
    demo users, and the first instructor of the finished batch (roll calls, assessments)."""
    logins = [(username, str(role.label)) for username, _name, role in DEMO_USERS]
    teacher = User.objects.filter(username__startswith="instruktur.").order_by("username").first()
    if teacher is not None:
        logins.append((teacher.username, str(Role.INSTRUCTOR.label) + " (Gelombang 0)"))
    return logins
