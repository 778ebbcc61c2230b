"""The participants' funnel: how many people reached each stage, from registration to a job
or business, in each area and class, against the target.

Each person counts once per stage, in the kelurahan they live in, whatever the number of
their applications or classes. What each stage means:

- registered: applied to a batch;
- eligible: an application the rules let through (or one that got an offer);
- offered, accepted: was offered a seat; said yes (including someone who later left);
- enrolled: is or was on a class's roll;
- attending: was present (or late) at one session at least;
- completed: finished a class; certified: holds a certificate not revoked;
- channelled: a graduate (completed) who has a job (employed), their own business
  (self-employed), or is in a business group, each counted on its own too. Residents in a
  business group who never finished a class are the enterprise programme's, not this
  funnel's: counting them would show more people channelled than trained.

A class counts each of its participants (wherever they live) at the stages they reached in
that class: someone who dropped out of one class and completed another counts as completed
in the second only, and channelled only there.

A person's programme is that of their latest class, else of their latest offer, else of the
first choice of their latest application: one programme each, so programmes add up to the
total. Their priority group is "priority" if any application earned priority points.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from balai.enterprise.report_selectors import business_group_member_ids
from balai.intake.report_selectors import (
    ACCEPTED_STATUSES,
    ELIGIBLE_STATUSES,
    application_facts,
    offer_facts,
)
from balai.placement.models import PlacementKind
from balai.placement.report_selectors import placement_facts
from balai.registry.report_selectors import person_facts
from balai.reporting.areas import AreaKey, AreaTree
from balai.reporting.models import SummaryLevel
from balai.reporting.sections import SectionFigures, Tally, summary_section
from balai.training.models import EnrolmentStatus
from balai.training.report_selectors import enrolment_facts

STAGES = {
    "registered": _("Registered"),
    "eligible": _("Eligible"),
    "offered": _("Offered a seat"),
    "accepted": _("Accepted"),
    "enrolled": _("Enrolled"),
    "attending": _("Attending"),
    "completed": _("Completed"),
    "certified": _("Certified"),
    "channelled": _("Channelled"),
}
CHANNELS = {
    "employed": _("Employed"),
    "self_employed": _("Self-employed"),
    "business_group": _("In a business group"),
}
# The stage the target of participants is counted against.
TARGET_STAGE = "enrolled"
# Stages a class counts of its own participants.
CLASS_STAGES = ("enrolled", "attending", "completed", "certified", "channelled")
DIMENSIONS = {
    "programme": _("Programme"),
    "sex": _("Sex"),
    "age_band": _("Age"),
    "priority": _("Priority group"),
}
# (label, lowest age, highest age or None): BPS's ten-year working-age bands, youth apart.
AGE_BANDS = (
    ("15-24", 15, 24),
    ("25-34", 25, 34),
    ("35-44", 35, 44),
    ("45-54", 45, 54),
    ("55+", 55, None),
)
UNDER_AGE_BAND = "<15"
PRIORITY_GROUPS = {
    "priority": _("Priority applicants (unemployed, laid off, low income, ...)"),
    "none": _("No priority points"),
}
_PLACEMENT_CHANNELS: dict[str, str] = {
    PlacementKind.WAGE_EMPLOYMENT: "employed",
    PlacementKind.SELF_EMPLOYMENT: "self_employed",
    PlacementKind.BUSINESS_GROUP: "business_group",
}


@dataclass
class PersonPath:
    """How far one person got, and what they are counted under."""

    stages: set[str] = field(default_factory=set)
    channels: set[str] = field(default_factory=set)
    programme_id: int | None = None
    offer_programme_id: int | None = None
    class_programme_id: int | None = None
    priority: bool = False
    # The stages reached in each class, by class id (a subset of `stages`).
    class_stages: dict[int, set[str]] = field(default_factory=dict)

    @property
    def programme(self) -> str:
        chosen = self.class_programme_id or self.offer_programme_id or self.programme_id
        return str(chosen) if chosen else ""


def age_band(birth_date: datetime.date, today: datetime.date) -> str:
    """Return the band of the age a person born on `birth_date` has on `today`."""
    age = (
        today.year
        - birth_date.year
        - ((today.month, today.day) < (birth_date.month, birth_date.day))
    )
    for label, lowest, highest in AGE_BANDS:
        if age >= lowest and (highest is None or age <= highest):
            return label
    return UNDER_AGE_BAND


def target_of(tree: AreaTree, key: AreaKey) -> int:
    """The participants an area should train: a number per kelurahan within it."""
    per_kelurahan: int = settings.REPORTING_PARTICIPANTS_PER_KELURAHAN
    level, _code = key
    if level == SummaryLevel.KELURAHAN:
        return per_kelurahan
    kelurahan = tree.of_level(SummaryLevel.KELURAHAN)
    if level == SummaryLevel.REGENCY:
        return per_kelurahan * len(kelurahan)
    if level == SummaryLevel.KECAMATAN:
        return per_kelurahan * sum(1 for node in kelurahan if node.parent == key)
    return 0


@summary_section("funnel")
def funnel_section(tree: AreaTree, today: datetime.date) -> SectionFigures:
    """Count each person once per stage reached, in their kelurahan and every area above."""
    paths = person_paths()
    tally = Tally()
    for person in person_facts(person_ids=set(paths)):
        path = paths[person.person_id]
        areas = tree.kelurahan_lineage(person.kelurahan_code)
        groups = {
            "programme": path.programme,
            "sex": person.sex,
            "age_band": age_band(person.birth_date, today),
            "priority": "priority" if path.priority else "none",
        }
        for stage in path.stages:
            tally.add(areas, ("total", stage))
            for dimension, group in groups.items():
                tally.add(areas, (dimension, group, stage))
        for channel in path.channels:
            tally.add(areas, ("channels", channel))
    for path in paths.values():
        for class_id, class_stages in path.class_stages.items():
            # The class alone: its kelurahan counts its residents above, not its participants.
            for stage in class_stages:
                tally.add(tree.class_lineage(class_id)[:1], ("total", stage))
    figures = tally.figures()
    for node in tree.nodes.values():
        area = figures.setdefault(node.key, {})
        area.setdefault("total", {})
        if node.level != SummaryLevel.CLASS:
            area["target"] = target_of(tree, node.key)
    return figures


def person_paths() -> dict[int, PersonPath]:
    """How far every person who applied got (five reads, whatever their number)."""
    paths: dict[int, PersonPath] = {}
    for application in application_facts():
        path = paths.setdefault(application.person_id, PersonPath())
        path.stages.add("registered")
        if application.status in ELIGIBLE_STATUSES:
            path.stages.add("eligible")
        path.priority = path.priority or application.priority_points > 0
        path.programme_id = application.first_choice_programme_id or path.programme_id
    _add_offers(paths)
    _add_training(paths)
    _add_channels(paths)
    return paths


def _add_offers(paths: dict[int, PersonPath]) -> None:
    for offer in offer_facts():
        path = paths.get(offer.person_id)
        if path is None:
            continue
        path.stages.update(("eligible", "offered"))
        if offer.status in ACCEPTED_STATUSES:
            path.stages.add("accepted")
        path.offer_programme_id = offer.programme_id


def _add_training(paths: dict[int, PersonPath]) -> None:
    for enrolment in enrolment_facts():
        path = paths.get(enrolment.person_id)
        if path is None:
            continue
        class_stages = path.class_stages.setdefault(enrolment.class_id, set())
        class_stages.add("enrolled")
        if enrolment.attended:
            class_stages.add("attending")
        if enrolment.status == EnrolmentStatus.COMPLETED:
            class_stages.add("completed")
        if enrolment.certified:
            class_stages.add("certified")
        path.stages.update(("eligible", "offered", "accepted", *class_stages))
        path.class_programme_id = enrolment.programme_id


def _add_channels(paths: dict[int, PersonPath]) -> None:
    for placement in placement_facts():
        path = paths.get(placement.person_id)
        channel = _PLACEMENT_CHANNELS.get(placement.kind)
        if path is not None and channel is not None:
            path.channels.add(channel)
    for person_id in business_group_member_ids():
        path = paths.get(person_id)
        if path is not None:
            path.channels.add("business_group")
    for path in paths.values():
        if "completed" not in path.stages:
            path.channels.clear()
        elif path.channels:
            path.stages.add("channelled")
            for class_stages in path.class_stages.values():
                if "completed" in class_stages:
                    class_stages.add("channelled")
