from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from balai.api.auth import SIGNED_IN_AUTH
from balai.api.schemas import ErrorOut
from balai.core.access import SIGNED_IN, register_route_access, request_user
from balai.core.jobs import job_title
from balai.core.models import Job
from balai.core.selectors import job_get_for

router = Router(tags=["jobs"], auth=SIGNED_IN_AUTH)


class JobOut(Schema):
    id: uuid.UUID
    kind: str
    # What the kind of job is called, in the request's language; `label` names its subject.
    title: str
    label: str
    status: str
    progress: int
    message: str
    result: Any | None
    error: str
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None

    @staticmethod
    def resolve_title(job: Job) -> str:
        return job_title(job)


@router.get(
    "/{uuid:job_id}", response={200: JobOut, 401: ErrorOut, 404: ErrorOut}, url_name="job_detail"
)
def job_detail(request: HttpRequest, job_id: uuid.UUID) -> Job:
    """A job's status and progress: an admin's any job, anybody else's their own."""
    return job_get_for(job_id=str(job_id), user=request_user(request))


register_route_access("api-v1", {"job_detail": SIGNED_IN})
