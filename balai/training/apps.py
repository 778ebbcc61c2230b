from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "balai.training"
    label = "training"
    verbose_name = _("Training")

    def ready(self) -> None:
        from balai.core.events import event_subscribe
        from balai.core.scoping import AreaScope, register_area_scope
        from balai.intake.events import SeatAccepted, SeatDropped, SeatGivenUp
        from balai.registry.data_subject import register_personal_data_section
        from balai.registry.history import person_history_provide
        from balai.scheduling.participants import participant_classes_provide
        from balai.training import jobs  # noqa: F401  # registers the certificate batch job
        from balai.training.enrolments import enrolment_leave, enrolment_open
        from balai.training.models import (
            Assessment,
            Attendance,
            Certificate,
            Enrolment,
            FeedbackResponse,
            SkillTest,
        )
        from balai.training.person_history import CERTIFICATES, CLASSES
        from balai.training.personal_data import SECTIONS
        from balai.training.selectors import class_ids_of_user

        # Intake announces seats; training keeps its enrolments from them.
        event_subscribe(SeatAccepted, enrolment_open)
        event_subscribe(SeatGivenUp, enrolment_leave)
        event_subscribe(SeatDropped, enrolment_leave)
        participant_classes_provide(class_ids_of_user)
        person_history_provide(CLASSES)
        person_history_provide(CERTIFICATES)
        for section in SECTIONS:  # the resident's own data download
            register_personal_data_section(section)
        register_area_scope(
            Enrolment,
            AreaScope(kelurahan_path="person__domicile_kelurahan", owners={"user": "person__user"}),
        )
        # A participant's records belong to the kelurahan they live in, like their enrolment.
        for model in (Attendance, Assessment, SkillTest, Certificate, FeedbackResponse):
            register_area_scope(
                model,
                AreaScope(
                    kelurahan_path="enrolment__person__domicile_kelurahan",
                    owners={"user": "enrolment__person__user"},
                ),
            )
