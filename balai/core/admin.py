"""Django's admin shows Balai's records read-only.

Every write goes through a service, which validates and audits it; an admin form that saved
models directly would bypass both, so nothing here adds, changes or deletes.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from balai.core.models import AuditEntry, Job


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # shared by many models
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor_label", "ip_address", "action", "target_type", "target_label"]
    list_filter = ["action", "target_type", "channel"]
    search_fields = ["actor_label", "target_label", "target_id"]


@admin.register(Job)
class JobAdmin(ReadOnlyAdmin):
    list_display = ["label", "kind", "status", "progress", "created_at", "finished_at"]
    list_filter = ["kind", "status"]
