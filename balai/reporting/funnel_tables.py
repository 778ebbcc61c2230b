"""The funnel's tables on a dashboard: the stages against the target, the areas below
ranked, and the stages by programme, sex, age band and priority group."""

from __future__ import annotations

from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from balai.catalogue.selectors import programme_names_by_id
from balai.registry.models import Sex
from balai.reporting.dashboard import Dashboard, dashboard_tables
from balai.reporting.funnel import (
    CHANNELS,
    CLASS_STAGES,
    DIMENSIONS,
    PRIORITY_GROUPS,
    STAGES,
    TARGET_STAGE,
)
from balai.reporting.models import SummaryLevel
from balai.reporting.tables import Chart, Column, Row, Table, percent, section_of


@dashboard_tables
def funnel_tables(dashboard: Dashboard) -> list[Table]:
    """The funnel, the ranking of the areas below, and the breakdowns (classes have only
    their own stages)."""
    funnel = section_of(dashboard.area.figures, "funnel")
    if dashboard.area.level == SummaryLevel.CLASS:
        return [_class_stages_table(funnel)]
    tables = [_stages_table(funnel), _channels_table(funnel)]
    if dashboard.children:
        tables.append(_ranking_table(dashboard))
    tables.extend(_breakdown_table(funnel, dimension) for dimension in DIMENSIONS)
    return tables


def _stages_table(funnel: dict[str, Any]) -> Table:
    totals = funnel.get("total", {})
    registered = totals.get("registered", 0)
    target = funnel.get("target", 0)
    rows = [
        Row([str(label), totals.get(stage, 0), percent(totals.get(stage, 0), registered)])
        for stage, label in STAGES.items()
    ]
    return Table(
        name="funnel",
        title=_("From registration to work"),
        columns=[
            Column("stage", _("Stage"), "text"),
            Column("people", _("People")),
            Column("of_registered", _("Share of registered (%)"), "percent"),
        ],
        rows=rows,
        # The target is the headline's progress bar: on the funnel's scale, a programme far
        # from it would draw every stage as a sliver.
        chart=Chart("funnel"),
        note=_("Target: %(target)s participants enrolled; %(done)s so far (%(share)s%%).")
        % {
            "target": number_format(target, force_grouping=True),
            "done": number_format(totals.get(TARGET_STAGE, 0), force_grouping=True),
            "share": number_format(percent(totals.get(TARGET_STAGE, 0), target) or 0, 1),
        },
        extra={"target": target},
    )


def _channels_table(funnel: dict[str, Any]) -> Table:
    channels = funnel.get("channels", {})
    return Table(
        name="channels",
        title=_("Where graduates went"),
        columns=[Column("channel", _("Channel"), "text"), Column("people", _("People"))],
        rows=[Row([str(label), channels.get(key, 0)]) for key, label in CHANNELS.items()],
        chart=Chart("bars"),
        note=_("A person in a job and a business group counts in both."),
    )


def _ranking_table(dashboard: Dashboard) -> Table:
    level = dashboard.child_level or ""
    rows = []
    for child in dashboard.children:
        funnel = section_of(child.figures, "funnel")
        totals = funnel.get("total", {})
        target = funnel.get("target", 0)
        enrolled = totals.get(TARGET_STAGE, 0)
        rows.append(
            Row(
                [
                    child.name,
                    totals.get("registered", 0),
                    enrolled,
                    target,
                    percent(enrolled, target),
                    totals.get("completed", 0),
                    totals.get("certified", 0),
                    totals.get("channelled", 0),
                ],
                link=(child.level, child.code),
            )
        )
    rows.sort(key=lambda row: (-(row.cells[4] or 0), str(row.cells[0])))  # type: ignore[operator]
    return Table(
        name="ranking",
        title=_("%(level)s ranked by progress to target") % {"level": SummaryLevel(level).label},
        columns=[
            Column("area", str(SummaryLevel(level).label), "text"),
            Column("registered", _("Registered")),
            Column("enrolled", _("Enrolled")),
            Column("target", _("Target")),
            Column("of_target", _("Share of target (%)"), "percent"),
            Column("completed", _("Completed")),
            Column("certified", _("Certified")),
            Column("channelled", _("Channelled")),
        ],
        rows=rows,
        chart=Chart("ranking", value_columns=(4,)),
    )


def _group_labels(dimension: str, groups: dict[str, Any]) -> dict[str, str]:
    if dimension == "programme":
        names = programme_names_by_id()
        return {key: names.get(int(key), _("Unknown")) if key else _("Unknown") for key in groups}
    if dimension == "sex":
        return {key: str(dict(Sex.choices).get(key, key)) for key in groups}
    if dimension == "priority":
        return {key: str(PRIORITY_GROUPS.get(key, key)) for key in groups}
    return {key: key for key in groups}


def _breakdown_table(funnel: dict[str, Any], dimension: str) -> Table:
    groups = funnel.get(dimension, {})
    labels = _group_labels(dimension, groups)
    rows = [
        Row([labels[key], *(groups[key].get(stage, 0) for stage in STAGES)])
        for key in sorted(groups, key=lambda key: labels[key])
    ]
    return Table(
        name=f"by_{dimension}",
        title=_("Stages by %(dimension)s") % {"dimension": str(DIMENSIONS[dimension]).lower()},
        columns=[
            Column(dimension, str(DIMENSIONS[dimension]), "text"),
            *(Column(stage, str(label)) for stage, label in STAGES.items()),
        ],
        rows=rows,
        chart=Chart("bars", value_columns=(5,)),
    )


def _class_stages_table(funnel: dict[str, Any]) -> Table:
    totals = funnel.get("total", {})
    enrolled = totals.get("enrolled", 0)
    return Table(
        name="class_stages",
        title=_("The class's participants"),
        columns=[
            Column("stage", _("Stage"), "text"),
            Column("people", _("People")),
            Column("of_enrolled", _("Share of enrolled (%)"), "percent"),
        ],
        rows=[
            Row([str(STAGES[stage]), totals.get(stage, 0), percent(totals.get(stage, 0), enrolled)])
            for stage in CLASS_STAGES
        ],
        chart=Chart("funnel"),
    )
