from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacementConfig(AppConfig):
    name = "balai.placement"
    label = "placement"
    verbose_name = _("Placement")

    def ready(self) -> None:
        from balai.accounts.models import Role
        from balai.core.scoping import OwnerKind, register_owner_kind
        from balai.notifications.catalogue import register_message_kind
        from balai.notifications.recipients import register_recipient_list
        from balai.placement import interview_messages  # registers the reminder job
        from balai.placement.companies import companies_acted_for
        from balai.placement.company_verification import COMPANY_MESSAGES, COMPANY_RECIPIENT_LIST
        from balai.placement.placement_history import PLACEMENT_HISTORY, PLACEMENT_PERSONAL_DATA
        from balai.placement.scopes import register_placement_scopes
        from balai.placement.vacancies import (
            VACANCY_PUBLISHED_MESSAGE,
            VACANCY_REJECTED_MESSAGE,
        )
        from balai.registry.data_subject import register_personal_data_section
        from balai.registry.history import person_history_provide

        # An employer acts for the verified company they belong to: its vacancies'
        # applicants, interviews and hires are theirs to see.
        register_owner_kind(
            OwnerKind(
                name="company", roles=frozenset({Role.EMPLOYER}), acts_for=companies_acted_for
            )
        )
        register_placement_scopes()
        # A graduate's placements: on the front desk's person page and in their own data.
        person_history_provide(PLACEMENT_HISTORY)
        register_personal_data_section(PLACEMENT_PERSONAL_DATA)
        # A company's people hear of the admin's decisions on it and on its vacancies, and
        # of their interviews.
        register_recipient_list(COMPANY_RECIPIENT_LIST)
        for kind in (
            *COMPANY_MESSAGES,
            VACANCY_PUBLISHED_MESSAGE,
            VACANCY_REJECTED_MESSAGE,
            *interview_messages.MESSAGE_KINDS,
        ):
            register_message_kind(kind)
        self._tracer_ready()

    def _tracer_ready(self) -> None:
        from balai.core.logging import register_secret_path
        from balai.notifications.catalogue import register_message_kind
        from balai.placement import tracer  # registers the tracer surveys' job

        register_message_kind(tracer.INVITATION_MESSAGE)
        register_message_kind(tracer.REMINDER_MESSAGE)
        # The survey link's token is the graduate's key: never in a log line (the page's
        # address, and the API's answer endpoint).
        register_secret_path("/survey/")
        register_secret_path("/api/v1/placement/surveys/")
