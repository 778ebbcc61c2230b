"""Pages of enterprise's repayments."""

from __future__ import annotations
