"""The reads behind the indicators: who exited or took part in a period, in which group,
and with which outcomes (five queries in all, never one per person)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from balai.accounts.models import User
from balai.catalogue.models import CompetencyUnit
from balai.core.scoping import scope_to_user
from balai.placement.indicator_arithmetic import (
    ExiterOutcome,
    PlacementFact,
    SurveyFact,
    exiter_outcome,
)
from balai.placement.indicators.definitions import (
    EXIT_STATUSES,
    NO_PRIORITY,
    PARTICIPANT_STATUSES,
    PRIORITY,
    Breakdown,
)
from balai.placement.models import Placement, SurveyResponse
from balai.registry.models import Sex
from balai.training.models import (
    Assessment,
    AssessmentResult,
    Certificate,
    Enrolment,
    SkillTest,
)

# The fields of an enrolment that tell its group, and the group's name if not a label.
_GROUP_FIELDS: dict[str, tuple[str, str | None]] = {
    Breakdown.BATCH: ("training_class__batch_id", "training_class__batch__name"),
    Breakdown.PROGRAMME: ("training_class__programme_id", "training_class__programme__name"),
    Breakdown.KELURAHAN: ("person__domicile_kelurahan__code", "person__domicile_kelurahan__name"),
    Breakdown.SEX: ("person__sex", None),
    Breakdown.PRIORITY_GROUP: ("offer__application__priority_points", None),
}


def group_namer(breakdown: str) -> Callable[[dict[str, Any]], tuple[str, str]]:
    """Return the function that gives a row's group key and the group's name."""
    key_field, name_field = _GROUP_FIELDS[breakdown]
    if breakdown == Breakdown.SEX:
        labels = dict(Sex.choices)
        return lambda row: (row[key_field], str(labels.get(row[key_field], row[key_field])))
    if breakdown == Breakdown.PRIORITY_GROUP:
        return _priority_group_of
    return lambda row: (str(row[key_field] or ""), row[name_field or key_field] or _("Unknown"))


def _priority_group_of(row: dict[str, Any]) -> tuple[str, str]:
    # Points weigh differently in each batch, so only "any priority or none" reads the same
    # across batches: any point is one of the circumstances the batch favours.
    if row["offer__application__priority_points"]:
        return PRIORITY, _("Priority applicants (unemployed, laid off, low income, ...)")
    return NO_PRIORITY, _("No priority points")


def _exiters(
    user: User, exited_from: datetime.date, exited_until: datetime.date
) -> QuerySet[Enrolment]:
    return scope_to_user(Enrolment.objects.all(), user, for_aggregates=True).filter(
        status__in=EXIT_STATUSES, left_on__gte=exited_from, left_on__lte=exited_until
    )


def exiter_outcomes(
    user: User,
    breakdown: str,
    exited_from: datetime.date,
    exited_until: datetime.date,
    today: datetime.date,
    group_of: Callable[[dict[str, Any]], tuple[str, str]],
) -> Iterable[tuple[str, str, ExiterOutcome]]:
    """Each exiter's group and outcomes: four queries, whatever the number of exiters."""
    exiters = _exiters(user, exited_from, exited_until)
    enrolment_ids = exiters.values("pk")
    placements: dict[int, list[PlacementFact]] = defaultdict(list)
    for row in (
        scope_to_user(Placement.objects.all(), user, for_aggregates=True)
        .filter(enrolment__in=enrolment_ids)
        .values_list(
            "enrolment_id",
            "kind",
            "starts_on",
            "ends_on",
            "company_id",
            "employer_name",
            "income_band",
        )
    ):
        placements[row[0]].append(PlacementFact(*row[1:]))
    answers: dict[int, list[SurveyFact]] = defaultdict(list)
    for answer in (
        scope_to_user(SurveyResponse.objects.all(), user, for_aggregates=True)
        .filter(invitation__enrolment__in=enrolment_ids)
        .values_list(
            "invitation__enrolment_id",
            "invitation__due_on",
            "employment_status",
            "employer_name",
            "same_employer_as_before",
            "income_band",
            "further_training",
        )
    ):
        answers[answer[0]].append(SurveyFact(*answer[1:]))
    issued_on = dict(
        scope_to_user(Certificate.objects.all(), user, for_aggregates=True)
        .filter(enrolment__in=enrolment_ids, revoked_at__isnull=True)
        .values_list("enrolment_id", "issued_on")
    )
    key_field, name_field = _GROUP_FIELDS[breakdown]
    fields = [name for name in ("pk", "left_on", key_field, name_field) if name]
    for row in exiters.values(*fields).order_by():
        key, name = group_of(row)
        yield (
            key,
            name,
            exiter_outcome(
                exited_on=row["left_on"],
                placements=placements.get(row["pk"], []),
                answers=answers.get(row["pk"], []),
                certificate_issued_on=issued_on.get(row["pk"]),
                today=today,
            ),
        )


def participant_gains(
    user: User,
    breakdown: str,
    period_from: datetime.date,
    period_until: datetime.date,
    group_of: Callable[[dict[str, Any]], tuple[str, str]],
) -> Iterable[tuple[str, str, bool]]:
    """Each participant of the period with whether a skill gain is documented: one query."""
    competent_units = (
        Assessment.objects.filter(
            enrolment=OuterRef("pk"),
            result=AssessmentResult.COMPETENT,
            unit__programme=OuterRef("training_class__programme"),
        )
        .order_by()
        .values("enrolment")
        .annotate(count=Count("pk"))
        .values("count")
    )
    programme_units = (
        CompetencyUnit.objects.filter(programme=OuterRef("training_class__programme"))
        .order_by()
        .values("programme")
        .annotate(count=Count("pk"))
        .values("count")
    )
    participants = (
        scope_to_user(Enrolment.objects.all(), user, for_aggregates=True)
        .filter(status__in=PARTICIPANT_STATUSES, joined_on__lte=period_until)
        .filter(Q(left_on__isnull=True) | Q(left_on__gte=period_from))
        .annotate(
            tested_better=Exists(
                SkillTest.objects.filter(enrolment=OuterRef("pk"), post_score__gt=F("pre_score"))
            ),
            competent_units=Coalesce(
                Subquery(competent_units, output_field=IntegerField()), Value(0)
            ),
            programme_units=Coalesce(
                Subquery(programme_units, output_field=IntegerField()), Value(0)
            ),
        )
    )
    key_field, name_field = _GROUP_FIELDS[breakdown]
    fields = [name for name in (key_field, name_field) if name]
    for row in participants.values(
        *fields, "tested_better", "competent_units", "programme_units"
    ).order_by():
        key, name = group_of(row)
        gained = row["tested_better"] or (
            row["programme_units"] > 0 and row["competent_units"] >= row["programme_units"]
        )
        yield key, name, bool(gained)
