"""Placement's interviews over the API: the same services and selectors as the pages."""

from __future__ import annotations

from ninja import Router

from balai.api.auth import SIGNED_IN_AUTH

router = Router(tags=["placement"], auth=SIGNED_IN_AUTH)
