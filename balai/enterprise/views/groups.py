"""Pages of enterprise's groups."""

from __future__ import annotations
