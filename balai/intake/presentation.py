"""An application as its pages show it: verdicts turned into sentences, suggestions named,
and what comes next."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from balai.catalogue.selectors import programme_names
from balai.intake.allocation.outcome import AllocationOutcome, allocation_outcome
from balai.intake.models import Application, ApplicationStatus, Batch, OfferStatus
from balai.intake.questionnaire import suggest_programmes
from balai.intake.rules import priority_text, reason_text


@dataclass(frozen=True)
class ApplicationView:
    application: Application
    reasons: list[tuple[bool, str]]
    priority: list[str]
    suggestions: list[tuple[str, tuple[str, ...]]]
    outcome: AllocationOutcome | None = None
    changeable: bool = False  # its resident may still change or withdraw its choices


def named_suggestions(answers: dict[str, Any]) -> list[tuple[str, tuple[str, ...]]]:
    """Return (programme name, the answers that point to it) for the best-fitting programmes."""
    names = programme_names()
    return [
        (names.get(item.programme_code, item.programme_code), item.reasons)
        for item in suggest_programmes(answers)
    ]


def suggestions_to_pick(
    answers: dict[str, Any], *, offered: dict[str, str]
) -> list[tuple[str, str, tuple[str, ...], bool]]:
    """Return (code, name, the answers that point to it, whether the batch offers it) for the
    best-fitting programmes: one the batch offers can be picked with one tap."""
    names = programme_names()
    return [
        (
            item.programme_code,
            names.get(item.programme_code, item.programme_code),
            item.reasons,
            item.programme_code in offered,
        )
        for item in suggest_programmes(answers)
    ]


def application_view(application: Application, *, with_outcome: bool = False) -> ApplicationView:
    """`with_outcome`: also the published allocation's offers, explanation and waitlists."""
    return ApplicationView(
        application=application,
        reasons=[
            (reason["passed"], reason_text(reason)) for reason in application.eligibility_reasons
        ],
        priority=[priority_text(reason) for reason in application.priority_reasons],
        suggestions=named_suggestions(application.interests or {}),
        outcome=allocation_outcome(application=application) if with_outcome else None,
    )


@dataclass(frozen=True)
class NextStep:
    """What happens next to an application, as one sentence with its date."""

    application: Application
    text: str


def next_step(application: Application) -> NextStep:
    """Say what comes next for `application` (whose offers are prefetched), with the date."""
    return NextStep(application=application, text=_next_step_text(application))


def _next_step_text(application: Application) -> str:
    batch = application.batch
    if application.status == ApplicationStatus.WITHDRAWN:
        return _("You withdrew this application.")
    if application.status == ApplicationStatus.INELIGIBLE:
        return _("Not eligible for this batch: the reasons are in My applications.")
    offers = list(application.offers.all())
    pending = [offer for offer in offers if offer.status == OfferStatus.PENDING]
    if pending:
        return _("Answer the offer of a seat in %(offering)s by %(deadline)s.") % {
            "offering": pending[0].offering,
            "deadline": _moment(pending[0].deadline),
        }
    accepted = [offer for offer in offers if offer.status == OfferStatus.ACCEPTED]
    if accepted or application.status == ApplicationStatus.SEAT_HELD:
        return _training_text(batch)
    if application.status == ApplicationStatus.ELIGIBLE and batch.is_open:
        return _("Registration closes on %(date)s; the selection follows.") % {
            "date": _moment(batch.registration_closes_at)
        }
    if application.status == ApplicationStatus.ELIGIBLE:
        return _(
            "Registration has closed; the selection result will be announced in My applications."
        )
    return _("No seat in your choices yet: a seat that comes free is offered in waitlist order.")


def _training_text(batch: Batch) -> str:
    today = timezone.localdate()
    if today < batch.training_starts_on:
        return _("Your seat is confirmed: training starts on %(date)s.") % {
            "date": date_format(batch.training_starts_on, "l, j F Y")
        }
    if today <= batch.training_ends_on:
        return _("Training is under way until %(date)s.") % {
            "date": date_format(batch.training_ends_on, "j F Y")
        }
    return _("Training ended on %(date)s.") % {"date": date_format(batch.training_ends_on, "j F Y")}


def _moment(moment: datetime.datetime) -> str:
    return date_format(timezone.localtime(moment), "j F Y, H:i T")
