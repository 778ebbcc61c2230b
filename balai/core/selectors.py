from __future__ import annotations

from django.db.models import Model, QuerySet

from balai.accounts.models import Role, User
from balai.core.errors import NotFoundError
from balai.core.models import AuditEntry, Job, JobStatus


def job_list(*, limit: int = 20) -> QuerySet[Job]:
    """Return the most recent jobs, newest first."""
    return Job.objects.select_related("created_by").order_by("-created_at")[:limit]


def jobs_to_follow(*, kinds: list[str], batch_id: int) -> list[Job]:
    """The jobs of `kinds` for a batch that a page should show: those still queued or
    running, and the latest one if it failed, so that its reason stays in view."""
    jobs = Job.objects.filter(kind__in=kinds, parameters__batch_id=batch_id)
    following = list(jobs.filter(status__in=[JobStatus.QUEUED, JobStatus.RUNNING]))
    latest = jobs.order_by("-created_at").first()
    if latest is not None and latest.status == JobStatus.FAILED:
        following.append(latest)
    return following


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


def audit_entries_of(*, target: Model, limit: int = 50) -> list[AuditEntry]:
    """Return the most recent audit entries about `target` (one person, one record), newest
    first: a caller shows them only to somebody allowed to see `target` itself."""
    entries = AuditEntry.objects.filter(
        target_type=target._meta.label_lower, target_id=str(target.pk)
    )
    return list(entries.order_by("-at", "-id")[:limit])
