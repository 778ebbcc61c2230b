"""Placement under /api/v1/placement/: one router per part of the journey."""

from __future__ import annotations

from ninja import Router

from balai.placement.api import (
    applications,
    employers,
    indicators,
    interviews,
    matching,
    placements,
    tracer,
    vacancies,
)

router = Router()
router.add_router("/employers/", employers.router)
router.add_router("/vacancies/", vacancies.router)
router.add_router("/applications/", applications.router)
router.add_router("/interviews/", interviews.router)
router.add_router("/matching/", matching.router)
router.add_router("/placements/", placements.router)
router.add_router("/surveys/", tracer.router)
router.add_router("/indicators/", indicators.router)
