"""Tests share helpers through balai.testing only, and production code never reaches into tests.

A test module imported as a library drags its fixtures and parametrised cases into another
app's tests, and ties two apps' tests together where only their services should meet.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SOURCE_FOLDERS = ("balai", "config", "e2e", "bench")
# Installed by the test settings as a Django app (a kind of owner core never heard of), so
# its modules are imported as an app's are, not as test helpers.
TEST_APPS = ("balai.core.tests.hiring",)


def python_files() -> Iterator[Path]:
    for folder in SOURCE_FOLDERS:
        yield from (ROOT / folder).rglob("*.py")


def imported_modules(path: Path) -> Iterator[str]:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.module


def is_test_module(module: str) -> bool:
    if module.startswith(TEST_APPS):
        return False
    parts = module.split(".")
    return "tests" in parts or parts[-1] == "conftest"


def is_test_code(path: Path) -> bool:
    relative = path.relative_to(ROOT)
    return (
        relative.parts[0] in {"e2e", "bench"}
        or "tests" in relative.parts
        or relative.parts[:2] == ("balai", "testing")
        or path.name in {"conftest.py", "settings_for_tests.py", "urls_for_tests.py"}
    )


def test_no_module_imports_a_test_module_or_a_conftest() -> None:
    offences = [
        f"{path.relative_to(ROOT)} imports {module}"
        for path in python_files()
        for module in imported_modules(path)
        if is_test_module(module)
    ]
    assert offences == [], "\n".join(offences)


def test_production_code_never_imports_the_test_helpers() -> None:
    offences = [
        f"{path.relative_to(ROOT)} imports {module}"
        for path in python_files()
        if not is_test_code(path)
        for module in imported_modules(path)
        if module == "balai.testing" or module.startswith("balai.testing.")
    ]
    assert offences == [], "\n".join(offences)


def test_the_rules_recognise_what_they_forbid() -> None:
    # The walk above finds no offence on a clean tree; make sure that is not because it
    # recognises none.
    assert is_test_module("balai.intake.tests.test_submit")
    assert is_test_module("balai.conftest")
    assert is_test_module("e2e.conftest")
    assert not is_test_module("balai.core.tests.hiring.models")
    assert not is_test_module("balai.testing.registration")
    assert is_test_code(ROOT / "balai" / "testing" / "batches.py")
    assert not is_test_code(ROOT / "balai" / "intake" / "services.py")
    assert sum(1 for _path in python_files()) > 300
