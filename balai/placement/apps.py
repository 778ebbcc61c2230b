from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacementConfig(AppConfig):
    name = "balai.placement"
    label = "placement"
    verbose_name = _("Placement")

    def ready(self) -> None:
        # The interview reminders' and the tracer surveys' jobs register as they are defined.
        from balai.placement import interview_messages, tracer  # noqa: F401

        _register_scoping()
        _register_person_history()
        _register_notifications()
        _register_secret_paths()


def _register_scoping() -> None:
    from balai.accounts.models import Role
    from balai.core.scoping import OwnerKind, register_owner_kind
    from balai.placement.companies import companies_acted_for
    from balai.placement.scopes import register_placement_scopes

    # An employer acts for the verified company they belong to: its vacancies' applicants,
    # interviews and hires are theirs to see.
    register_owner_kind(
        OwnerKind(name="company", roles=frozenset({Role.EMPLOYER}), acts_for=companies_acted_for)
    )
    register_placement_scopes()


def _register_person_history() -> None:
    from balai.placement.placement_history import PLACEMENT_HISTORY, PLACEMENT_PERSONAL_DATA
    from balai.registry.data_subject import register_personal_data_section
    from balai.registry.history import person_history_provide

    # A graduate's placements: on the front desk's person page and in their own data.
    person_history_provide(PLACEMENT_HISTORY)
    register_personal_data_section(PLACEMENT_PERSONAL_DATA)


def _register_notifications() -> None:
    from balai.notifications.catalogue import register_message_kind
    from balai.notifications.recipients import register_recipient_list
    from balai.placement import interview_messages, tracer
    from balai.placement.company_verification import COMPANY_MESSAGES, COMPANY_RECIPIENT_LIST
    from balai.placement.vacancies import VACANCY_PUBLISHED_MESSAGE, VACANCY_REJECTED_MESSAGE

    # A company's people hear of the admin's decisions on it and on its vacancies, and of
    # their interviews; graduates hear of their interviews and their tracer surveys.
    register_recipient_list(COMPANY_RECIPIENT_LIST)
    for kind in (
        *COMPANY_MESSAGES,
        VACANCY_PUBLISHED_MESSAGE,
        VACANCY_REJECTED_MESSAGE,
        *interview_messages.MESSAGE_KINDS,
        tracer.INVITATION_MESSAGE,
        tracer.REMINDER_MESSAGE,
    ):
        register_message_kind(kind)


def _register_secret_paths() -> None:
    from balai.core.logging import register_secret_path

    # The survey link's token is the graduate's key: never in a log line (the page's
    # address, and the API's answer endpoint).
    register_secret_path("/survey/")
    register_secret_path("/api/v1/placement/surveys/")
