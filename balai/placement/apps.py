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
        from balai.placement import interview_messages  # registers the reminder job
        from balai.placement.companies import companies_acted_for
        from balai.placement.scopes import register_placement_scopes

        # An employer acts for the verified company they belong to: its vacancies'
        # applicants, interviews and hires are theirs to see.
        register_owner_kind(
            OwnerKind(
                name="company", roles=frozenset({Role.EMPLOYER}), acts_for=companies_acted_for
            )
        )
        register_placement_scopes()
        for kind in interview_messages.MESSAGE_KINDS:
            register_message_kind(kind)
