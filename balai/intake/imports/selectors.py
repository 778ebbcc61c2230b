"""Reading imports: an uploader's own, and the job that last worked on one."""

from __future__ import annotations

from django.utils.translation import gettext as _

from balai.accounts.models import User
from balai.core.errors import NotFoundError
from balai.core.models import Job
from balai.intake.models import ImportUpload


def import_upload_get(*, upload_id: str, user: User) -> ImportUpload:
    """Return `user`'s own upload `upload_id`; nobody sees another's (they hold NIKs)."""
    upload = (
        ImportUpload.objects.select_related("batch").filter(id=upload_id, uploaded_by=user).first()
    )
    if upload is None:
        raise NotFoundError(_("Not found, or outside your area."))
    return upload


def import_job_latest(*, upload: ImportUpload) -> Job | None:
    """Return the job that last checked or saved `upload`."""
    return Job.objects.filter(parameters__upload_id=str(upload.id)).order_by("-created_at").first()
