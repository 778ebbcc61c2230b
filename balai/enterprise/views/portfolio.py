"""Pages of enterprise's portfolio."""

from __future__ import annotations
