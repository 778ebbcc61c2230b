"""No view or API handler opens a transaction of its own: the service it calls is the
request's one outer transaction (and the API's writes are wrapped once, in balai.api)."""

from __future__ import annotations

import ast
from pathlib import Path

import balai

ROOT = Path(balai.__file__).parent


def transactions_opened(path: Path) -> list[int]:
    """The lines of `path` that name django.db.transaction (atomic, a savepoint, a lock)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node.lineno
        for node in ast.walk(tree)
        if (isinstance(node, ast.Attribute) and node.attr == "atomic")
        or (
            isinstance(node, ast.ImportFrom)
            and node.module == "django.db"
            and any(alias.name == "transaction" for alias in node.names)
        )
    ]


def test_no_view_or_api_handler_opens_a_transaction() -> None:
    entry_points = [*ROOT.glob("*/views.py"), *ROOT.glob("*/api.py")]
    assert len(entry_points) > 10  # the walk found the apps
    opened = {
        str(path.relative_to(ROOT)): lines
        for path in entry_points
        if (lines := transactions_opened(path))
    }
    assert opened == {}
