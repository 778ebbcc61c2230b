"""The audit log's one writer: changes to personal or financial data, with values masked.

Services call `audit_record` in the same transaction as the change, so a change and its
audit entry are saved together or not at all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, NamedTuple

from django.db import models

from balai.core.models import AuditAction, AuditEntry
from balai.core.request_context import current_request_context

HIDDEN = "[tersembunyi]"


class AuditedValue(NamedTuple):
    """A field's value as the log may show it, and as it really is, to tell whether it changed.

    The real value is compared in memory and never stored, so a change that masking hides
    (a NIK corrected in its middle digits) is still recorded as a change.
    """

    real: str
    shown: str


class AuditPolicy:
    """Which fields of a model are audited, and how each value is shown in the log.

    Fields in `masked` are shown through their masking function; fields in `hidden` are
    recorded as changed with no value at all; fields not in `fields` are not audited.
    """

    def __init__(
        self,
        *,
        fields: Iterable[str],
        masked: Mapping[str, Callable[[str], str]] | None = None,
        hidden: Iterable[str] = (),
    ) -> None:
        self.fields = tuple(fields)
        self.masked = dict(masked or {})
        self.hidden = frozenset(hidden)

    def snapshot(self, instance: models.Model) -> dict[str, AuditedValue]:
        """Return the audited fields of `instance`, ready to compare with a later snapshot."""
        return {name: self._audited_value(name, getattr(instance, name)) for name in self.fields}

    def _audited_value(self, name: str, value: Any) -> AuditedValue:
        text = "" if value is None else str(value)
        if name in self.hidden:
            return AuditedValue(text, HIDDEN)
        if name in self.masked and text:
            return AuditedValue(text, self.masked[name](text))
        return AuditedValue(text, text)


NOTHING = AuditedValue(real="", shown="")


def audit_changes(
    before: Mapping[str, AuditedValue], after: Mapping[str, AuditedValue]
) -> dict[str, Any]:
    """Return {field: {"old": …, "new": …}} for the fields whose value changed."""
    changes: dict[str, Any] = {}
    for name in sorted(set(before) | set(after)):
        old, new = before.get(name, NOTHING), after.get(name, NOTHING)
        if old.real != new.real:
            changes[name] = {"old": old.shown, "new": new.shown}
    return changes


def audit_record(
    *,
    action: AuditAction,
    target: models.Model,
    changes: Mapping[str, Any],
    target_label: str | None = None,
) -> AuditEntry:
    """Record that the current actor did `action` to `target`, with masked `changes`."""
    entry = _new_entry(action=action, target=target, changes=changes, target_label=target_label)
    entry.save()
    return entry


def audit_record_many(
    *, action: AuditAction, targets: Iterable[tuple[models.Model, Mapping[str, Any]]]
) -> int:
    """Record one entry per (target, changes) pair in one insert; return how many."""
    entries = [
        _new_entry(action=action, target=target, changes=changes, target_label=None)
        for target, changes in targets
    ]
    AuditEntry.objects.bulk_create(entries, batch_size=1000)
    return len(entries)


def _new_entry(
    *,
    action: AuditAction,
    target: models.Model,
    changes: Mapping[str, Any],
    target_label: str | None,
) -> AuditEntry:
    context = current_request_context()
    actor = context.actor
    return AuditEntry(
        actor=actor if actor is not None and actor.pk else None,
        actor_label=actor.get_username() if actor is not None else context.channel,
        ip_address=context.ip_address,
        channel=context.channel,
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_label=(target_label or str(target))[:200],
        changes=dict(changes),
    )
