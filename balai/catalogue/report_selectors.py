"""What reporting reads of the catalogue: the instructors and how much each may teach, for the
summaries (an instructor's name is staff data, shown on staff dashboards only)."""

from __future__ import annotations

from typing import NamedTuple

from balai.catalogue.models import Instructor


class InstructorFact(NamedTuple):
    instructor_id: int
    full_name: str
    max_sessions_per_week: int


def instructor_facts() -> list[InstructorFact]:
    """Every instructor, by name: the most half-day sessions a week they may teach."""
    instructors = Instructor.objects.order_by("full_name", "pk").values_list(
        "pk", "full_name", "max_sessions_per_week"
    )
    return [InstructorFact(*row) for row in instructors]
