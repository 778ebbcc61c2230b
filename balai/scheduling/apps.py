from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SchedulingConfig(AppConfig):
    name = "balai.scheduling"
    label = "scheduling"
    verbose_name = _("Scheduling")

    def ready(self) -> None:
        from balai.scheduling import jobs  # noqa: F401  # registers the solve job
