"""Routes of enterprise's groups, with their access declared beside them."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
