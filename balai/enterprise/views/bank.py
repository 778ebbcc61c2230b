"""Pages of enterprise's bank."""

from __future__ import annotations
