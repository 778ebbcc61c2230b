"""Pages of enterprise's grants."""

from __future__ import annotations
