"""Redact what past audit entries held of NIKs and birth dates, to what the log keeps now.

Entries written before NIKs were masked to their last four digits hold the old mask (first four
and last two digits) beside the person's birth date: enough to rebuild the NIK without the
audited reveal. The full NIK of a past value cannot be recovered (rightly), so an old mask
keeps only its last two digits, and a recorded birth date becomes "[tersembunyi]" as the log
now writes it. Who did what, when and from where is left exactly as it was.

Going backwards changes nothing: the removed digits and dates are gone on purpose.
Chunked like the registry's remasking, each chunk in its own transaction.
"""

import re

from django.db import migrations, transaction
from django.db.models import Q

CHUNK = 2000
HIDDEN = "[tersembunyi]"
OLD_MASK = re.compile(r"(?<![\d*])\d{4}\*{10}(\d{2})(?![\d*])")


def redacted_text(text):
    return OLD_MASK.sub(lambda match: "*" * 14 + match[1], text)


def redacted_changes(changes):
    if not isinstance(changes, dict):
        return changes
    redacted = {}
    for field, change in changes.items():
        if isinstance(change, dict):
            change = {
                side: (HIDDEN if field == "birth_date" and value else redacted_value(value))
                for side, value in change.items()
            }
        redacted[field] = change
    return redacted


def redacted_value(value):
    return redacted_text(value) if isinstance(value, str) else value


def forwards(apps, schema_editor) -> None:
    entry_model = apps.get_model("core", "AuditEntry")
    touched = (
        Q(target_label__contains="*" * 10)
        | Q(changes__has_key="nik_masked")
        | Q(changes__has_key="birth_date")
    )
    last_pk = 0
    while True:
        with transaction.atomic():
            entries = list(
                entry_model.objects.filter(touched, pk__gt=last_pk)
                .order_by("pk")
                .only("pk", "target_label", "changes")[:CHUNK]
            )
            if not entries:
                return
            for entry in entries:
                entry.target_label = redacted_text(entry.target_label)
                entry.changes = redacted_changes(entry.changes)
            entry_model.objects.bulk_update(entries, ["target_label", "changes"])
        last_pk = entries[-1].pk


class Migration(migrations.Migration):
    # Each chunk commits on its own; a run stopped half-way is simply run again.
    atomic = False

    dependencies = [
        ("core", "0002_job_stop_requested"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False)]
