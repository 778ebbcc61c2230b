"""Tracer surveys in tests: graduates with exits chosen by the test, and the links their survey
messages carry."""

from __future__ import annotations

import datetime
import re

from balai.notifications.models import Notification
from balai.placement.models import SurveyInvitation
from balai.training.models import Enrolment

LINK = re.compile(r"/survey/([A-Za-z0-9_\-]+)/")


def exit_on(enrolments: list[Enrolment], day: datetime.date) -> None:
    """Make `enrolments` have completed on `day`."""
    Enrolment.objects.filter(pk__in=[enrolment.pk for enrolment in enrolments]).update(left_on=day)


def latest_token(invitation: SurveyInvitation, kind: str = "tracer_survey") -> str:
    """The token in the newest message of `kind` to the invitation's graduate."""
    body = (
        Notification.objects.filter(person_id=invitation.enrolment.person_id, kind=kind)
        .order_by("-pk")
        .values_list("body", flat=True)
        .first()
    )
    assert body is not None, f"no {kind} message"
    match = LINK.search(body)
    assert match is not None, body
    return match[1]
