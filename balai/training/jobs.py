"""Background work of training: issuing a whole batch's certificates."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from balai.accounts.models import User
from balai.core.errors import ApplicationError
from balai.core.jobs import ProgressReporter, job_kind, job_start
from balai.core.models import Job
from balai.intake.models import Batch
from balai.scheduling.models import ClassStatus, TrainingClass
from balai.training.certificates.services import certificate_issue
from balai.training.models import Certificate
from balai.training.selectors import class_roster

ISSUE_JOB = "certificates_issue"


@job_kind(
    ISSUE_JOB,
    title=gettext_lazy("Certificate issue"),
    results={
        "issued": gettext_lazy("certificates issued"),
        "not_complete": gettext_lazy("participants not complete yet"),
    },
)
def certificates_issue_job(progress: ProgressReporter, *, batch_id: int) -> dict[str, Any]:
    """Issue a certificate to every participant of the batch who has completed and has none."""
    classes = list(
        TrainingClass.objects.filter(batch_id=batch_id, status=ClassStatus.SCHEDULED)
        .select_related("programme", "offering__kelurahan")
        .order_by("pk")
    )
    issued = not_complete = 0
    for index, training_class in enumerate(classes):
        have = set(
            Certificate.objects.filter(training_class=training_class).values_list(
                "enrolment_id", flat=True
            )
        )
        for enrolment in class_roster(training_class=training_class):
            if enrolment.pk in have:
                continue
            try:
                certificate_issue(enrolment=enrolment)
            except ApplicationError:  # not completed (yet): nothing to issue
                not_complete += 1
            else:
                issued += 1
        progress(
            index + 1,
            len(classes),
            _("%(issued)s certificates issued so far") % {"issued": issued},
        )
    return {"issued": issued, "not_complete": not_complete}


def certificates_issue_start(*, batch: Batch, created_by: User | None) -> Job:
    return job_start(
        kind=ISSUE_JOB,
        label=batch.name,
        parameters={"batch_id": batch.pk},
        created_by=created_by,
    )
