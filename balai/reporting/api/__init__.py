"""Reporting under /api/v1/reporting/: the KPIs and each area's tables, scoped like the UI."""

from __future__ import annotations

from ninja import Router

from balai.reporting.api import kpis

router = Router()
router.add_router("/", kpis.router)
