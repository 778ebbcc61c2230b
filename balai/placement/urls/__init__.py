"""Placement's routes, one module per part of the journey; each registers its routes' access
in the "placement" namespace beside them."""

from __future__ import annotations

from balai.placement.urls import (
    applications,
    employers,
    fairs,
    indicators,
    interviews,
    matching,
    placements,
    recruitment,
    tracer,
    vacancies,
)

app_name = "placement"
urlpatterns = [
    *employers.urlpatterns,
    *vacancies.urlpatterns,
    *fairs.urlpatterns,
    *applications.urlpatterns,
    *interviews.urlpatterns,
    *matching.urlpatterns,
    *placements.urlpatterns,
    *recruitment.urlpatterns,
    *tracer.urlpatterns,
    *indicators.urlpatterns,
]
