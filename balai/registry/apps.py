from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "balai.registry"
    label = "registry"
    verbose_name = _("Person registry")

    def ready(self) -> None:
        from balai.core.scoping import AreaScope, register_area_scope
        from balai.notifications.catalogue import register_message_kind
        from balai.registry.claims import CLAIM_CODE_MESSAGE
        from balai.registry.corrections import (
            CORRECTION_APPROVED_MESSAGE,
            CORRECTION_REJECTED_MESSAGE,
        )
        from balai.registry.data_subject import CORRECTIONS_SECTION, register_personal_data_section
        from balai.registry.models import CorrectionRequest, DuplicateCandidate, Person

        register_message_kind(CLAIM_CODE_MESSAGE)
        register_message_kind(CORRECTION_APPROVED_MESSAGE)
        register_message_kind(CORRECTION_REJECTED_MESSAGE)
        register_personal_data_section(CORRECTIONS_SECTION)

        register_area_scope(
            Person, AreaScope(kelurahan_path="domicile_kelurahan", owners={"user": "user"})
        )
        register_area_scope(
            CorrectionRequest,
            AreaScope(kelurahan_path="person__domicile_kelurahan", owners={"user": "person__user"}),
        )
        register_area_scope(
            DuplicateCandidate,
            AreaScope(
                kelurahan_path="person__domicile_kelurahan",
                other_kelurahan_paths=("similar_to__domicile_kelurahan",),
            ),
        )
