"""An auditor re-checks a run from its workbook alone: each application's home, ranked
choices, tier at each, points, lottery number and placement, and each offering's seats; the
API gives the same fields with the same numbers."""

from __future__ import annotations

import io
import random
from collections import Counter, defaultdict
from typing import Any

import openpyxl
import pytest
from django.db.models import F
from django.test import Client
from django.urls import reverse

from balai.accounts.models import Role, User
from balai.catalogue.models import Programme
from balai.intake.allocation.runs import allocation_run
from balai.intake.models import AllocationRun, Batch, Offering
from balai.registry.models import Person
from balai.testing.allocation import PROFILES, apply, close
from balai.testing.clients import bearer
from balai.testing.places import BABAKAN, KERONCONG, SUKARASA

pytestmark = pytest.mark.django_db

APPLICANTS = 40


@pytest.fixture
def run(open_batch: Batch, programmes: list[Programme]) -> AllocationRun:
    """Forty applicants from three kelurahan in two kecamatan, with five kinds of points,
    each ranking three of the batch's offerings at random; two seats an offering, and the
    first programme's offerings cancelled (its minimum class is never reached)."""
    Offering.objects.filter(batch=open_batch).update(seats=2)
    Programme.objects.update(minimum_class_size=1)
    Programme.objects.filter(pk=programmes[0].pk).update(minimum_class_size=F("class_size"))
    offerings = list(Offering.objects.filter(batch=open_batch).order_by("pk"))
    chooser = random.Random(7)  # noqa: S311  # a fixed draw of choices, not a secret
    for serial in range(1, APPLICANTS + 1):
        home = (SUKARASA, BABAKAN, KERONCONG)[serial % 3]
        choices = chooser.sample(offerings, open_batch.choice_count)
        apply(open_batch, serial, home, choices, **PROFILES[serial % len(PROFILES)])
    close(open_batch)
    return allocation_run(batch=open_batch, seed=20261203, created_by=None)


def sheet(workbook: Any, title: str) -> list[dict[str, Any]]:
    header, *rows = workbook[title].iter_rows(values_only=True)
    # Empty cells at the end of a row are not stored: they read as None.
    return [dict(zip(header, (*row, *[None] * len(header)), strict=False)) for row in rows]


def downloaded(run: AllocationRun, admin: User) -> tuple[list[dict[str, Any]], dict[int, Any]]:
    client = Client()
    client.force_login(admin)
    content = client.get(reverse("intake:allocation_export", args=[run.pk])).content
    workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    applications = sheet(workbook, "Audit pendaftaran")
    offerings = {row["offering_id"]: row for row in sheet(workbook, "Audit program per kelurahan")}
    columns = {row["Kolom"] for row in sheet(workbook, "Kolom")}
    assert {"lottery_number", "choices", "seats", "cancelled"} <= columns
    return applications, offerings


def choices_of(row: dict[str, Any], count: int) -> list[tuple[int, int, int]]:
    """(rank, offering id, tier) of each choice the row lists."""
    return [
        (rank, row[f"choice_{rank}_offering_id"], row[f"choice_{rank}_tier"])
        for rank in range(1, count + 1)
        if row[f"choice_{rank}_offering_id"] is not None
    ]


def tiers_agree_with_the_codes(
    applications: list[dict[str, Any]], offerings: dict[int, Any], count: int
) -> bool:
    """Tiers re-derived from the codes in the file: 1 same kelurahan, 2 same kecamatan, 3
    elsewhere."""
    for row in applications:
        for _rank, offering_id, tier in choices_of(row, count):
            place = offerings[offering_id]
            if place["kelurahan_code"] == row["kelurahan_code"]:
                expected = 1
            else:
                expected = 2 if place["kecamatan_code"] == row["kecamatan_code"] else 3
            if tier != expected:
                return False
    return True


def placed_in_own_choices(
    applications: list[dict[str, Any]], count: int
) -> dict[int, list[dict[str, Any]]]:
    """Who is placed in each offering, once each placement is found to be one of the
    applicant's own choices at the rank given."""
    placed_at: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in applications:
        if row["offering_id"] is not None:
            ranked = {(rank, offering) for rank, offering, _tier in choices_of(row, count)}
            assert (row["choice_rank"], row["offering_id"]) in ranked, row["application_id"]
            placed_at[row["offering_id"]].append(row)
    return placed_at


def refusals_justified(
    applications: list[dict[str, Any]],
    offerings: dict[int, Any],
    placed_at: dict[int, list[dict[str, Any]]],
    count: int,
) -> int:
    """Check that nobody is refused a choice they rank above their placement unless it was
    cancelled, or full of people ahead of them there (tier, then more points, then the
    lottery); return how many refusals were checked."""
    refused = 0
    for row in applications:
        above = [
            choice
            for choice in choices_of(row, count)
            if row["choice_rank"] is None or choice[0] < row["choice_rank"]
        ]
        for rank, offering_id, tier in above:
            offering, refused = offerings[offering_id], refused + 1
            if offering["cancelled"]:
                continue
            assert offering["placed"] == offering["seats"], (row["application_id"], rank)
            mine = (tier, -row["priority_points"], row["lottery_number"])
            for other in placed_at[offering_id]:
                tier_there = other[f"choice_{other['choice_rank']}_tier"]
                theirs = (tier_there, -other["priority_points"], other["lottery_number"])
                assert theirs < mine, (row["application_id"], rank)
    return refused


def test_the_workbook_lets_an_auditor_re_check_every_placement(
    run: AllocationRun, users_by_role: dict[str, User]
) -> None:
    applications, offerings = downloaded(run, users_by_role[Role.ADMIN])
    count = run.batch.choice_count
    assert len(applications) == APPLICANTS == run.applicants
    lottery = sorted(row["lottery_number"] for row in applications)
    assert lottery == list(range(1, APPLICANTS + 1))  # one draw for all, numbered from 1
    assert tiers_agree_with_the_codes(applications, offerings, count)
    placed_at = placed_in_own_choices(applications, count)
    for offering_id, offering in offerings.items():  # never over its seats; counts agree
        assert offering["placed"] == len(placed_at[offering_id]) <= offering["seats"]
        assert not (offering["cancelled"] and offering["placed"])
    assert any(offering["cancelled"] for offering in offerings.values())
    refused = refusals_justified(applications, offerings, placed_at, count)
    assert refused > APPLICANTS // 2  # the check had plenty to check


def test_the_api_gives_the_same_fields_and_numbers_as_the_workbook(
    run: AllocationRun, users_by_role: dict[str, User], django_assert_max_num_queries: Any
) -> None:
    admin = users_by_role[Role.ADMIN]
    applications, offerings = downloaded(run, admin)
    api = bearer(admin)
    with django_assert_max_num_queries(8):
        page = api.get(f"/api/v1/allocation/runs/{run.pk}/placements").json()
    assert page["count"] == APPLICANTS
    by_id = {row["application_id"]: row for row in applications}
    for item in page["items"]:
        row = by_id[item["application_id"]]
        choices = item.pop("choices")
        assert choices == [
            {"rank": rank, "offering_id": offering, "tier": tier}
            for rank, offering, tier in choices_of(row, run.batch.choice_count)
        ]
        assert item == {name: row[name] for name in item}
    listed = api.get(f"/api/v1/allocation/runs/{run.pk}/offerings").json()
    assert {item["offering_id"]: item for item in listed} == offerings
    assert Counter(item["cancelled"] for item in listed)[True] == 2  # in both kelurahan


def test_a_domicile_corrected_after_the_run_does_not_rewrite_what_the_run_was_given(
    run: AllocationRun, users_by_role: dict[str, User]
) -> None:
    moved = Person.objects.exclude(domicile_kelurahan__code=KERONCONG).filter(
        applications__batch=run.batch
    )
    moved_count = moved.update(domicile_kelurahan_id=KERONCONG)
    applications, offerings = downloaded(run, users_by_role[Role.ADMIN])
    assert moved_count > APPLICANTS // 2
    assert {row["kelurahan_code"] for row in applications} == {SUKARASA, BABAKAN, KERONCONG}
    assert tiers_agree_with_the_codes(applications, offerings, run.batch.choice_count)
