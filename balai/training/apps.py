from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "balai.training"
    label = "training"
    verbose_name = _("Training")

    def ready(self) -> None:
        from balai.core.scoping import AreaScope, register_area_scope
        from balai.training import jobs  # noqa: F401  # registers the certificate batch job
        from balai.training.models import (
            Assessment,
            Attendance,
            Certificate,
            FeedbackResponse,
            SkillTest,
        )

        # A participant's records belong to the kelurahan they live in, like their seat.
        for model in (Attendance, Assessment, SkillTest, Certificate, FeedbackResponse):
            register_area_scope(
                model,
                AreaScope(
                    kelurahan_path="seat__application__person__domicile_kelurahan",
                    owners={"user": "seat__application__person__user"},
                ),
            )
