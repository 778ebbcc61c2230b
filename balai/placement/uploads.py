"""Files people upload (a company's logo, a placement's evidence): told by what they hold,
never by their name or the type the browser claims, and stored under a name the app makes
(the name given may carry personal data)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.files.uploadedfile import UploadedFile

from balai.core.errors import ApplicationError

if TYPE_CHECKING:  # the lazy-string type exists only in django-stubs
    from django.utils.functional import _StrPromise

# What the end of each kind of file holds: a file cut short in upload is refused too.
_TAIL_BYTES = 1024


@dataclass(frozen=True)
class FileKind:
    extension: str
    content_type: str


PDF = FileKind("pdf", "application/pdf")
JPEG = FileKind("jpg", "image/jpeg")
PNG = FileKind("png", "image/png")
WEBP = FileKind("webp", "image/webp")
FILE_KINDS = (PDF, JPEG, PNG, WEBP)


def file_kind(content: bytes) -> FileKind | None:
    """Return the kind of `content` if it is a whole PDF, JPEG, PNG or WebP file, else None."""
    tail = content[-_TAIL_BYTES:]
    if content.startswith(b"%PDF-") and b"%%EOF" in tail:
        return PDF
    if content.startswith(b"\xff\xd8\xff") and content.rstrip(b"\x00\r\n").endswith(b"\xff\xd9"):
        return JPEG
    if content.startswith(b"\x89PNG\r\n\x1a\n") and content[12:16] == b"IHDR" and b"IEND" in tail:
        return PNG
    if (
        content[:4] == b"RIFF"
        and content[8:12] == b"WEBP"
        and int.from_bytes(content[4:8], "little") + 8 <= len(content)
    ):
        return WEBP
    return None


def file_kind_of_name(name: str) -> FileKind | None:
    """Return the kind of a stored file by the extension the app gave it, or None."""
    extension = name.rsplit(".", 1)[-1]
    return next((kind for kind in FILE_KINDS if kind.extension == extension), None)


@dataclass(frozen=True)
class UploadRules:
    """What one field takes, and what it tells the person whose file it refuses: the codes
    are `<field>_too_big` and `<field>_wrong_kind`."""

    field: str
    kinds: Collection[FileKind]
    maximum_bytes: int
    too_big_message: _StrPromise
    wrong_kind_message: _StrPromise


def upload_checked(upload: UploadedFile[bytes], *, rules: UploadRules) -> tuple[FileKind, bytes]:
    """Return the kind and content of `upload`; refuse it if too big or not of `rules.kinds`."""
    if upload.size is not None and upload.size > rules.maximum_bytes:
        raise _refusal(rules, rules.too_big_message, "too_big")
    upload.seek(0)
    # One byte more than allowed tells a file larger than its declared size.
    content = upload.read(rules.maximum_bytes + 1)
    upload.seek(0)
    if len(content) > rules.maximum_bytes:
        raise _refusal(rules, rules.too_big_message, "too_big")
    kind = file_kind(content)
    if kind is None or kind not in rules.kinds:
        raise _refusal(rules, rules.wrong_kind_message, "wrong_kind")
    return kind, content


def _refusal(rules: UploadRules, message: _StrPromise, reason: str) -> ApplicationError:
    return ApplicationError(
        str(message), code=f"{rules.field}_{reason}", details={"field": rules.field}
    )
