"""Routes of enterprise's loans, with their access declared beside them."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
