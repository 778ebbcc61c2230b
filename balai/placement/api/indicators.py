"""Placement's indicators over the API: the same table as the outcomes page, with each
indicator's definition."""

from __future__ import annotations

import datetime

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema

from balai.accounts.models import Role
from balai.api.auth import SIGNED_IN_AUTH
from balai.api.schemas import ErrorOut
from balai.core.access import register_route_access, request_user, roles
from balai.placement.indicators import Breakdown, Cell, Group, default_period, indicator_table

router = Router(tags=["placement"], auth=SIGNED_IN_AUTH)


class IndicatorDefinitionOut(Schema):
    code: str
    name: str
    numerator: str
    denominator: str
    source: str


class IndicatorCellOut(Schema):
    code: str
    numerator: int | None = Field(description="Null when hidden (fewer than 5 people).")
    denominator: int | None = Field(description="Null when hidden (fewer than 5 people).")
    percent: float | None = Field(description="Null when hidden or when nobody is counted.")
    band: str | None = Field(description="The median income band (median_band_q2 only).")
    suppressed: bool = Field(description="Fewer than 5 people: hidden except from admins.")


class IndicatorGroupOut(Schema):
    key: str = Field(description="The group: a batch or programme id, a kelurahan code, ...")
    name: str
    exiters: int | None = Field(description="Null when hidden (fewer than 5 people).")
    participants: int | None = Field(description="Null when hidden (fewer than 5 people).")
    cells: list[IndicatorCellOut]


class IndicatorTableOut(Schema):
    breakdown: Breakdown
    exited_from: datetime.date
    exited_until: datetime.date
    as_of: datetime.date
    definitions: list[IndicatorDefinitionOut]
    groups: list[IndicatorGroupOut]
    total: IndicatorGroupOut


def _cell_out(cell: Cell) -> IndicatorCellOut:
    return IndicatorCellOut(
        code=cell.code,
        numerator=None if cell.suppressed else cell.numerator,
        denominator=None if cell.suppressed else cell.denominator,
        percent=None if cell.suppressed else cell.percent,
        band=None if cell.suppressed else cell.band,
        suppressed=cell.suppressed,
    )


def _group_out(group: Group) -> IndicatorGroupOut:
    return IndicatorGroupOut(
        key=group.key,
        name=group.name,
        exiters=None if group.exiters_hidden else group.exiters,
        participants=None if group.participants_hidden else group.participants,
        cells=[_cell_out(cell) for cell in group.cells],
    )


@router.get(
    "/",
    response={200: IndicatorTableOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut},
    url_name="placement_indicators",
)
def placement_indicators(
    request: HttpRequest,
    breakdown: Breakdown = Breakdown.BATCH,
    exited_from: datetime.date | None = None,
    exited_until: datetime.date | None = None,
) -> IndicatorTableOut:
    """The outcome indicators of the caller's area for exits in the period (by default the
    last two years), per group of `breakdown` and in total."""
    today = timezone.localdate()
    default_from, default_until = default_period(today)
    table = indicator_table(
        user=request_user(request),
        breakdown=breakdown,
        exited_from=exited_from or default_from,
        exited_until=exited_until or default_until,
        today=today,
    )
    return IndicatorTableOut(
        breakdown=breakdown,
        exited_from=table.exited_from,
        exited_until=table.exited_until,
        as_of=table.today,
        definitions=[IndicatorDefinitionOut(**vars(item)) for item in table.definitions],
        groups=[_group_out(group) for group in table.groups],
        total=_group_out(table.total),
    )


register_route_access(
    "api-v1",
    {
        "placement_indicators": roles(
            Role.ADMIN, Role.VIEWER, Role.KECAMATAN_OPERATOR, Role.KELURAHAN_OPERATOR
        ),
    },
)
