"""Local recruitment: a kecamatan or kelurahan operator (or an admin) opens a recruitment for
local work or a government programme and chooses graduates of their area for it; each one
chosen becomes a placement (channel: local recruitment), all of a choice in one transaction."""

from __future__ import annotations

import datetime
from collections import Counter

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.accounts.models import User
from balai.core.audit import AuditPolicy, audit_record_created
from balai.core.errors import ApplicationError, NotFoundError
from balai.core.scoping import kelurahan_in_area
from balai.placement.models import Placement, PlacementChannel, PlacementKind, Recruitment
from balai.placement.outcomes import placement_record
from balai.placement.placements import PLACEMENT_START_AHEAD_DAYS
from balai.regions.models import Kelurahan
from balai.training.models import Enrolment
from balai.training.selectors import graduate_list

RECRUITMENT_AUDIT_POLICY = AuditPolicy(
    fields=["title", "kind", "employer_name", "kelurahan_id", "openings", "starts_on"]
)
# More than a kelurahan's local work ever takes at once; a typo of 1000 for 10 is refused.
RECRUITMENT_OPENINGS_MAXIMUM = 500


@transaction.atomic
def recruitment_create(
    *,
    by: User,
    title: str,
    kind: str,
    employer_name: str,
    kelurahan: Kelurahan,
    openings: int,
    starts_on: datetime.date,
    description: str = "",
) -> Recruitment:
    """Open a recruitment in a kelurahan of `by`'s area (audited)."""
    if not kelurahan_in_area(by).filter(pk=kelurahan.pk).exists():
        raise ApplicationError(
            _("Choose a kelurahan of your area."),
            code="kelurahan_outside_area",
            details={"field": "kelurahan"},
        )
    if not 1 <= openings <= RECRUITMENT_OPENINGS_MAXIMUM:
        raise ApplicationError(
            _("Openings must be between 1 and %(maximum)s.")
            % {"maximum": RECRUITMENT_OPENINGS_MAXIMUM},
            code="openings_out_of_range",
            details={"field": "openings"},
        )
    if starts_on > timezone.localdate() + datetime.timedelta(days=PLACEMENT_START_AHEAD_DAYS):
        raise ApplicationError(
            _("The work cannot start more than %(days)s days from today.")
            % {"days": PLACEMENT_START_AHEAD_DAYS},
            code="recruitment_too_far_ahead",
            details={"field": "starts_on"},
        )
    recruitment = Recruitment(
        title=title.strip(),
        kind=kind,
        employer_name=employer_name.strip(),
        description=description.strip(),
        kelurahan=kelurahan,
        openings=openings,
        starts_on=starts_on,
        created_by=by,
    )
    try:
        recruitment.full_clean()
    except ValidationError as error:
        raise ApplicationError(
            _("Check the fields marked."), code="invalid", details=error.message_dict
        ) from None
    recruitment.save()
    audit_record_created(target=recruitment, policy=RECRUITMENT_AUDIT_POLICY)
    return recruitment


def recruitment_visible(*, user: object) -> QuerySet[Kelurahan, str]:
    """The kelurahan whose recruitments `user` sees (those of their area), as a subquery."""
    return kelurahan_in_area(user).values_list("pk", flat=True)


@transaction.atomic
def recruitment_select(
    *, recruitment: Recruitment, enrolment_ids: list[int], by: User
) -> list[Placement]:
    """Record the graduates of `enrolment_ids` as placed by `recruitment`: all or none.

    Refused: a graduate `by` may not see (outside their area, or not a graduate), the same
    graduate twice, one chosen before, or more than the openings left."""
    # Locked before counting what is taken: two operators choosing at once cannot overfill.
    locked = Recruitment.objects.select_for_update().filter(
        pk=recruitment.pk, kelurahan__in=recruitment_visible(user=by)
    )
    recruitment = locked.first() or _not_found()
    if not enrolment_ids:
        raise ApplicationError(_("Choose at least one graduate."), code="nothing_chosen")
    enrolments = list(graduate_list(user=by).filter(pk__in=enrolment_ids))
    if len(enrolments) != len(set(enrolment_ids)):
        raise NotFoundError(
            _("A graduate chosen is not a graduate of your area."), code="graduate_unknown"
        )
    people = Counter(enrolment.person_id for enrolment in enrolments)
    taken = set(recruitment.placements.values_list("person_id", flat=True))
    if len(enrolment_ids) != len(set(enrolment_ids)) or any(n > 1 for n in people.values()):
        raise ApplicationError(
            _("The same graduate was chosen twice."), code="graduate_chosen_twice"
        )
    if taken & set(people):
        names = ", ".join(e.person.full_name for e in enrolments if e.person_id in taken)
        raise ApplicationError(
            _("Already chosen for this recruitment: %(names)s.") % {"names": names},
            code="graduate_already_chosen",
        )
    left = recruitment.openings - len(taken)
    if len(enrolments) > left:
        raise ApplicationError(
            _("Only %(left)s of %(openings)s openings are left.")
            % {"left": left, "openings": recruitment.openings},
            code="openings_exceeded",
        )
    return [_placed(recruitment, enrolment, by) for enrolment in enrolments]


def _placed(recruitment: Recruitment, enrolment: Enrolment, by: User) -> Placement:
    if enrolment.left_on is not None and recruitment.starts_on < enrolment.left_on:
        raise ApplicationError(
            _("%(name)s finished training on %(date)s, after this work starts.")
            % {"name": enrolment.person.full_name, "date": enrolment.left_on.strftime("%d-%m-%Y")},
            code="placement_before_training_end",
        )
    return placement_record(
        enrolment=enrolment,
        kind=PlacementKind.WAGE_EMPLOYMENT,
        channel=PlacementChannel.LOCAL_RECRUITMENT,
        employer_name=recruitment.employer_name,
        starts_on=recruitment.starts_on,
        recruitment=recruitment,
        by=by,
    )


def _not_found() -> Recruitment:
    raise NotFoundError(_("Not found, or outside your area."))
