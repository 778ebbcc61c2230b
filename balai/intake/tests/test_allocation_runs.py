from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from balai.catalogue.models import Programme
from balai.core.errors import ApplicationError
from balai.intake.allocation.runs import allocation_input, allocation_run
from balai.intake.allocation.stability import justified_envy, over_capacity
from balai.intake.models import AllocationPlacement, AllocationRun, Batch, Offering
from balai.intake.selectors import offering_list
from balai.testing.allocation import apply, close
from balai.testing.places import KERONCONG, SUKARASA

pytestmark = pytest.mark.django_db


@pytest.fixture
def market(open_batch: Batch) -> Batch:
    """Twelve applicants, half from Sukarasa and half from Keroncong, with varied lists."""
    offerings = list(offering_list(batch=open_batch))
    Offering.objects.filter(batch=open_batch).update(seats=2)
    Programme.objects.update(minimum_class_size=1)
    for serial in range(1, 13):
        home = SUKARASA if serial % 2 else KERONCONG
        ranked = [offerings[(serial + step) % len(offerings)] for step in range(3)]
        apply(open_batch, serial, home, ranked)
    close(open_batch)
    return open_batch


def placements(run: AllocationRun) -> dict[int, int | None]:
    return dict(
        AllocationPlacement.objects.filter(run=run).values_list("application_id", "offering_id")
    )


def test_the_same_input_and_seed_give_the_same_placements(market: Batch) -> None:
    first = allocation_run(batch=market, seed=42, created_by=None)
    second = allocation_run(batch=market, seed=42, created_by=None)
    assert first.input_hash == second.input_hash
    assert placements(first) == placements(second)
    assert first.placed == 12 - list(placements(first).values()).count(None)


def test_a_run_is_stable_and_within_capacity(market: Batch) -> None:
    data = allocation_input(batch=market, seed=7)
    run = allocation_run(batch=market, seed=7, created_by=None)
    placed = placements(run)
    index = {offering_id: position for position, offering_id in enumerate(data.offering_ids)}
    offering = np.array(
        [index.get(placed[application_id] or -1, -1) for application_id in data.application_ids],
        dtype=np.int64,
    )
    cancelled = set(run.cutoffs.filter(cancelled=True).values_list("offering_id", flat=True))
    running = np.array(
        [
            0 if offering_id in cancelled else seats
            for offering_id, seats in zip(data.offering_ids, data.capacity, strict=True)
        ],
        dtype=np.int64,
    )
    assert over_capacity(offering, running).size == 0
    assert justified_envy(offering, data.choices, data.priority, running).size == 0


def test_residents_of_the_kelurahan_come_first(open_batch: Batch) -> None:
    offering = offering_list(batch=open_batch).filter(kelurahan=SUKARASA).first()
    assert offering is not None
    Offering.objects.filter(pk=offering.pk).update(seats=1)
    Programme.objects.update(minimum_class_size=1)
    apply(open_batch, 1, KERONCONG, [offering], income_band="below_1m", has_disability=True)
    apply(open_batch, 2, SUKARASA, [offering], employment_status="employed")
    close(open_batch)
    run = allocation_run(batch=open_batch, seed=1, created_by=None)
    winner = AllocationPlacement.objects.get(run=run, offering=offering)
    assert winner.application.person.domicile_kelurahan_id == SUKARASA


def test_a_batch_still_open_is_refused_and_nothing_is_stored(open_batch: Batch) -> None:
    with pytest.raises(ApplicationError) as refused:
        allocation_run(batch=open_batch, seed=1, created_by=None)
    assert refused.value.code == "batch_still_open"
    assert not AllocationRun.objects.exists()


def test_a_batch_without_eligible_applications_is_refused(open_batch: Batch) -> None:
    close(open_batch)
    with pytest.raises(ApplicationError) as refused:
        allocation_run(batch=open_batch, seed=1, created_by=None)
    assert refused.value.code == "no_eligible_applications"


def test_an_applicant_sees_why_a_higher_choice_was_not_theirs(open_batch: Batch) -> None:
    from balai.intake.allocation.explanations import allocation_explanation
    from balai.intake.models import Application

    offerings = list(offering_list(batch=open_batch).filter(kelurahan=SUKARASA)[:2])
    Offering.objects.filter(pk=offerings[0].pk).update(seats=1)
    Programme.objects.update(minimum_class_size=1)
    apply(open_batch, 1, SUKARASA, offerings, employment_status="laid_off")
    apply(open_batch, 2, SUKARASA, offerings, employment_status="employed")
    close(open_batch)
    run = allocation_run(batch=open_batch, seed=3, created_by=None)
    winner, loser = Application.objects.order_by("-priority_points")
    first, second = allocation_explanation(run=run, application=loser)
    assert not first.placed_here and second.placed_here
    assert first.cutoff is not None and first.cutoff.points == winner.priority_points
    assert first.yours.points == loser.priority_points < winner.priority_points
    assert first.yours.tier == first.cutoff.tier == 0
    assert "poin, nomor undian" in str(first.cutoff)


def test_a_batch_is_published_once(market: Batch) -> None:
    from balai.intake.allocation.publishing import allocation_publish

    first = allocation_run(batch=market, seed=1, created_by=None)
    second = allocation_run(batch=market, seed=2, created_by=None)
    allocation_publish(run=first)
    with pytest.raises(ApplicationError) as refused:
        allocation_publish(run=second)
    assert refused.value.code == "already_published"
    second.refresh_from_db()
    assert second.status == "dry_run"


def test_an_offering_below_its_minimum_class_is_cancelled_and_its_applicants_move_on(
    open_batch: Batch,
) -> None:
    small, large = list(offering_list(batch=open_batch).filter(kelurahan=SUKARASA)[:2])
    Programme.objects.update(minimum_class_size=3)
    for serial in (1, 2):
        apply(open_batch, serial, SUKARASA, [small, large])
    apply(open_batch, 3, SUKARASA, [large])
    close(open_batch)
    run = allocation_run(batch=open_batch, seed=1, created_by=None)
    assert run.cutoffs.get(offering=small).cancelled
    assert set(
        AllocationPlacement.objects.filter(run=run).values_list("offering_id", flat=True)
    ) == {large.pk}


def test_a_large_offering_is_split_into_classes_of_even_size(open_batch: Batch) -> None:
    offering = offering_list(batch=open_batch).filter(kelurahan=SUKARASA).first()
    assert offering is not None
    Offering.objects.filter(pk=offering.pk).update(seats=45)
    for serial in range(1, 46):
        apply(open_batch, serial, SUKARASA, [offering])
    close(open_batch)
    run = allocation_run(batch=open_batch, seed=1, created_by=None)
    sizes = Counter(
        AllocationPlacement.objects.filter(run=run).values_list("class_number", flat=True)
    )
    assert sizes == {1: 15, 2: 15, 3: 15}


def test_an_offering_without_seats_is_refused_and_nothing_is_stored(market: Batch) -> None:
    emptied = Offering.objects.filter(batch=market).first()
    assert emptied is not None
    Offering.objects.filter(pk=emptied.pk).update(seats=0)
    with pytest.raises(ApplicationError) as refused:
        allocation_run(batch=market, seed=1, created_by=None)
    assert refused.value.code == "offering_no_seats"
    assert (
        str(refused.value)
        == "1 program per kelurahan tidak memiliki kursi; beri kursi atau hapus dahulu."
    )
    assert not AllocationRun.objects.exists()
