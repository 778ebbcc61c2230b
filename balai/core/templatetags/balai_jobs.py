"""Jobs as people read them: the kind's name and result keys in the reader's language."""

from __future__ import annotations

from typing import Any

from django import template

from balai.core.jobs import job_result_rows, job_title
from balai.core.models import Job

register = template.Library()


@register.filter(name="job_title")
def job_title_filter(job: Job) -> str:
    return job_title(job)


@register.filter(name="job_result_rows")
def job_result_rows_filter(job: Job) -> list[tuple[str, Any]]:
    return job_result_rows(job)
