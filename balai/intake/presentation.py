"""An application as its pages show it: verdicts turned into sentences, suggestions named."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from balai.catalogue.selectors import programme_names
from balai.intake.models import Application
from balai.intake.questionnaire import suggest_programmes
from balai.intake.rules import priority_text, reason_text


@dataclass(frozen=True)
class ApplicationView:
    application: Application
    reasons: list[tuple[bool, str]]
    priority: list[str]
    suggestions: list[tuple[str, tuple[str, ...]]]


def named_suggestions(answers: dict[str, Any]) -> list[tuple[str, tuple[str, ...]]]:
    """Return (programme name, the answers that point to it) for the best-fitting programmes."""
    names = programme_names()
    return [
        (names.get(item.programme_code, item.programme_code), item.reasons)
        for item in suggest_programmes(answers)
    ]


def application_view(application: Application) -> ApplicationView:
    return ApplicationView(
        application=application,
        reasons=[
            (reason["passed"], reason_text(reason)) for reason in application.eligibility_reasons
        ],
        priority=[priority_text(reason) for reason in application.priority_reasons],
        suggestions=named_suggestions(application.interests or {}),
    )
