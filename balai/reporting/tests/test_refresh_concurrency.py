"""Refreshes started at once (a job and `manage.py refresh_summaries`, or two jobs) on
PostgreSQL: they take turns, and every one succeeds."""

from __future__ import annotations

from collections import Counter

import pytest

from balai.catalogue.models import Programme
from balai.reporting.areas import area_tree
from balai.reporting.models import AreaSummary, SummaryRefresh
from balai.reporting.refresh import summaries_refresh
from balai.testing.concurrency import run_concurrently, skip_unless_postgresql
from balai.testing.reporting import make_reporting_city

REFRESHES = 6


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_refreshes_started_together_each_replace_the_summaries_whole(
    kota_tangerang: None, programmes: list[Programme]
) -> None:
    skip_unless_postgresql()
    make_reporting_city(programmes)

    def refresh(_number: int) -> str:
        summaries_refresh()
        return "refreshed"

    outcomes = Counter(run_concurrently(REFRESHES, refresh))

    assert outcomes == {"refreshed": REFRESHES}
    assert SummaryRefresh.objects.count() == 1 + REFRESHES
    assert AreaSummary.objects.count() == len(area_tree().nodes)
    assert AreaSummary.objects.values("computed_at").distinct().count() == 1
