"""Evidence of a placement (a letter of appointment, a business permit, a photo of it): a PDF,
JPEG or PNG of at most 2 MB, stored under a random name."""

from __future__ import annotations

import uuid

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy

from balai.placement.uploads import JPEG, PDF, PNG, UploadRules, upload_checked

EVIDENCE_MAXIMUM_BYTES = 2 * 1024 * 1024
EVIDENCE_RULES = UploadRules(
    field="evidence",
    kinds=(PDF, JPEG, PNG),
    maximum_bytes=EVIDENCE_MAXIMUM_BYTES,
    too_big_message=gettext_lazy("The evidence file may be at most 2 MB."),
    wrong_kind_message=gettext_lazy("The evidence must be a PDF, JPEG or PNG file."),
)


def evidence_checked(upload: UploadedFile[bytes]) -> tuple[str, bytes]:
    """Return the name to store `upload` under and its content; refuse anything else than a
    PDF, JPEG or PNG of at most 2 MB."""
    kind, content = upload_checked(upload, rules=EVIDENCE_RULES)
    return f"{uuid.uuid4().hex}.{kind.extension}", content
