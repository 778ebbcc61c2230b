"""Pages of enterprise's payouts."""

from __future__ import annotations
