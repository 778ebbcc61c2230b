from __future__ import annotations

from django.db.models import QuerySet

from balai.accounts.models import Role, User
from balai.core.errors import NotFoundError
from balai.core.models import AuditEntry, Job


def job_list(*, limit: int = 20) -> QuerySet[Job]:
    """Return the most recent jobs, newest first."""
    return Job.objects.select_related("created_by").order_by("-created_at")[:limit]


def job_get_for(*, job_id: str, user: User) -> Job:
    """Return a job that `user` may follow: an admin any job, anybody else their own."""
    jobs = Job.objects.all()
    if user.role != Role.ADMIN:
        jobs = jobs.filter(created_by=user)
    job = jobs.filter(id=job_id).first()
    if job is None:
        raise NotFoundError("job")
    return job


def audit_entry_list(*, limit: int = 200) -> QuerySet[AuditEntry]:
    """Return the most recent audit entries, newest first."""
    return AuditEntry.objects.select_related("actor").order_by("-at", "-id")[:limit]
