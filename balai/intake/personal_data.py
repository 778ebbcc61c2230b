"""Intake's part of a resident's own data: consents, applications with their choices, offers.

Declared to the registry's data download (balai/registry/data_subject.py) from ready(); read
through intake's scoped selectors and filtered to the resident's own records.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from balai.accounts.models import User
from balai.core.scoping import scope_to_user
from balai.intake.models import (
    Application,
    ApplicationStatus,
    Channel,
    Consent,
    Offer,
    OfferStatus,
)
from balai.intake.rules import priority_text, reason_text
from balai.intake.selectors import application_list, offer_list
from balai.registry.data_subject import (
    Entry,
    PersonalDataSection,
    choice_item,
    entries_item,
    item,
)


def consent_entries(user: User) -> list[Entry]:
    """The privacy statements the resident agreed to, and when."""
    consents = scope_to_user(Consent.objects.filter(person__user=user), user)
    return [
        Entry(
            title=_("Privacy statement %(version)s") % {"version": consent.statement_version},
            items=[
                item("statement_version", _("Version"), consent.statement_version),
                item("given_at", _("Agreed at"), consent.given_at),
                choice_item("channel", _("How"), consent.channel, Channel),
            ],
        )
        for consent in consents.order_by("given_at", "pk")
    ]


def application_entries(user: User) -> list[Entry]:
    """The resident's applications, each with its verdicts, points and ranked choices."""
    applications = application_list(user=user).filter(person__user=user)
    return [_application_entry(application) for application in applications.order_by("pk")]


def _application_entry(application: Application) -> Entry:
    held = application.held_offering
    return Entry(
        title=application.batch.name,
        items=[
            item("id", _("Application number"), str(application.public_id)),
            item("batch", _("Batch"), application.batch.name),
            item("submitted_at", _("Submitted"), application.created_at),
            choice_item("channel", _("How"), application.channel, Channel),
            choice_item("status", _("Status"), application.status, ApplicationStatus),
            item("seat_held_in", _("Seat held in"), str(held) if held else None),
            item("priority_points", _("Priority points"), application.priority_points),
            item("requirements", _("Requirements"), _sentences(application)),
            item("priority_reasons", _("Priority"), _priority(application)),
            item("interests", _("Minat and bakat answers"), _answers(application)),
            entries_item("choices", _("Your choices"), _choices(application)),
        ],
    )


def _sentences(application: Application) -> str:
    return "; ".join(
        f"{'✓' if reason['passed'] else '✗'} {reason_text(reason)}"
        for reason in application.eligibility_reasons
    )


def _priority(application: Application) -> str:
    return "; ".join(priority_text(reason) for reason in application.priority_reasons)


def _answers(application: Application) -> str:
    return "; ".join(f"{key}: {value}" for key, value in sorted(application.interests.items()))


def _choices(application: Application) -> list[Entry]:
    return [
        Entry(
            title=f"{choice.rank}. {choice.offering.programme.name}",
            items=[
                item("rank", _("Rank"), choice.rank),
                item("programme", _("Programme"), choice.offering.programme.name),
                item("kelurahan", _("Kelurahan"), choice.offering.kelurahan.name),
            ],
        )
        for choice in application.choices.all()
    ]


def offer_entries(user: User) -> list[Entry]:
    """The seats offered to the resident, and what became of each."""
    offers = offer_list(user=user).filter(application__person__user=user)
    return [_offer_entry(offer) for offer in offers.order_by("created_at", "pk")]


def _offer_entry(offer: Offer) -> Entry:
    offering = offer.offering
    return Entry(
        title=f"{offering.programme.name} — {offering.kelurahan.name}",
        items=[
            item("offer_id", _("Offer number"), str(offer.public_id)),
            item("programme", _("Programme"), offering.programme.name),
            item("kelurahan", _("Kelurahan"), offering.kelurahan.name),
            item("choice_rank", _("Your choice number"), offer.choice_rank),
            item("from_waitlist", _("From the waitlist"), offer.from_waitlist),
            choice_item("status", _("Status"), offer.status, OfferStatus),
            item("offered_at", _("Offered"), offer.created_at),
            item("answer_by", _("Answer by"), offer.deadline),
            item("answered_at", _("Answered"), offer.answered_at),
        ],
    )


SECTIONS = [
    PersonalDataSection(
        name="consents", title=gettext_lazy("Consents"), order=20, entries_of=consent_entries
    ),
    PersonalDataSection(
        name="applications",
        title=gettext_lazy("Applications"),
        order=30,
        entries_of=application_entries,
    ),
    PersonalDataSection(
        name="offers", title=gettext_lazy("Offers"), order=40, entries_of=offer_entries
    ),
]
