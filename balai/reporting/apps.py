from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "balai.reporting"
    label = "reporting"
    verbose_name = _("Reporting")

    def ready(self) -> None:
        # Sections, tables and the jobs (refresh, monthly report) register as their modules load.
        from balai.reporting import monthly, parts, refresh  # noqa: F401
