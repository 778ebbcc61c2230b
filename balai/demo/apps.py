from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    name = "balai.demo"
    label = "demo"
    verbose_name = _("Demo data")

    def ready(self) -> None:
        # Registers the "seed_demo" job kind.
        from balai.demo import seed  # noqa: F401
