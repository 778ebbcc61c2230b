from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "balai.intake"
    label = "intake"
    verbose_name = _("Intake")

    def ready(self) -> None:
        from balai.core.scoping import AreaScope, register_area_scope
        from balai.intake.allocation import jobs, offers  # noqa: F401  # register their jobs
        from balai.intake.imports import services  # noqa: F401  # registers the import jobs
        from balai.intake.models import Application, Consent, Offer, WaitlistEntry
        from balai.intake.person_filters import APPLICATIONS_FILTER
        from balai.intake.person_history import APPLICATIONS, OFFERS
        from balai.intake.personal_data import SECTIONS
        from balai.notifications.catalogue import register_message_kind
        from balai.registry.data_subject import register_personal_data_section
        from balai.registry.history import person_history_provide
        from balai.registry.person_filters import person_filter_provide

        register_message_kind(offers.OFFER_MADE_MESSAGE)
        person_history_provide(APPLICATIONS)
        person_history_provide(OFFERS)
        person_filter_provide(APPLICATIONS_FILTER)
        register_message_kind(offers.WAITLISTED_MESSAGE)

        for section in SECTIONS:  # the resident's own data download
            register_personal_data_section(section)
        register_area_scope(
            Consent,
            AreaScope(kelurahan_path="person__domicile_kelurahan", owners={"user": "person__user"}),
        )
        register_area_scope(
            Application,
            AreaScope(kelurahan_path="person__domicile_kelurahan", owners={"user": "person__user"}),
        )
        for model in (Offer, WaitlistEntry):
            register_area_scope(
                model,
                AreaScope(
                    kelurahan_path="application__person__domicile_kelurahan",
                    owners={"user": "application__person__user"},
                ),
            )
