"""Uploaded spreadsheets of registrations, checked before they are saved."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from balai.intake.models.batches import Batch


class ImportStatus(models.TextChoices):
    CHECKING = "checking", _("Being checked")
    COLUMNS = "columns", _("Waiting for its columns to be chosen")
    CHECKED = "checked", _("Checked, waiting for confirmation")
    SAVED = "saved", _("Saved")
    REFUSED = "refused", _("Refused")


class ImportUpload(models.Model):
    """A spreadsheet of registrations, kept encrypted for its check; the check keeps its valid
    rows for the saving and its rejected rows for their download, encrypted too: they hold
    NIKs, so they never touch the disk in the clear."""

    id = models.UUIDField(primary_key=True, editable=False)
    batch = models.ForeignKey(
        Batch, verbose_name=_("batch"), on_delete=models.CASCADE, related_name="+"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    file_name = models.CharField(_("file name"), max_length=200)
    content_encrypted = models.BinaryField(_("file (encrypted)"))
    valid_rows_encrypted = models.BinaryField(_("valid rows (encrypted)"), default=b"")
    rejected_rows_encrypted = models.BinaryField(_("rejected rows (encrypted)"), default=b"")
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.CHECKING
    )
    report = models.JSONField(_("report"), default=dict)
    # Which column holds which field, as the uploader chose where no header said it:
    # {"header_row": index from 0, "fields": {field: column index}}; empty for headers read.
    columns = models.JSONField(_("columns chosen"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.file_name
