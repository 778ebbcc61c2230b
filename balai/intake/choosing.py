"""Choosing where to take a programme: its offerings in a batch, nearest to home first.

A resident chooses a programme first, then the kelurahan that offers it; the form never
lists every offering of the city (on a cheap phone over 3G the full list weighed more than
the rest of the page together), only those of the programme chosen.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from balai.intake.models import Batch, Offering
from balai.intake.selectors import offering_list
from balai.regions.models import Kelurahan

EARTH_RADIUS_KM = 6371.0


@dataclass(frozen=True)
class OfferingOption:
    """One place where a programme is offered, as the form shows it."""

    offering: Offering
    distance_km: float | None  # None when either kelurahan has no location yet

    @property
    def value(self) -> str:
        return str(self.offering.pk)

    @property
    def is_home(self) -> bool:
        return self.distance_km == 0.0


def distance_km(home: Kelurahan | None, place: Kelurahan) -> float | None:
    """Return the great-circle distance between two kelurahan's centres, or None if unknown."""
    if home is None:
        return None
    if home.pk == place.pk:
        return 0.0
    points = (home.latitude, home.longitude, place.latitude, place.longitude)
    if any(value is None for value in points):
        return None
    latitude_a, longitude_a, latitude_b, longitude_b = (math.radians(v or 0.0) for v in points)
    across = math.cos(latitude_a) * math.cos(latitude_b)
    haversine = (
        math.sin((latitude_b - latitude_a) / 2) ** 2
        + across * math.sin((longitude_b - longitude_a) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(haversine))


def _nearness(home: Kelurahan | None, option: OfferingOption) -> tuple[int, float, str]:
    """Sort key: the home kelurahan, then by distance, else the home kecamatan first."""
    place = option.offering.kelurahan
    if option.distance_km is not None:
        return (0, option.distance_km, place.code)
    same_kecamatan = home is not None and home.kecamatan_id == place.kecamatan_id
    return (1 if same_kecamatan else 2, 0.0, place.code)


def offering_options(
    *, batch: Batch, programme_code: str, home: Kelurahan | None
) -> list[OfferingOption]:
    """Return where `batch` offers the programme, nearest to `home` first."""
    if not programme_code:
        return []
    offerings = (
        offering_list(batch=batch).select_related("venue").filter(programme__code=programme_code)
    )
    options = [
        OfferingOption(offering=offering, distance_km=distance_km(home, offering.kelurahan))
        for offering in offerings
    ]
    return sorted(options, key=lambda option: _nearness(home, option))
