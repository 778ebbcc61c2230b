"""Intake's sections of a person's history (see balai.registry.history): their applications
and the seats offered to them."""

from __future__ import annotations

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from balai.accounts.models import User
from balai.intake.selectors import applications_of_person, offers_of_person
from balai.registry.history import HistorySection, HistoryTable
from balai.registry.models import Person


def _applications(person: Person, user: User) -> HistoryTable:
    return HistoryTable(
        headings=[_("Batch"), _("Status"), _("Priority"), _("Choices"), _("Registered on")],
        rows=[
            [
                application.batch.name,
                application.get_status_display(),
                str(application.priority_points),
                ", ".join(choice.offering.programme.name for choice in application.choices.all()),
                formats.date_format(application.created_at, "j M Y"),
            ]
            for application in applications_of_person(person=person, user=user)
        ],
    )


def _offers(person: Person, user: User) -> HistoryTable:
    return HistoryTable(
        headings=[_("Batch"), _("Programme"), _("Kelurahan"), _("Status"), _("Answer by")],
        rows=[
            [
                offer.application.batch.name,
                offer.offering.programme.name,
                offer.offering.kelurahan.name,
                offer.get_status_display(),
                formats.date_format(offer.deadline, "j M Y"),
            ]
            for offer in offers_of_person(person=person, user=user)
        ],
    )


APPLICATIONS = HistorySection(
    name="applications", title=gettext_lazy("Applications"), order=10, read=_applications
)
OFFERS = HistorySection(name="offers", title=gettext_lazy("Offers"), order=20, read=_offers)
