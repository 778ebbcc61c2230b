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
        from balai.core.tests.hiring.models import (
            Applicant,
            Vacancy,
            companies_of,
            company_contacts,
            group_members,
        )
        from balai.notifications.catalogue import MessageKind, register_message_kind
        from balai.notifications.recipients import RecipientListKind, register_recipient_list

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
        # The lists and the message a hiring or enterprise app would declare, in its own files.
        register_recipient_list(RecipientListKind(name="test_group", members=group_members))
        register_recipient_list(
            RecipientListKind(name="test_company_contacts", members=company_contacts)
        )
        register_message_kind(
            MessageKind(
                name="test_vacancy_opened",
                subject="New vacancy: %(title)s",
                body="%(company)s is hiring. Apply under Vacancies.",
            )
        )
