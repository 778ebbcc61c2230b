"""Placement's sections of a person (see balai.registry.history and
balai.registry.data_subject): their placements, on the front desk's person page and in the
resident's own data download."""

from __future__ import annotations

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from balai.accounts.models import User
from balai.placement.models import MonthlyIncomeBand, Placement, PlacementChannel, PlacementKind
from balai.placement.placement_selectors import placements_of_person, placements_of_user
from balai.registry.data_subject import Entry, PersonalDataSection, choice_item, item
from balai.registry.history import HistorySection, HistoryTable
from balai.registry.models import Person


def _placement_rows(person: Person, user: User) -> HistoryTable:
    return HistoryTable(
        headings=[
            _("Kind"),
            _("Employer, business or institution"),
            _("From"),
            _("Until"),
            _("Channel"),
        ],
        rows=[
            [
                placement.get_kind_display(),
                placement.employer_name,
                formats.date_format(placement.starts_on, "j M Y"),
                formats.date_format(placement.ends_on, "j M Y") if placement.ends_on else "—",
                placement.get_channel_display(),
            ]
            for placement in placements_of_person(person=person, user=user)
        ],
    )


def _placement_entry(placement: Placement) -> Entry:
    return Entry(
        title=f"{placement.get_kind_display()}: {placement.employer_name}",
        items=[
            choice_item("kind", _("Kind"), placement.kind, PlacementKind),
            item("employer_name", _("Employer, business or institution"), placement.employer_name),
            item(
                "programme",
                _("After the training"),
                placement.enrolment.training_class.programme.name,
            ),
            item("starts_on", _("From"), placement.starts_on),
            item("ends_on", _("Until"), placement.ends_on),
            choice_item(
                "income_band", _("Monthly income"), placement.income_band, MonthlyIncomeBand
            ),
            choice_item("channel", _("Channel"), placement.channel, PlacementChannel),
            item("evidence", _("Evidence"), _("kept") if placement.evidence else ""),
            item("note", _("Note"), placement.note),
            item("recorded_at", _("Recorded"), placement.created_at),
        ],
    )


def placement_entries(user: User) -> list[Entry]:
    """The resident's placements, oldest first, as the download keeps them."""
    placements = placements_of_user(user=user).order_by("starts_on", "pk")
    return [_placement_entry(placement) for placement in placements]


PLACEMENT_HISTORY = HistorySection(
    name="placements", title=gettext_lazy("Work after training"), order=60, read=_placement_rows
)
PLACEMENT_PERSONAL_DATA = PersonalDataSection(
    name="placements",
    title=gettext_lazy("Work after training"),
    order=70,
    entries_of=placement_entries,
)
