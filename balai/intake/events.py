"""What intake announces to the stages after it (see balai.core.events): a seat accepted,
given up, or dropped. Training turns them into its enrolments."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class SeatAccepted:
    """A person accepted a seat in class `class_number` of an offering: from `on`, theirs."""

    offer_id: int
    person_id: int
    offering_id: int
    class_number: int
    on: datetime.date


class SeatGivenUpReason(models.TextChoices):
    DECLINED = "declined", _("Gave the seat up")
    HIGHER_CHOICE = "higher_choice", _("Moved to a seat of a higher choice")
    WITHDRAWN = "withdrawn", _("Withdrew the application")


@dataclass(frozen=True)
class SeatGivenUp:
    """The holder of an accepted seat gave it up on `on`."""

    offer_id: int
    on: datetime.date
    reason: SeatGivenUpReason


@dataclass(frozen=True)
class SeatDropped:
    """Training decided the holder of an accepted seat had stopped coming; the seat went on."""

    offer_id: int
    on: datetime.date
