"""The tracer survey's waves as an admin configures them: added, stopped, or retimed.

A wave with invitations is never deleted (their answers refer to it); it is made inactive,
and no new invitation goes out for it. Changed timings apply to invitations sent from then on.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from balai.core.audit import AuditPolicy, audit_record_created, model_update
from balai.core.errors import ApplicationError
from balai.placement.models import SurveyWave

WAVE_AUDIT_POLICY = AuditPolicy(
    fields=["months_after_exit", "is_active", "link_valid_days", "reminder_after_days"]
)
# Five years: past that, a graduate's answers say little about the training.
LATEST_WAVE_MONTHS = 60


def _timing_check(*, link_valid_days: int, reminder_after_days: int) -> None:
    if not 1 <= link_valid_days <= 365:
        raise ApplicationError(
            _("A link is valid for 1 to 365 days."),
            code="wave_invalid",
            details={"field": "link_valid_days"},
        )
    if not 1 <= reminder_after_days < link_valid_days:
        raise ApplicationError(
            _(
                "The reminder must come at least a day after the invitation and before the "
                "link expires."
            ),
            code="wave_invalid",
            details={"field": "reminder_after_days"},
        )


@transaction.atomic
def survey_wave_create(
    *, months_after_exit: int, link_valid_days: int, reminder_after_days: int
) -> SurveyWave:
    """Add an active wave `months_after_exit` months after exit (audited)."""
    if not 0 <= months_after_exit <= LATEST_WAVE_MONTHS:
        raise ApplicationError(
            _("A wave falls 0 to %(months)s months after the training.")
            % {"months": LATEST_WAVE_MONTHS},
            code="wave_invalid",
            details={"field": "months_after_exit"},
        )
    _timing_check(link_valid_days=link_valid_days, reminder_after_days=reminder_after_days)
    if SurveyWave.objects.select_for_update().filter(months_after_exit=months_after_exit).exists():
        raise ApplicationError(
            _("There is already a wave %(months)s months after the training.")
            % {"months": months_after_exit},
            code="wave_exists",
            details={"field": "months_after_exit"},
        )
    wave = SurveyWave.objects.create(
        months_after_exit=months_after_exit,
        link_valid_days=link_valid_days,
        reminder_after_days=reminder_after_days,
    )
    audit_record_created(target=wave, policy=WAVE_AUDIT_POLICY)
    return wave


@transaction.atomic
def survey_wave_update(
    *, wave: SurveyWave, is_active: bool, link_valid_days: int, reminder_after_days: int
) -> SurveyWave:
    """Start or stop `wave`, or change how long its links last and when it reminds."""
    _timing_check(link_valid_days=link_valid_days, reminder_after_days=reminder_after_days)
    model_update(
        instance=wave,
        fields={
            "is_active": is_active,
            "link_valid_days": link_valid_days,
            "reminder_after_days": reminder_after_days,
        },
        policy=WAVE_AUDIT_POLICY,
    )
    return wave
