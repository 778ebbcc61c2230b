"""Audit entries as staff read them: the model and field names and the channels in the
reader's language (their verbose names), choice values by their labels."""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db.models import BooleanField, Field, Model
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from balai.core.models import AuditEntry

# Where a change came from when nobody signed in made it (see core.request_context).
CHANNELS = {
    "web": _("web"),
    "api": _("API"),
    "command": _("command line"),
    "job": _("background job"),
    "system": _("system"),
}


@dataclass(frozen=True)
class AuditChange:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class AuditRow:
    entry: AuditEntry
    actor: str
    source: str
    target_type: str
    changes: list[AuditChange]


def audit_rows(entries: list[AuditEntry]) -> list[AuditRow]:
    """Return `entries` with their names and values put in words."""
    return [_row(entry) for entry in entries]


def _row(entry: AuditEntry) -> AuditRow:
    model = _model_of(entry.target_type)
    actor = entry.actor_label if entry.actor_id else _channel_name(entry.actor_label)
    return AuditRow(
        entry=entry,
        actor=actor,
        source=entry.ip_address or _channel_name(entry.channel),
        target_type=capfirst(str(model._meta.verbose_name)) if model else entry.target_type,
        changes=[
            _change(model, name, change.get("old", ""), change.get("new", ""))
            for name, change in entry.changes.items()
        ],
    )


def _change(model: type[Model] | None, name: str, old: str, new: str) -> AuditChange:
    field = _field_of(model, name)
    if field is None:
        return AuditChange(field=name, old=old, new=new)
    choices = {str(value): str(label) for value, label in field.flatchoices}
    if isinstance(field, BooleanField):  # stored as Python writes it: "True", "False"
        choices = {"True": str(_("Yes")), "False": str(_("No"))}
    return AuditChange(
        field=capfirst(str(field.verbose_name)),
        old=choices.get(old, old),
        new=choices.get(new, new),
    )


def _channel_name(channel: str) -> str:
    return str(CHANNELS.get(channel, channel))


def _model_of(label: str) -> type[Model] | None:
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None  # a model since removed: its entries stay, under their stored name


def _field_of(model: type[Model] | None, name: str) -> Field[object, object] | None:
    if model is None:
        return None
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return field if isinstance(field, Field) else None
