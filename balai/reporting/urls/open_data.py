from __future__ import annotations

from django.urls import URLPattern

from balai.core.access import Policy

urlpatterns: list[URLPattern] = []
POLICIES: dict[str, Policy] = {}
