"""Training's sections of a person's history (see balai.registry.history): their classes with
their attendance, and their certificates."""

from __future__ import annotations

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from balai.accounts.models import User
from balai.registry.history import HistorySection, HistoryTable
from balai.registry.models import Person
from balai.training.models import ATTENDED, AttendanceStatus
from balai.training.selectors import (
    attendance_counts_of_person,
    certificates_of_person,
    enrolments_of_person,
)


def _classes(person: Person, user: User) -> HistoryTable:
    counts = attendance_counts_of_person(person=person, user=user)
    rows = []
    for enrolment in enrolments_of_person(person=person, user=user):
        training_class = enrolment.training_class
        of_enrolment = counts.get(enrolment.pk, {})
        rows.append(
            [
                training_class.programme.name,
                f"{training_class.offering.kelurahan.name} · {training_class.number}",
                enrolment.get_status_display(),
                str(sum(of_enrolment.get(status, 0) for status in ATTENDED)),
                str(of_enrolment.get(AttendanceStatus.ABSENT, 0)),
            ]
        )
    return HistoryTable(
        headings=[_("Programme"), _("Class"), _("Status"), _("Sessions attended"), _("Absent")],
        rows=rows,
    )


def _certificates(person: Person, user: User) -> HistoryTable:
    return HistoryTable(
        headings=[_("Number"), _("Programme"), _("Issued on"), _("Status")],
        rows=[
            [
                certificate.number,
                certificate.programme_name,
                formats.date_format(certificate.issued_on, "j M Y"),
                _("Revoked") if certificate.revoked_at else _("Valid"),
            ]
            for certificate in certificates_of_person(person=person, user=user)
        ],
    )


CLASSES = HistorySection(
    name="classes", title=gettext_lazy("Classes and attendance"), order=30, read=_classes
)
CERTIFICATES = HistorySection(
    name="certificates", title=gettext_lazy("Certificates"), order=40, read=_certificates
)
