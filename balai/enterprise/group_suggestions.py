"""Suggested business groups: residents who declared a business interest and want a group,
put together by where they live and what they want to do.

`group_suggestions_make` is a pure function over plain rows (testable without a database);
`group_suggestion_list` feeds it the rows a staff member may see.

Neighbours first: a suggestion is made of people of one kelurahan; those left over are
tried again across their kecamatan. Within a place, people whose kinds of business belong to
one family (the same kind, or kinds that feed each other: food and trade, fashion and craft)
are grouped, graduates first so that they are the ones placed when there are too many.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Exists, OuterRef

from balai.core.scoping import scope_to_user
from balai.enterprise.models import BusinessInterest, BusinessType, GroupMembership
from balai.training.selectors import graduate_list

# Kinds of business that work well together: a caterer sells through a shop, a tailor's
# cloth becomes a crafter's bags. A kind in no family pairs only with itself.
BUSINESS_FAMILIES: tuple[frozenset[str], ...] = (
    frozenset({BusinessType.FOOD, BusinessType.TRADE, BusinessType.AGRICULTURE}),
    frozenset({BusinessType.FASHION, BusinessType.CRAFT}),
    frozenset({BusinessType.BEAUTY, BusinessType.SERVICES}),
)


def business_family(business_type: str) -> str:
    """Return the name of the family `business_type` belongs to (itself if none)."""
    for family in BUSINESS_FAMILIES:
        if business_type in family:
            return "+".join(sorted(family))
    return business_type


def complementary(first: str, second: str) -> bool:
    """Whether two kinds of business are the same or complement each other."""
    return business_family(first) == business_family(second)


@dataclass(frozen=True)
class Candidate:
    """A resident who wants a group: who, where, what business, and whether a graduate."""

    person_id: int
    name: str
    kelurahan_code: str
    kecamatan_code: str
    business_type: str
    is_graduate: bool
    public_id: str = ""


@dataclass(frozen=True)
class Suggestion:
    """A proposed group: its people (graduates first), its kelurahan (where most of them
    live), its business type (the commonest among them), and whether they share a
    kelurahan or only a kecamatan."""

    members: tuple[Candidate, ...]
    kelurahan_code: str
    business_type: str
    same_kelurahan: bool

    @property
    def business_type_label(self) -> str:
        return str(BusinessType(self.business_type).label)

    @property
    def graduates(self) -> int:
        return sum(member.is_graduate for member in self.members)


def group_suggestions_make(
    candidates: Iterable[Candidate], *, minimum: int, maximum: int
) -> list[Suggestion]:
    """Return groups of `minimum`..`maximum` candidates, each candidate in at most one:
    by kelurahan first, then the rest by kecamatan; each group of one business family."""
    if minimum < 1 or maximum < minimum:
        raise ValueError("Group sizes must satisfy 1 <= minimum <= maximum.")
    unique = {candidate.person_id: candidate for candidate in candidates}
    suggestions, left = _by_place(
        list(unique.values()), lambda c: c.kelurahan_code, minimum, maximum, same_kelurahan=True
    )
    more, _left = _by_place(
        left, lambda c: c.kecamatan_code, minimum, maximum, same_kelurahan=False
    )
    return suggestions + more


def _by_place(
    candidates: Sequence[Candidate],
    place_of: Callable[[Candidate], str],
    minimum: int,
    maximum: int,
    *,
    same_kelurahan: bool,
) -> tuple[list[Suggestion], list[Candidate]]:
    pools: dict[tuple[str, str], list[Candidate]] = defaultdict(list)
    for candidate in candidates:
        pools[(place_of(candidate), business_family(candidate.business_type))].append(candidate)
    suggestions: list[Suggestion] = []
    left: list[Candidate] = []
    for key in sorted(pools):
        pool = sorted(pools[key], key=_preference(pools[key]))
        for members in _chunks(pool, minimum, maximum):
            suggestions.append(_suggestion(members, same_kelurahan=same_kelurahan))
        left += pool[sum(len(chunk) for chunk in _chunks(pool, minimum, maximum)) :]
    return suggestions, left


def _preference(pool: Sequence[Candidate]) -> Callable[[Candidate], tuple[int, int, str, int]]:
    # Graduates first; then the pool's commonest kind of business, so that a group is of one
    # kind where it can be; then a stable order.
    counts = Counter(candidate.business_type for candidate in pool)
    return lambda c: (not c.is_graduate, -counts[c.business_type], c.name, c.person_id)


def _chunks(pool: Sequence[Candidate], minimum: int, maximum: int) -> list[list[Candidate]]:
    """Split the head of `pool` into as few groups as fit `maximum`, sizes as even as may
    be, none below `minimum`; whoever does not fit is left at the tail."""
    if len(pool) < minimum:
        return []
    count = math.ceil(len(pool) / maximum)
    if len(pool) // count < minimum:
        count = len(pool) // minimum
    placed = min(len(pool), count * maximum)
    base, extra = divmod(placed, count)
    sizes = [base + 1 if index < extra else base for index in range(count)]
    chunks, start = [], 0
    for size in sizes:
        chunks.append(list(pool[start : start + size]))
        start += size
    return chunks


def _suggestion(members: list[Candidate], *, same_kelurahan: bool) -> Suggestion:
    kelurahan = Counter(member.kelurahan_code for member in members)
    kinds = Counter(member.business_type for member in members)
    return Suggestion(
        members=tuple(members),
        kelurahan_code=min(kelurahan, key=lambda code: (-kelurahan[code], code)),
        business_type=min(kinds, key=lambda kind: (-kinds[kind], kind)),
        same_kelurahan=same_kelurahan,
    )


def suggestion_candidates(*, user: object) -> list[Candidate]:
    """Return the residents `user` may see who want a group and belong to none."""
    in_a_group = GroupMembership.objects.filter(person=OuterRef("person"), left_on__isnull=True)
    graduated = graduate_list(user=user).filter(person=OuterRef("person"))
    interests = (
        scope_to_user(BusinessInterest.objects.all(), user)
        .filter(wants_group=True, person__domicile_kelurahan__isnull=False)
        .exclude(Exists(in_a_group))
        .annotate(is_graduate=Exists(graduated))
        .values_list(
            "person_id",
            "person__full_name",
            "person__domicile_kelurahan_id",
            "person__domicile_kelurahan__kecamatan_id",
            "business_type",
            "is_graduate",
            "person__public_id",
        )
    )
    return [
        Candidate(
            person_id=person_id,
            name=name,
            kelurahan_code=kelurahan_code,
            kecamatan_code=kecamatan_code,
            business_type=business_type,
            is_graduate=is_graduate,
            public_id=str(public_id),
        )
        for (
            person_id,
            name,
            kelurahan_code,
            kecamatan_code,
            business_type,
            is_graduate,
            public_id,
        ) in interests
    ]


def group_suggestion_list(*, user: object) -> list[Suggestion]:
    """Return the groups suggested from the residents `user` may see (two queries)."""
    return group_suggestions_make(
        suggestion_candidates(user=user),
        minimum=settings.BUSINESS_GROUP_MIN_MEMBERS,
        maximum=settings.BUSINESS_GROUP_MAX_MEMBERS,
    )
