from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnterpriseConfig(AppConfig):
    name = "balai.enterprise"
    label = "enterprise"
    verbose_name = _("Enterprise")

    def ready(self) -> None:
        _register_scoping()
        _register_person_history()


def _register_scoping() -> None:
    from balai.accounts.models import Role
    from balai.core.scoping import OwnerKind, register_owner_kind
    from balai.enterprise.membership import groups_acted_for
    from balai.enterprise.scopes import register_enterprise_scopes

    # A participant acts for the business group they belong to now.
    register_owner_kind(
        OwnerKind(name="group", roles=frozenset({Role.PARTICIPANT}), acts_for=groups_acted_for)
    )
    register_enterprise_scopes()


def _register_person_history() -> None:
    from balai.enterprise.person_history import ENTERPRISE_HISTORY, ENTERPRISE_PERSONAL_DATA
    from balai.registry.data_subject import register_personal_data_section
    from balai.registry.history import person_history_provide

    # A resident's groups, grants and loans: on the front desk's person page and in their
    # own data.
    person_history_provide(ENTERPRISE_HISTORY)
    register_personal_data_section(ENTERPRISE_PERSONAL_DATA)
