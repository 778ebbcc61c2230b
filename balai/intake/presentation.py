"""An application as its pages show it: verdicts turned into sentences, suggestions named."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from balai.catalogue.selectors import programme_names
from balai.intake.allocation.outcome import AllocationOutcome, allocation_outcome
from balai.intake.models import Application
from balai.intake.questionnaire import suggest_programmes
from balai.intake.rules import priority_text, reason_text


@dataclass(frozen=True)
class ApplicationView:
    application: Application
    reasons: list[tuple[bool, str]]
    priority: list[str]
    suggestions: list[tuple[str, tuple[str, ...]]]
    outcome: AllocationOutcome | None = None


def named_suggestions(answers: dict[str, Any]) -> list[tuple[str, tuple[str, ...]]]:
    """Return (programme name, the answers that point to it) for the best-fitting programmes."""
    names = programme_names()
    return [
        (names.get(item.programme_code, item.programme_code), item.reasons)
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
