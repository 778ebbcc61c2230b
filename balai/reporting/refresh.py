"""Refreshing the pre-computed summaries: every section of every area at once, as a job.

Figures are recomputed as a whole and swapped in one transaction, so a reader sees either the
previous refresh or the new one, never a mix. Reading figures older than
`REPORTING_MAX_AGE_MINUTES` queues a refresh (one at a time, and none for as long after one
failed, so that readers do not run a failing refresh back to back), and the page shows the
figures it has with the time they were computed.
"""

from __future__ import annotations

import datetime
import time
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from balai.accounts.models import User
from balai.core.jobs import ProgressReporter, job_kind, job_start
from balai.core.models import Job, JobStatus
from balai.reporting.areas import AreaKey, AreaTree, area_tree
from balai.reporting.models import AreaSummary, SummaryRefresh
from balai.reporting.sections import summary_sections

REFRESH_JOB_KIND = "summaries_refresh"
# The key of the PostgreSQL advisory lock that makes swaps take turns (any constant will do,
# as long as nothing else in the database uses it).
SWAP_LOCK_KEY = 1_601_160_016


def _no_progress(done: int, total: int, message: str = "") -> None:
    return None


def summaries_refresh(
    *, today: datetime.date | None = None, progress: ProgressReporter = _no_progress
) -> SummaryRefresh:
    """Recompute every area's summary and replace the stored ones."""
    started_at = timezone.now()
    clock = time.perf_counter()
    tree = area_tree()
    figures = _section_figures(tree, today or timezone.localdate(), progress)
    computed_at = timezone.now()
    rows = _summary_rows(tree, figures, computed_at)
    people = figures[tree.root].get("funnel", {}).get("total", {}).get("registered", 0)
    with transaction.atomic():
        _swap_lock()
        AreaSummary.objects.all().delete()
        AreaSummary.objects.bulk_create(rows, batch_size=1000)
        refresh = SummaryRefresh.objects.create(
            started_at=started_at,
            finished_at=computed_at,
            seconds=round(time.perf_counter() - clock, 3),
            areas=len(rows),
            people=people,
        )
    progress(1, 1, "")
    return refresh


def _section_figures(
    tree: AreaTree, today: datetime.date, progress: ProgressReporter
) -> dict[AreaKey, dict[str, Any]]:
    """Every section's figures of every node of `tree`, by node and section name."""
    sections = summary_sections()
    figures: dict[AreaKey, dict[str, Any]] = {key: {} for key in tree.nodes}
    for done, (name, compute) in enumerate(sections.items()):
        progress(done, len(sections) + 1, str(name))
        for key, section_figures in compute(tree, today).items():
            if key in figures:
                figures[key][name] = section_figures
    progress(len(sections), len(sections) + 1, "saving")
    return figures


def _summary_rows(
    tree: AreaTree, figures: dict[AreaKey, dict[str, Any]], computed_at: datetime.datetime
) -> list[AreaSummary]:
    """One unsaved summary per node, carrying the areas above it for the page's trail."""
    return [
        AreaSummary(
            level=node.level,
            code=node.code,
            parent_code=node.parent[1] if node.parent else "",
            name=node.name,
            figures=figures[node.key],
            lineage=[
                [above.level, above.code, above.name]
                for above in reversed(tree.ancestors(node.key))
            ],
            computed_at=computed_at,
        )
        for node in tree.nodes.values()
    ]


def _swap_lock() -> None:
    """Wait for any other refresh's swap to commit before this one deletes and inserts.

    Without it, on PostgreSQL two refreshes at once (a job and `manage.py refresh_summaries`)
    each delete the rows they see, and the second one's inserts then collide with the
    first's on `area_summary_once`. SQLite serializes writers already.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [SWAP_LOCK_KEY])


@job_kind(
    REFRESH_JOB_KIND,
    title=_("Refresh the dashboards' figures"),
    results={"areas": _("areas and classes"), "people": _("people"), "seconds": _("seconds")},
)
def _summaries_refresh_job(progress: ProgressReporter) -> dict[str, Any]:
    refresh = summaries_refresh(progress=progress)
    return {"areas": refresh.areas, "people": refresh.people, "seconds": refresh.seconds}


def summaries_refresh_start(*, by: User | None) -> Job:
    """Queue a refresh, unless one is already queued or running (which is returned)."""
    waiting = refresh_job_waiting()
    if waiting is not None:
        return waiting
    return job_start(
        kind=REFRESH_JOB_KIND,
        label=str(_("Refresh the dashboards' figures")),
        parameters={},
        created_by=by,
    )


def stale_refresh_start(*, by: User | None) -> Job | None:
    """Queue a refresh because a reader found the figures stale: as `summaries_refresh_start`,
    but nothing when a refresh failed within `REPORTING_MAX_AGE_MINUTES` (an admin retries)."""
    since = timezone.now() - datetime.timedelta(minutes=settings.REPORTING_MAX_AGE_MINUTES)
    failed = Job.objects.filter(
        kind=REFRESH_JOB_KIND, status=JobStatus.FAILED, finished_at__gt=since
    ).exists()
    return None if failed else summaries_refresh_start(by=by)


def refresh_job_waiting() -> Job | None:
    """The refresh queued or running now, if any."""
    return (
        Job.objects.filter(kind=REFRESH_JOB_KIND, status__in=[JobStatus.QUEUED, JobStatus.RUNNING])
        .order_by("-created_at")
        .first()
    )


def latest_refresh() -> SummaryRefresh | None:
    """The last refresh that finished."""
    return SummaryRefresh.objects.filter(finished_at__isnull=False).first()


def is_stale(refresh: SummaryRefresh | None) -> bool:
    """Whether figures computed by `refresh` are older than readers should be shown."""
    if refresh is None or refresh.finished_at is None:
        return True
    age = timezone.now() - refresh.finished_at
    return age > datetime.timedelta(minutes=settings.REPORTING_MAX_AGE_MINUTES)
