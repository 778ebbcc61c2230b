"""Evidence of a placement (a letter of appointment, a business permit, a photo of it): a PDF,
JPEG or PNG of at most 2 MB, recognised by what it holds, not by its name or the type the
browser claims, and stored under a random name (the name given may carry personal data)."""

from __future__ import annotations

import uuid

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from balai.core.errors import ApplicationError

EVIDENCE_MAXIMUM_BYTES = 2 * 1024 * 1024
# What the end of each kind of file holds: a file cut short in upload is refused too.
_TAIL_BYTES = 1024


def evidence_kind(content: bytes) -> str | None:
    """Return the extension of `content` if it is a PDF, JPEG or PNG whole, else None."""
    tail = content[-_TAIL_BYTES:]
    if content.startswith(b"%PDF-") and b"%%EOF" in tail:
        return "pdf"
    if content.startswith(b"\xff\xd8\xff") and content.rstrip(b"\x00\r\n").endswith(b"\xff\xd9"):
        return "jpg"
    if content.startswith(b"\x89PNG\r\n\x1a\n") and content[12:16] == b"IHDR" and b"IEND" in tail:
        return "png"
    return None


def evidence_checked(upload: UploadedFile[bytes]) -> tuple[str, bytes]:
    """Return the name to store `upload` under and its content; refuse anything else than a
    PDF, JPEG or PNG of at most 2 MB."""
    if upload.size is not None and upload.size > EVIDENCE_MAXIMUM_BYTES:
        raise _too_big()
    content = upload.read(EVIDENCE_MAXIMUM_BYTES + 1)
    if len(content) > EVIDENCE_MAXIMUM_BYTES:
        raise _too_big()
    kind = evidence_kind(content)
    if kind is None:
        raise ApplicationError(
            _("The evidence must be a PDF, JPEG or PNG file."),
            code="evidence_type",
            details={"field": "evidence"},
        )
    return f"{uuid.uuid4().hex}.{kind}", content


def _too_big() -> ApplicationError:
    return ApplicationError(
        _("The evidence file may be at most 2 MB."),
        code="evidence_too_big",
        details={"field": "evidence"},
    )


EVIDENCE_CONTENT_TYPES = {"pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png"}
