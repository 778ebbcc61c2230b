"""The audit log's one writer: changes to personal or financial data, with values masked.

Services call `audit_record` in the same transaction as the change, so a change and its
audit entry are saved together or not at all. An update goes through `model_update` (set the
fields, save only them, record what changed) and a creation is recorded by
`audit_record_created`, so no service writes its own "snapshot, set, save, audit" sequence.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping
from typing import Any, NamedTuple, TypeVar

from django.db import models, transaction

from balai.core.models import AuditAction, AuditEntry
from balai.core.request_context import current_request_context

HIDDEN = "[tersembunyi]"

ModelT = TypeVar("ModelT", bound=models.Model)


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
        if isinstance(value, models.Manager):  # a many-to-many field: the related, by name
            value = ", ".join(sorted(str(item) for item in value.all()))
        if isinstance(value, datetime.date):
            value = value.isoformat()  # of a datetime too: one "T", as machines read it
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
    reason: str = "",
) -> AuditEntry:
    """Record that the current actor did `action` to `target`, with masked `changes`."""
    entry = _new_entry(
        action=action, target=target, changes=changes, target_label=target_label, reason=reason
    )
    entry.save()
    return entry


def audit_record_many(
    *, action: AuditAction, targets: Iterable[tuple[models.Model, Mapping[str, Any]]]
) -> int:
    """Record one entry per (target, changes) pair in one insert; return how many."""
    entries = [
        _new_entry(action=action, target=target, changes=changes, target_label=None, reason="")
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
    reason: str,
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
        reason=reason,
    )


def audit_record_created(
    *, target: models.Model, policy: AuditPolicy, target_label: str | None = None
) -> AuditEntry:
    """Record that `target` was created, with every field `policy` audits as its new value."""
    return audit_record(
        action=AuditAction.CREATE,
        target=target,
        changes=audit_changes({}, policy.snapshot(target)),
        target_label=target_label,
    )


def model_update(
    *,
    instance: ModelT,
    fields: Mapping[str, Any],
    policy: AuditPolicy,
    validate: Callable[[ModelT], None] | None = None,
    target_label: str | None = None,
    reason: str = "",
) -> dict[str, Any]:
    """Set `fields` on `instance` (many-to-many ones too), save only those, and record what
    `policy` audits of the change, with `reason` if one was given; return the recorded
    changes (none changed: no entry).

    `validate` runs once the fields are set, before anything is saved. The values before are
    read from the row, locked until the transaction ends, not from `instance`: a copy loaded
    before somebody else's save would otherwise write their change back unrecorded.
    """
    with transaction.atomic():
        before = policy.snapshot(_row_locked(instance))
        return _updated(instance, fields, policy, before, validate, target_label, reason)


def _row_locked(instance: ModelT) -> ModelT:
    return type(instance)._base_manager.select_for_update().get(pk=instance.pk)


def _updated(
    instance: ModelT,
    fields: Mapping[str, Any],
    policy: AuditPolicy,
    before: dict[str, AuditedValue],
    validate: Callable[[ModelT], None] | None,
    target_label: str | None,
    reason: str,
) -> dict[str, Any]:
    related = {name: value for name, value in fields.items() if _is_many_to_many(instance, name)}
    columns = [name for name in fields if name not in related]
    for name in columns:
        setattr(instance, name, fields[name])
    if validate is not None:
        validate(instance)
    if columns:
        # A field stamped on every save (auto_now: updated_at, assessed_at) is saved only
        # when named.
        columns += [
            field.name
            for field in instance._meta.concrete_fields
            if getattr(field, "auto_now", False) and field.name not in columns
        ]
        instance.save(update_fields=columns)
    for name, values in related.items():
        getattr(instance, name).set(values)
    # After, as the row now is: a field `instance` holds stale but did not save is no change.
    after = policy.snapshot(type(instance)._base_manager.get(pk=instance.pk))
    changes = audit_changes(before, after)
    if changes:
        audit_record(
            action=AuditAction.UPDATE,
            target=instance,
            changes=changes,
            target_label=target_label,
            reason=reason,
        )
    return changes


def _is_many_to_many(instance: models.Model, name: str) -> bool:
    return bool(instance._meta.get_field(name).many_to_many)
