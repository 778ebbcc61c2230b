from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "balai.reporting"
    label = "reporting"
    verbose_name = _("Reporting")

    def ready(self) -> None:
        # The summaries' sections and the refresh job register as their modules load.
        from balai.reporting import parts, refresh  # noqa: F401
