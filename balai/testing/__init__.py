"""What tests share, in one place: factories and helpers that make data through the services.

Test modules import from here, never from one another or from a conftest (a test module is
not a library, and importing one runs its tests' setup twice). Production code never imports
this package; a test in balai/core/tests/test_test_imports.py holds both rules.
"""
