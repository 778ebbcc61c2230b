"""The demo's timetable inputs and its solved timetable: kelurahan locations, a second hall in
every kelurahan, instructors spread over the programmes so that every class can be held, and
one solve of the open batch."""

from __future__ import annotations

import math

from balai.catalogue.models import Programme
from balai.catalogue.services import venue_upsert
from balai.demo.randomness import RandomStreams
from balai.intake.models import Batch
from balai.regions.models import Kelurahan
from balai.regions.services import kelurahan_locate
from balai.scheduling.models import ScheduleRun
from balai.scheduling.services import schedule_solve

# Kota Tangerang lies roughly within these bounds; each kecamatan gets a centre inside them
# and its kelurahan are scattered about a kilometre or two around it.
SOUTH, NORTH, WEST, EAST = -6.27, -6.12, 106.56, 106.72
KELURAHAN_SPREAD = 0.015  # degrees, about 1.7 km


def demo_locations(kelurahan: list[Kelurahan], streams: RandomStreams) -> None:
    """Give every kelurahan without one a plausible location (the demo has no survey data)."""
    chooser = streams.chooser
    centres: dict[str, tuple[float, float]] = {}
    for place in kelurahan:
        centre = centres.setdefault(
            place.kecamatan_id,
            (
                chooser.uniform(SOUTH + 0.02, NORTH - 0.02),
                chooser.uniform(WEST + 0.02, EAST - 0.02),
            ),
        )
        if place.latitude is None or place.longitude is None:
            kelurahan_locate(
                kelurahan=place,
                latitude=centre[0] + chooser.uniform(-KELURAHAN_SPREAD, KELURAHAN_SPREAD),
                longitude=centre[1] + chooser.uniform(-KELURAHAN_SPREAD, KELURAHAN_SPREAD),
            )


def demo_second_halls(kelurahan: list[Kelurahan]) -> None:
    """Five classes a kelurahan need more half-days than one hall has in eight weeks: every
    kelurahan also lends a community hall (gedung serbaguna)."""
    for place in kelurahan:
        venue_upsert(
            kelurahan=place,
            name=f"Gedung Serbaguna {place.name}",
            address=f"Kelurahan {place.name}",
            capacity=30,
        )


def instructors_needed(
    programmes: list[Programme], *, classes_each: int, weeks: int
) -> dict[Programme, int]:
    """Instructors each programme needs for `classes_each` classes in a window of `weeks`, so
    that every class keeps one half-day: an instructor has two half-days a day, and one
    half-day holds a class of n sessions (weeks * 5) // n times over (five meetings a week,
    leaving Saturdays as room for holidays). Sessions alone would not do: two classes of 24
    sessions do not fit one half-day of eight weeks, so such a programme needs a half-day per
    class however few sessions its instructors teach otherwise."""
    return {
        programme: -(-classes_each // (2 * max(1, weeks * 5 // programme.session_count)))
        for programme in programmes
    }


def instructor_programmes(
    count: int, programmes: list[Programme], *, classes_each: int, weeks: int
) -> list[Programme]:
    """The main programme of each of `count` instructors: first what `instructors_needed`
    says, then one at a time to the programme whose instructors carry the most sessions each.
    With too few instructors for that, in proportion to the sessions needed."""
    needed = instructors_needed(programmes, classes_each=classes_each, weeks=weeks)
    if sum(needed.values()) > count:
        return _in_proportion_to_sessions(count, programmes)
    shares = dict(needed)
    for _ in range(count - sum(needed.values())):
        busiest = max(programmes, key=lambda item: item.session_count / shares[item])
        shares[busiest] += 1
    return [programme for programme, number in shares.items() for _ in range(number)]


def _in_proportion_to_sessions(count: int, programmes: list[Programme]) -> list[Programme]:
    """At least one each; the rest in proportion to the sessions each programme needs."""
    total = sum(programme.session_count for programme in programmes)
    shares = {
        programme: max(1, math.floor(count * programme.session_count / total))
        for programme in programmes
    }
    # Hand out what rounding down left, to the programmes with the most sessions.
    for programme in sorted(programmes, key=lambda item: -item.session_count):
        if sum(shares.values()) >= count:
            break
        shares[programme] += 1
    return [programme for programme, number in shares.items() for _ in range(number)][:count]


def demo_timetable(batch: Batch, time_limit: float) -> ScheduleRun:
    """Solve `batch`'s timetable once (a later seed leaves it as it is)."""
    existing = ScheduleRun.objects.filter(batch=batch).first()
    if existing is not None:
        return existing
    return schedule_solve(batch=batch, created_by=None, time_limit=time_limit)
