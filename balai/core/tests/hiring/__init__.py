"""A test-only app that declares a kind of owner core has never heard of.

Installed by `config/settings_for_tests.py` only, it stands in for placement, which is not
built yet: employers own their company's vacancies and the applicants to them. It declares
its kind of owner, its scopes and its routes' policies the way a real app would, in its own
files, so that the tests prove a new kind joins scoping and the route walk without a change
to core. It declares recipient lists (a business group's members, a company's contacts) and a
kind of message the same way, for the outbox's tests.
"""
