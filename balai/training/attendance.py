"""Recording attendance: the instructor's roll call, and participants checking themselves in
with the rotating QR code shown in class.

The QR code names the session and a time step, with an HMAC over both: it cannot be made for
another session or a later step, a photo of it stops working once the code has turned, and it
is honoured only while the session's check-in is open (never for a session still to come)."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from balai.accounts.models import User
from balai.catalogue.availability import SLOT_HOURS
from balai.core.audit import audit_record_many
from balai.core.errors import ApplicationError, PermissionDeniedError
from balai.core.models import AuditAction
from balai.scheduling.models import ClassSession
from balai.training.models import Attendance, AttendanceMethod, AttendanceStatus
from balai.training.selectors import class_roster, enrolment_in_class, instructor_of_user

QR_SALT = "balai.training.check-in"


@dataclass(frozen=True)
class RollCall:
    recorded: int
    corrected: int


@transaction.atomic
def roll_call_record(*, session: ClassSession, marks: Mapping[int, str], by: User) -> RollCall:
    """Record the roll call of `session` (enrolment id -> status) in one go. Only the session's
    instructor may; a changed record is a correction and is audited. Anything wrong refuses
    the whole roll call, so nothing is half-saved."""
    # The session locked before its records are read: a second roll call sent at once (a
    # double tap, the page and the API) waits, then finds this one's records to correct.
    session = (
        ClassSession.objects.select_for_update(of=("self",))
        .select_related("training_class")
        .get(pk=session.pk)
    )
    _check_marks(session, marks, by)
    existing = {item.enrolment_id: item for item in Attendance.objects.filter(session=session)}
    created, corrected = [], []
    for enrolment_id, status in marks.items():
        record = existing.get(enrolment_id)
        if record is None:
            created.append(
                Attendance(
                    session=session,
                    enrolment_id=enrolment_id,
                    status=status,
                    method=AttendanceMethod.ROLL_CALL,
                    recorded_by=by,
                )
            )
        elif record.status != status:
            corrected.append((record, record.status))
            record.status, record.recorded_by = status, by
    Attendance.objects.bulk_create(created)
    if corrected:
        now = timezone.now()
        for record, _old in corrected:
            record.recorded_at = now
        Attendance.objects.bulk_update(
            [record for record, _old in corrected], ["status", "recorded_by", "recorded_at"]
        )
        audit_record_many(
            action=AuditAction.UPDATE,
            targets=[
                (record, {"status": {"old": old, "new": record.status}})
                for record, old in corrected
            ],
        )
    return RollCall(recorded=len(created), corrected=len(corrected))


def _check_marks(session: ClassSession, marks: Mapping[int, str], by: User) -> None:
    """Refuse a roll call by anyone but the session's instructor, before its day, or marking
    people who are not (yet) in the class."""
    instructor = instructor_of_user(by)
    if instructor is None or instructor.pk != session.instructor_id:
        raise PermissionDeniedError(
            _("Only the instructor of this session can take its roll call."),
            code="not_your_session",
        )
    if session.date > timezone.localdate():
        raise ApplicationError(
            _("The roll call of a session is taken on its day, not before."),
            code="session_not_yet",
        )
    roster = {item.pk: item for item in class_roster(training_class=session.training_class)}
    unknown = [enrolment_id for enrolment_id in marks if enrolment_id not in roster]
    if unknown:
        raise ApplicationError(
            _("Some of the people marked are not in this class."), code="not_in_class"
        )
    if any(status not in AttendanceStatus.values for status in marks.values()):
        raise ApplicationError(_("Unknown attendance status."), code="attendance_status")
    if any(roster[enrolment_id].joined_on > session.date for enrolment_id in marks):
        raise ApplicationError(
            _("Some of the people marked joined the class after this session."),
            code="joined_later",
        )


def session_times(session: ClassSession) -> tuple[datetime.datetime, datetime.datetime]:
    """When the session starts and ends, in the deployment's time zone."""
    zone = timezone.get_default_timezone()
    start, end = (
        datetime.datetime.combine(session.date, datetime.time.fromisoformat(hour), tzinfo=zone)
        for hour in SLOT_HOURS[session.slot]
    )
    return start, end


def check_in_window(session: ClassSession) -> tuple[datetime.datetime, datetime.datetime]:
    grace = datetime.timedelta(minutes=settings.TRAINING_CHECK_IN_GRACE_MINUTES)
    start, end = session_times(session)
    return start - grace, end + grace


def check_in_open(session: ClassSession, now: datetime.datetime) -> bool:
    opens, closes = check_in_window(session)
    return opens <= now <= closes


def check_in_code(session: ClassSession, now: datetime.datetime) -> str:
    """The code the QR shows at `now`: the time step and a MAC binding it to the session."""
    step = int(now.timestamp()) // settings.TRAINING_QR_ROTATION_SECONDS
    return f"{step}.{_mac(session, step)}"


def _mac(session: ClassSession, step: int) -> str:
    return salted_hmac(QR_SALT, f"{session.pk}:{step}").hexdigest()[:24]


@transaction.atomic
def check_in(
    *, session: ClassSession, code: str, user: User, now: datetime.datetime | None = None
) -> Attendance:
    """Record `user` present (or late) at `session` from the QR `code` they scanned."""
    now = now or timezone.now()
    step = _valid_step(session, code)
    rotation = settings.TRAINING_QR_ROTATION_SECONDS
    current = int(now.timestamp()) // rotation
    late_scan = now.timestamp() - current * rotation <= settings.TRAINING_QR_LATE_SCAN_SECONDS
    if not (step == current or (step == current - 1 and late_scan)):
        raise ApplicationError(
            _("This code has expired. Scan the code on the screen now."), code="code_expired"
        )
    if not check_in_open(session, now):
        opens, closes = check_in_window(session)
        raise ApplicationError(
            _("Check-in for this session is open from %(opens)s to %(closes)s.")
            % {
                "opens": timezone.localtime(opens).strftime("%d-%m-%Y %H.%M"),
                "closes": timezone.localtime(closes).strftime("%H.%M"),
            },
            code="check_in_closed",
        )
    enrolment = enrolment_in_class(user=user, training_class=session.training_class)
    if enrolment is None:
        raise ApplicationError(_("You are not a participant of this class."), code="not_in_class")
    already = ApplicationError(
        _("Your attendance at this session is already recorded."), code="already_recorded"
    )
    # The session's lock, as the roll call takes it: a scan while the instructor sends the
    # roll call waits for it and finds the record, instead of breaking it on the unique pair.
    session = ClassSession.objects.select_for_update().get(pk=session.pk)
    if Attendance.objects.filter(session=session, enrolment=enrolment).exists():
        raise already
    start, _end = session_times(session)
    late = now > start + datetime.timedelta(minutes=settings.TRAINING_LATE_AFTER_MINUTES)
    try:
        with transaction.atomic():  # two scans at once: the unique constraint keeps one
            return Attendance.objects.create(
                session=session,
                enrolment=enrolment,
                status=AttendanceStatus.LATE if late else AttendanceStatus.PRESENT,
                method=AttendanceMethod.QR,
                recorded_by=user,
            )
    except IntegrityError:
        raise already from None


def _valid_step(session: ClassSession, code: str) -> int:
    step_text, _dot, mac = code.partition(".")
    # "²" is a digit to isdigit but not to int: only ASCII digits are a step.
    if not (step_text.isascii() and step_text.isdigit()) or not constant_time_compare(
        mac, _mac(session, int(step_text))
    ):
        raise ApplicationError(_("This code does not belong to this session."), code="code_foreign")
    return int(step_text)
