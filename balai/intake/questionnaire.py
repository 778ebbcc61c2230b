"""The minat-and-bakat questionnaire: four questions whose answers point to programmes.

Each answer adds a point to the programmes it suits; the programmes with most points are
suggested, each with the answers that pointed to it, so the suggestion explains itself.
The questions are versioned: answers are stored with the version they were given under.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:  # the lazy-string type exists only in django-stubs
    from django.utils.functional import _StrPromise

QUESTIONNAIRE_VERSION = "2026.1"


@dataclass(frozen=True)
class Answer:
    code: str
    label: _StrPromise
    programme_codes: tuple[str, ...]


@dataclass(frozen=True)
class Question:
    code: str
    text: _StrPromise
    answers: tuple[Answer, ...]

    def answer(self, code: str) -> Answer | None:
        return next((answer for answer in self.answers if answer.code == code), None)


MECHANICAL = ("servis-sepeda-motor", "las", "teknisi-ac", "instalasi-listrik")
DIGITAL = ("servis-ponsel", "desain-grafis", "operator-komputer", "pemasaran-digital")

QUESTIONS = (
    Question(
        "activity",
        _("Which activity do you enjoy most?"),
        (
            Answer("cooking", _("Cooking and serving food or drinks"), ("tata-boga", "barista")),
            Answer("sewing", _("Sewing or making clothes"), ("menjahit", "sablon")),
            Answer("grooming", _("Doing hair and make-up"), ("tata-rias", "pangkas-rambut")),
            Answer("repairing", _("Repairing machines and tools"), MECHANICAL),
            Answer("computers", _("Working with computers and phones"), DIGITAL),
            Answer("growing", _("Growing plants or raising fish"), ("hidroponik", "budidaya-ikan")),
        ),
    ),
    Question(
        "workplace",
        _("Where would you most like to work?"),
        (
            Answer(
                "home",
                _("At home, in my own small business"),
                ("tata-boga", "menjahit", "pemasaran-digital", "hidroponik", "budidaya-ikan"),
            ),
            Answer("workshop", _("In a workshop"), MECHANICAL),
            Answer("office", _("In an office"), ("operator-komputer", "desain-grafis")),
            Answer(
                "shop", _("In a salon, café or shop"), ("tata-rias", "pangkas-rambut", "barista")
            ),
        ),
    ),
    Question(
        "strength",
        _("What are you best at?"),
        (
            Answer(
                "careful_hands",
                _("Careful, precise handwork"),
                ("menjahit", "tata-rias", "servis-ponsel"),
            ),
            Answer(
                "physical",
                _("Physical work"),
                ("las", "teknisi-ac", "instalasi-listrik", "budidaya-ikan"),
            ),
            Answer(
                "creative", _("Making things look good"), ("desain-grafis", "sablon", "tata-boga")
            ),
            Answer(
                "people",
                _("Talking with people"),
                ("barista", "pemasaran-digital", "pangkas-rambut"),
            ),
            Answer(
                "logic",
                _("Figuring out how things work"),
                ("operator-komputer", "instalasi-listrik", "servis-sepeda-motor"),
            ),
        ),
    ),
    Question(
        "goal",
        _("What do you want after the training?"),
        (
            Answer(
                "employment",
                _("A job in a company"),
                ("las", "teknisi-ac", "operator-komputer", "servis-sepeda-motor"),
            ),
            Answer(
                "business",
                _("My own business"),
                (
                    "tata-boga",
                    "menjahit",
                    "sablon",
                    "budidaya-ikan",
                    "hidroponik",
                    "pangkas-rambut",
                ),
            ),
            Answer(
                "freelance",
                _("Freelance or online work"),
                ("desain-grafis", "pemasaran-digital", "servis-ponsel"),
            ),
        ),
    ),
)


@dataclass(frozen=True)
class Suggestion:
    programme_code: str
    score: int
    reasons: tuple[str, ...]  # the answers that pointed here, as the applicant read them


def suggest_programmes(answers: dict[str, str], *, limit: int = 3) -> list[Suggestion]:
    """Return the programmes that best fit `answers` ({question code: answer code})."""
    scores: dict[str, int] = defaultdict(int)
    reasons: dict[str, list[str]] = defaultdict(list)
    for question in QUESTIONS:
        answer = question.answer(answers.get(question.code, ""))
        if answer is None:
            continue
        for programme_code in answer.programme_codes:
            scores[programme_code] += 1
            reasons[programme_code].append(str(answer.label))
    ranked = sorted(scores, key=lambda code: (-scores[code], code))[:limit]
    return [Suggestion(code, scores[code], tuple(reasons[code])) for code in ranked]


def answers_checked(answers: dict[str, str]) -> dict[str, str]:
    """Return only the answers that exist, with the questionnaire version recorded."""
    checked = {
        question.code: answers[question.code]
        for question in QUESTIONS
        if question.answer(answers.get(question.code, "")) is not None
    }
    return {**checked, "version": QUESTIONNAIRE_VERSION} if checked else {}
