"""What each indicator counts, and the breakdowns a table may be grouped by."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from balai.training.models import (
    EnrolmentStatus,
)

EXIT_STATUSES = (EnrolmentStatus.COMPLETED, EnrolmentStatus.DROPPED)
PARTICIPANT_STATUSES = (*EXIT_STATUSES, EnrolmentStatus.ENROLLED)
PRIORITY = "priority"
NO_PRIORITY = "none"


class Breakdown(models.TextChoices):
    """The groupings a table may be broken down by."""

    BATCH = "batch", gettext_lazy("Batch")
    PROGRAMME = "programme", gettext_lazy("Programme")
    KELURAHAN = "kelurahan", gettext_lazy("Kelurahan of domicile")
    SEX = "sex", gettext_lazy("Sex")
    PRIORITY_GROUP = "priority", gettext_lazy("Priority group")


# The enrolment's field each breakdown groups by, and the field that names the group.
@dataclass(frozen=True)
class Definition:
    code: str
    name: str
    numerator: str
    denominator: str
    source: str


def definitions() -> list[Definition]:
    """Every indicator's definition, in the active language, in the order they are shown."""
    after_quarter = _("Only exiters whose quarter has ended by today are counted.")
    return [
        Definition(
            "employment_q2",
            _("Employment rate, 2nd quarter after exit"),
            _("Exiters working in the 2nd calendar quarter after the quarter they exited."),
            _("Exiters whose 2nd quarter after exit has ended.") + " " + after_quarter,
            _(
                "A placement (a job, own business or business group) active in that quarter, "
                "or a tracer survey answer of the wave due in it saying they work."
            ),
        ),
        Definition(
            "employment_q4",
            _("Employment rate, 4th quarter after exit"),
            _("Exiters working in the 4th calendar quarter after the quarter they exited."),
            _("Exiters whose 4th quarter after exit has ended.") + " " + after_quarter,
            _(
                "A placement (a job, own business or business group) active in that quarter, "
                "or a tracer survey answer of the wave due in it saying they work."
            ),
        ),
        Definition(
            "median_band_q2",
            _("Median monthly income, 2nd quarter after exit"),
            _("The middle income band (the lower of two middles) of those counted."),
            _("Exiters working in the 2nd quarter after exit whose income band is known."),
            _("The survey answer of that quarter's wave, else the band recorded with the job."),
        ),
        Definition(
            "credential",
            _("Credential attainment"),
            _(
                "Exiters with a certificate of their training, not revoked, issued during it "
                "or within one year after exit."
            ),
            _("Every exiter (completed or dropped out) in the period."),
            _("Training certificates."),
        ),
        Definition(
            "skill_gain",
            _("Measurable skill gain"),
            _(
                "Participants with a documented gain: a post-test score above the pre-test "
                "score, or every competency unit of the programme assessed kompeten."
            ),
            _("Everyone in a class at any time in the period (dropouts too)."),
            _("Skill tests and competency assessments."),
        ),
        Definition(
            "retention",
            _("Retention with the same employer, 2nd and 4th quarters"),
            _(
                "Of those counted, those working in the 4th quarter for an employer of the "
                "2nd: the same company, the same name, or the survey answer saying so."
            ),
            _("Exiters working in the 2nd quarter after exit whose 4th quarter has ended."),
            _("Placements and tracer survey answers."),
        ),
        Definition(
            "self_employment_q2",
            _("Self-employment rate, 2nd quarter after exit"),
            _("Exiters running their own business in the 2nd quarter after exit."),
            _("Exiters whose 2nd quarter after exit has ended."),
            _("Self-employment placements, and survey answers."),
        ),
        Definition(
            "business_group_q2",
            _("Business-group rate, 2nd quarter after exit"),
            _("Exiters working in a business group in the 2nd quarter after exit."),
            _("Exiters whose 2nd quarter after exit has ended."),
            _("Business-group placements, and survey answers."),
        ),
        Definition(
            "further_training_q2",
            _("Further-training rate, 2nd quarter after exit"),
            _("Exiters in further training or school in the 2nd quarter after exit."),
            _("Exiters whose 2nd quarter after exit has ended."),
            _("Further-training placements, and survey answers."),
        ),
    ]
