"""Past audit entries lose what let a NIK be rebuilt (old masks' first digits, birth dates),
and keep who did what, when and from where."""

from __future__ import annotations

from typing import Any

BEFORE = ("core", "0002_job_stop_requested")
REDACTED = ("core", "0003_audit_entry_masks_redacted")


def test_past_audit_entries_keep_only_what_the_log_keeps_now(migrator: Any) -> None:
    old = migrator.apply_initial_migration(BEFORE)
    entry_model = old.apps.get_model("core", "AuditEntry")
    person = entry_model.objects.create(
        actor_label="operator",
        ip_address="10.1.2.3",
        channel="web",
        action="update",
        target_type="registry.person",
        target_id="7",
        target_label="Siti Aminah (3671**********01)",
        changes={
            "nik_masked": {"old": "3671**********01", "new": "3672**********02"},
            "birth_date": {"old": "1990-05-17", "new": "1990-05-18"},
            "sex": {"old": "L", "new": "P"},
        },
    )
    batch_entry = entry_model.objects.create(
        actor_label="admin",
        channel="web",
        action="create",
        target_type="intake.batch",
        target_id="1",
        target_label="Gelombang 1",
        changes={"seats": {"old": "", "new": "20"}},
    )
    new = migrator.apply_tested_migration(REDACTED).apps.get_model("core", "AuditEntry")
    redacted = new.objects.get(pk=person.pk)
    assert redacted.target_label == "Siti Aminah (**************01)"
    assert redacted.changes == {
        "nik_masked": {"old": "**************01", "new": "**************02"},
        "birth_date": {"old": "[tersembunyi]", "new": "[tersembunyi]"},
        "sex": {"old": "L", "new": "P"},
    }
    assert (redacted.actor_label, redacted.ip_address, redacted.action, redacted.at) == (
        "operator",
        "10.1.2.3",
        "update",
        person.at,
    )
    untouched = new.objects.get(pk=batch_entry.pk)
    assert (untouched.target_label, untouched.changes) == (
        batch_entry.target_label,
        batch_entry.changes,
    )
    # Going back changes nothing: the removed digits and dates are gone on purpose.
    migrator.apply_tested_migration(BEFORE)
    assert new.objects.get(pk=person.pk).target_label == "Siti Aminah (**************01)"
