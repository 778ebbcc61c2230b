"""Pages of enterprise's ledger."""

from __future__ import annotations
