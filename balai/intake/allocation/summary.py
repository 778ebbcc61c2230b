"""What a run did, as admins read it: seats filled per kelurahan and programme, how many got
which choice, how each priority group fared, and who moved between two runs."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from balai.core.masking import mask_name
from balai.intake.models import AllocationCutoff, AllocationPlacement, AllocationRun, Offering

PRIORITY_GROUPS = {
    "laid_off": _("Laid off because of the pandemic"),
    "unemployed": _("Unemployed"),
    "low_income": _("Low household income"),
    "disability": _("With a disability"),
    "woman_head_of_household": _("Woman head of household"),
    "": _("No priority points"),
}


@dataclass(frozen=True)
class Share:
    """Of `count` applicants in a group, `placed` got a seat."""

    label: str
    count: int
    placed: int

    @property
    def percent_placed(self) -> float:
        return 100 * self.placed / self.count if self.count else 0.0


@dataclass(frozen=True)
class SeatsFilled:
    """Of the `seats` of the offerings that run in a kelurahan or programme, `filled` are."""

    label: str
    seats: int
    filled: int

    @property
    def percent_filled(self) -> float:
        return 100 * self.filled / self.seats if self.seats else 0.0


@dataclass
class RunSummary:
    run: AllocationRun
    by_choice: list[tuple[int, int, float]] = field(default_factory=list)  # rank, count, %
    unplaced: int = 0
    cancelled_offerings: int = 0
    by_kelurahan: list[SeatsFilled] = field(default_factory=list)
    by_programme: list[SeatsFilled] = field(default_factory=list)
    by_priority_group: list[Share] = field(default_factory=list)


def run_summary(*, run: AllocationRun) -> RunSummary:
    summary = RunSummary(run=run, unplaced=run.applicants - run.placed)
    ranks = Counter(
        rank for rank in run.placements.values_list("choice_rank", flat=True) if rank is not None
    )
    summary.by_choice = [
        (rank, count, 100 * count / run.applicants) for rank, count in sorted(ranks.items())
    ]
    summary.cancelled_offerings = run.cutoffs.filter(cancelled=True).count()
    summary.by_kelurahan = _seats_filled(run, "kelurahan__name")
    summary.by_programme = _seats_filled(run, "programme__name")
    summary.by_priority_group = _priority_groups(run)
    return summary


def _seats_filled(run: AllocationRun, label_path: str) -> list[SeatsFilled]:
    """Applicants placed against seats of the offerings that run, grouped by `label_path`."""
    running = AllocationCutoff.objects.filter(run=run, cancelled=False).values("offering_id")
    rows = (
        Offering.objects.filter(batch_id=run.batch_id)
        .values(label_path)
        .annotate(seats=Sum("seats", filter=Q(pk__in=running)))
        .order_by(label_path)
    )
    placed = Counter(
        dict(
            AllocationPlacement.objects.filter(run=run)
            .exclude(offering=None)
            .values_list(f"offering__{label_path}")
            .annotate(count=Count("pk"))
        )
    )
    return [
        SeatsFilled(label=row[label_path], seats=row["seats"] or 0, filled=placed[row[label_path]])
        for row in rows
    ]


def _priority_groups(run: AllocationRun) -> list[Share]:
    """Per priority rule, how many applicants it gave points to and how many were placed; an
    applicant with several rules counts in each."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for reasons, offering_id in run.placements.values_list(
        "application__priority_reasons", "offering_id"
    ):
        # A reason of 0 points is a question left unanswered: no priority group.
        for rule in [reason["rule"] for reason in reasons if reason["points"]] or [""]:
            counts[rule][0] += 1
            counts[rule][1] += offering_id is not None
    return [
        Share(label=str(label), count=counts[rule][0], placed=counts[rule][1])
        for rule, label in PRIORITY_GROUPS.items()
        if rule in counts
    ]


@dataclass(frozen=True)
class Move:
    applicant: str  # masked name
    before: str
    after: str


@dataclass
class RunComparison:
    run: AllocationRun
    other: AllocationRun
    unchanged: int = 0
    moved: int = 0
    newly_placed: int = 0
    newly_unplaced: int = 0
    moves: list[Move] = field(default_factory=list)


MOVES_SHOWN = 200


def runs_compare(*, run: AllocationRun, other: AllocationRun) -> RunComparison:
    """Who is placed differently in `other` than in `run` (both of the same batch)."""
    before = _placement_map(run)
    after = _placement_map(other)
    comparison = RunComparison(run=run, other=other)
    changed = []
    for application_id in sorted(before.keys() | after.keys()):
        old, new = before.get(application_id), after.get(application_id)
        if old == new:
            comparison.unchanged += 1
            continue
        if old is None:
            comparison.newly_placed += 1
        elif new is None:
            comparison.newly_unplaced += 1
        else:
            comparison.moved += 1
        changed.append((application_id, old, new))
    comparison.moves = _moves(changed[:MOVES_SHOWN])
    return comparison


def _placement_map(run: AllocationRun) -> dict[int, int | None]:
    return dict(run.placements.values_list("application_id", "offering_id"))


def _moves(changed: list[tuple[int, int | None, int | None]]) -> list[Move]:
    names = dict(
        AllocationPlacement.objects.filter(
            application_id__in=[row[0] for row in changed]
        ).values_list("application_id", "application__person__full_name")
    )
    offering_ids = {offering for row in changed for offering in row[1:] if offering is not None}
    labels = {
        offering.pk: str(offering)
        for offering in Offering.objects.filter(pk__in=offering_ids).select_related(
            "programme", "kelurahan"
        )
    }
    unplaced = str(_("not placed"))
    return [
        Move(
            applicant=mask_name(names[application_id]),
            before=labels.get(old, unplaced) if old else unplaced,
            after=labels.get(new, unplaced) if new else unplaced,
        )
        for application_id, old, new in changed
    ]
