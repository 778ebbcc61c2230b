"""Pages of enterprise's loans."""

from __future__ import annotations
