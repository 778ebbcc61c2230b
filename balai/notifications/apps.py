from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "balai.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from balai.core.scoping import AreaScope, register_area_scope
        from balai.notifications import sending  # noqa: F401  # registers the sending job
        from balai.notifications.models import Notification
        from balai.notifications.personal_data import SECTION
        from balai.registry.data_subject import register_personal_data_section

        register_personal_data_section(SECTION)  # the resident's own data download
        register_area_scope(
            Notification,
            AreaScope(kelurahan_path="person__domicile_kelurahan", owners={"user": "person__user"}),
        )
