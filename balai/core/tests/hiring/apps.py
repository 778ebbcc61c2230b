from __future__ import annotations

from django.apps import AppConfig


class HiringConfig(AppConfig):
    name = "balai.core.tests.hiring"
    label = "test_hiring"
    verbose_name = "Hiring (test-only)"

    def ready(self) -> None:
        from balai.accounts.models import Role
        from balai.core.scoping import (
            AreaScope,
            OwnerKind,
            register_area_scope,
            register_owner_kind,
        )
        from balai.core.tests.hiring.models import Applicant, Vacancy, companies_of

        # Placement will declare its own "company"; a distinct name keeps both in a test run.
        register_owner_kind(
            OwnerKind(name="test_company", roles=frozenset({Role.EMPLOYER}), acts_for=companies_of)
        )
        register_area_scope(
            Vacancy, AreaScope(kelurahan_path="kelurahan", owners={"test_company": "company"})
        )
        register_area_scope(
            Applicant,
            AreaScope(
                kelurahan_path="person__domicile_kelurahan",
                owners={"user": "person__user", "test_company": "vacancy__company"},
            ),
        )
