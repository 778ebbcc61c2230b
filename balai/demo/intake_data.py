"""The demo's batches.

The open batch: five programmes of 20 seats in every kelurahan (10,400 seats), and every demo
resident applying, mostly close to home and mostly to the popular trades. The pilot batch:
one programme in every kelurahan, a third of the residents applied, registration closed, and
its allocation run and published, so that offers, explanations and waitlists can be seen."""

from __future__ import annotations

import datetime
import random
from collections import defaultdict

from django.utils import timezone
from django.utils.translation import gettext as _

from balai.catalogue.models import Programme
from balai.core.jobs import ProgressReporter
from balai.demo.randomness import RandomStreams
from balai.intake.allocation.outcome import published_run
from balai.intake.allocation.publishing import allocation_publish
from balai.intake.allocation.runs import allocation_run
from balai.intake.batches import batch_create, batch_registration_close, offerings_create
from balai.intake.bulk import application_submit_many
from balai.intake.models import Batch, Channel, Offering
from balai.intake.selectors import offering_list
from balai.intake.services import BulkEntry
from balai.regions.models import Kelurahan
from balai.registry.services import PersonData

BATCH_CODE = "gelombang-1"
PILOT_BATCH_CODE = "gelombang-percontohan"
PILOT_SEED = 20261128  # the lottery seed, published with the run
PROGRAMMES_PER_KELURAHAN = 5
TRAINING_DAYS = (35, 95)  # the open batch's training, in days from today: eight weeks and more
SEATS = 20
APPLICATION_BATCH = 2000
# How often each trade is wanted, relative to the others (first choices in past batches).
POPULARITY = {
    "tata-boga": 10,
    "barista": 8,
    "servis-sepeda-motor": 8,
    "tata-rias": 7,
    "menjahit": 6,
    "pemasaran-digital": 6,
    "servis-ponsel": 6,
    "desain-grafis": 5,
    "operator-komputer": 5,
    "teknisi-ac": 4,
    "pangkas-rambut": 4,
    "las": 3,
    "instalasi-listrik": 3,
    "sablon": 3,
    "budidaya-ikan": 2,
    "hidroponik": 2,
}


def demo_batch_with_applications(
    progress: ProgressReporter,
    residents: list[PersonData],
    kelurahan: list[Kelurahan],
    programmes: list[Programme],
    streams: RandomStreams,
) -> int:
    """Create the open demo batch, and register every resident with their application
    (once), through the same bulk service as an import."""
    batch = demo_open_batch(kelurahan, programmes)
    if batch.applications.exists():
        return batch.applications.count()
    chooser = streams.chooser
    by_kelurahan, by_kecamatan = _offerings_nearby(batch)
    entries = [
        BulkEntry(
            person=resident,
            choices=_choices(chooser, resident.domicile_kelurahan, by_kelurahan, by_kecamatan),
        )
        for resident in residents
    ]
    for start in range(0, len(entries), APPLICATION_BATCH):
        application_submit_many(
            batch=batch,
            entries=entries[start : start + APPLICATION_BATCH],
            channel=Channel.SELF,
            submitted_by=None,
        )
        done = min(start + APPLICATION_BATCH, len(entries))
        progress(
            60 + 30 * done // len(entries),
            100,
            _("%(done)s of %(total)s applications") % {"done": done, "total": len(entries)},
        )
    return len(entries)


def demo_allocated_batch(
    residents: list[PersonData],
    kelurahan: list[Kelurahan],
    programmes: list[Programme],
    streams: RandomStreams,
) -> int:
    """Create the pilot batch with applications from `residents`, close it, and run and
    publish its allocation (each step once). Returns the offers made."""
    batch = Batch.objects.filter(code=PILOT_BATCH_CODE).first() or _pilot_batch(
        kelurahan, programmes
    )
    if not batch.applications.exists():
        offerings = list(offering_list(batch=batch))
        application_submit_many(
            batch=batch,
            entries=[
                BulkEntry(
                    person=resident,
                    choices=_pilot_choices(streams.chooser, resident.domicile_kelurahan, offerings),
                )
                for resident in residents
            ],
            channel=Channel.SELF,
            submitted_by=None,
        )
    batch = batch_registration_close(batch=batch)
    run = published_run(batch_id=batch.pk)
    if run is None:
        run = allocation_publish(run=allocation_run(batch=batch, seed=PILOT_SEED, created_by=None))
    return run.offers.count()


def _pilot_choices(
    chooser: random.Random, home: Kelurahan, offerings: list[Offering]
) -> list[Offering]:
    """One to three pilot offerings: the nearest first (home, then the kecamatan), the
    rest drawn at random among those nearest."""
    ranked = sorted(
        offerings,
        key=lambda offering: (
            offering.kelurahan_id != home.code,
            offering.kelurahan.kecamatan_id != home.kecamatan_id,
            chooser.random(),
        ),
    )
    return ranked[: chooser.choices([1, 2, 3], weights=[15, 25, 60])[0]]


def _pilot_batch(kelurahan: list[Kelurahan], programmes: list[Programme]) -> Batch:
    batch = _batch_from_today(
        PILOT_BATCH_CODE,
        "Pelatihan BLK Kelurahan — Gelombang Percontohan",
        registration=(-30, 1),
        training=(7, 30),
    )
    offerings_create(
        batch=batch,
        rows=[
            (programmes[index % len(programmes)], place, None, SEATS)
            for index, place in enumerate(kelurahan)
        ],
    )
    return batch


def _batch_from_today(
    code: str, name: str, *, registration: tuple[int, int], training: tuple[int, int]
) -> Batch:
    """A batch whose registration and training windows are given in days from today."""
    now = timezone.now()
    opens, closes = (now + datetime.timedelta(days=days) for days in registration)
    starts, ends = ((now + datetime.timedelta(days=days)).date() for days in training)
    return batch_create(
        code=code,
        name=name,
        registration_opens_at=opens,
        registration_closes_at=closes,
        training_starts_on=starts,
        training_ends_on=ends,
    )


def demo_open_batch(kelurahan: list[Kelurahan], programmes: list[Programme]) -> Batch:
    """The open demo batch with its offerings (made once)."""
    return Batch.objects.filter(code=BATCH_CODE).first() or _batch(kelurahan, programmes)


def _batch(kelurahan: list[Kelurahan], programmes: list[Programme]) -> Batch:
    batch = _batch_from_today(
        BATCH_CODE,
        "Pelatihan BLK Kelurahan — Gelombang I",
        registration=(-7, 14),
        training=TRAINING_DAYS,
    )
    rows = []
    for index, place in enumerate(kelurahan):
        for step in range(PROGRAMMES_PER_KELURAHAN):
            # Rotating through the catalogue gives each trade 32 or 33 kelurahan.
            programme = programmes[(index * PROGRAMMES_PER_KELURAHAN + step) % len(programmes)]
            rows.append((programme, place, None, SEATS))
    offerings_create(batch=batch, rows=rows)
    return batch


Weighted = list[tuple[Offering, int]]


def _offerings_nearby(batch: Batch) -> tuple[dict[str, Weighted], dict[str, Weighted]]:
    """Return each kelurahan's and each kecamatan's offerings, with their popularity."""
    by_kelurahan: dict[str, Weighted] = defaultdict(list)
    by_kecamatan: dict[str, Weighted] = defaultdict(list)
    for offering in offering_list(batch=batch):
        weighted = (offering, POPULARITY.get(offering.programme.code, 1))
        by_kelurahan[offering.kelurahan_id].append(weighted)
        by_kecamatan[offering.kelurahan.kecamatan_id].append(weighted)
    return by_kelurahan, by_kecamatan


def _choices(
    chooser: random.Random,
    home: Kelurahan,
    by_kelurahan: dict[str, Weighted],
    by_kecamatan: dict[str, Weighted],
) -> list[Offering]:
    """One to three choices: the first usually at home, the rest within the kecamatan."""
    count = chooser.choices([1, 2, 3], weights=[15, 25, 60])[0]
    chosen: list[Offering] = []
    taken: set[int] = set()
    while len(chosen) < count:
        near_home = not chosen and chooser.random() < 0.75
        candidates = by_kelurahan[home.code] if near_home else by_kecamatan[home.kecamatan_id]
        pool = [(offering, weight) for offering, weight in candidates if offering.pk not in taken]
        if not pool:
            break
        pick = chooser.choices(
            [offering for offering, _weight in pool], weights=[weight for _offering, weight in pool]
        )[0]
        chosen.append(pick)
        taken.add(pick.pk)
    return chosen
