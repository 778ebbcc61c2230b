"""Reads of local recruitment: the recruitments of an operator's area, one of them, and the
graduates of the area proposed for it."""

from __future__ import annotations

from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.utils.translation import gettext as _

from balai.catalogue.models import Programme
from balai.core.errors import NotFoundError
from balai.placement.models import Placement, Recruitment
from balai.placement.placement_selectors import placement_list
from balai.placement.recruitment import recruitment_visible
from balai.training.models import Enrolment
from balai.training.selectors import graduate_list


def recruitment_list(*, user: object) -> QuerySet[Recruitment]:
    """Return the recruitments in `user`'s area, with how many graduates each has taken."""
    return (
        Recruitment.objects.filter(kelurahan__in=recruitment_visible(user=user))
        .select_related("kelurahan")
        .annotate(chosen=Count("placements"))
        .order_by("-starts_on", "-pk")
    )


def recruitment_get(*, user: object, recruitment_id: int) -> Recruitment:
    """Return recruitment `recruitment_id` if it lies in `user`'s area; else not found."""
    recruitment = recruitment_list(user=user).filter(pk=recruitment_id).first()
    if recruitment is None:
        raise NotFoundError(_("Not found, or outside your area."))
    return recruitment


def recruitment_candidates(
    *, recruitment: Recruitment, user: object, programme: Programme | None = None
) -> QuerySet[Enrolment]:
    """Return the graduates of `user`'s area not yet chosen for `recruitment` (of
    `programme` if given): those living in the recruitment's kelurahan first, then by name;
    each marked if they hold a placement that has not ended."""
    chosen = Placement.objects.filter(recruitment=recruitment).values("person_id")
    working = Placement.objects.filter(person=OuterRef("person"), ends_on__isnull=True)
    candidates = graduate_list(user=user).exclude(person__in=chosen)
    if programme is not None:
        candidates = candidates.filter(training_class__programme=programme)
    return candidates.annotate(
        placed=Exists(working),
        nearby=Case(
            When(Q(person__domicile_kelurahan=recruitment.kelurahan_id), then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        ),
    ).order_by("nearby", "person__full_name", "pk")


def recruitment_chosen(*, recruitment: Recruitment, user: object) -> QuerySet[Placement]:
    """Return the placements `recruitment` made that `user` may see, by name."""
    return placement_list(user=user).filter(recruitment=recruitment).order_by("person__full_name")
