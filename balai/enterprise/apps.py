from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnterpriseConfig(AppConfig):
    name = "balai.enterprise"
    label = "enterprise"
    verbose_name = _("Enterprise")

    def ready(self) -> None:
        _register_scoping()


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
