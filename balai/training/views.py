"""Training pages: the instructor's classes, roll call and check-in QR, assessment; the
participant's own attendance, completion and certificate; certificates for admins; drop-out
follow-up for operators; and the public verification page."""

from __future__ import annotations

import segno
from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.core.access import request_user
from balai.core.errors import ApplicationError
from balai.core.scoping import scope_to_user, scoped_get
from balai.core.selectors import jobs_to_follow
from balai.intake.models import Batch
from balai.scheduling.models import ClassSession, TrainingClass
from balai.training import selectors
from balai.training.assessment import class_assessment_record
from balai.training.attendance import (
    check_in,
    check_in_code,
    check_in_open,
    check_in_window,
    roll_call_record,
)
from balai.training.certificates.pdf import certificate_pdf_response
from balai.training.certificates.services import certificate_revoke, certificate_verify
from balai.training.completion import training_of_user
from balai.training.feedback import feedback_results, feedback_submit
from balai.training.followup import dropout_seat_release, seat_release_deadline
from balai.training.forms import (
    ALL_COMPETENT,
    PREFIX,
    ClassAssessmentForm,
    FeedbackForm,
    RevokeForm,
    RollCallForm,
    VerifyForm,
    assessment_initial,
    assessment_shortcut_applied,
)
from balai.training.jobs import ISSUE_JOB, certificates_issue_start
from balai.training.models import Certificate, Enrolment
from balai.training.throttle import verification_limited

PAGE_SIZE = 50


def _taught_session(request: HttpRequest, session_id: int) -> ClassSession:
    """A session the signed-in instructor teaches (anyone else: not found)."""
    instructor = selectors.instructor_of_user(request_user(request))
    return get_object_or_404(
        ClassSession.objects.select_related("training_class__programme", "venue"),
        pk=session_id,
        instructor=instructor,
    )


def _taught_class(request: HttpRequest, class_id: int) -> TrainingClass:
    instructor = selectors.instructor_of_user(request_user(request))
    return get_object_or_404(
        TrainingClass.objects.select_related(
            "programme", "batch", "offering__programme", "offering__kelurahan"
        ),
        pk=class_id,
        instructor=instructor,
    )


def teaching_page(request: HttpRequest) -> HttpResponse:
    """The instructor's classes, with today's and the next sessions first."""
    instructor = selectors.instructor_of_user(request_user(request))
    today = timezone.localdate()
    sessions = (
        ClassSession.objects.filter(instructor=instructor, date__gte=today)
        .select_related("training_class__programme", "venue")
        .order_by("date", "slot")[:10]
    )
    past = (
        ClassSession.objects.filter(instructor=instructor, date__lt=today)
        .select_related("training_class__programme", "venue")
        .order_by("-date", "-slot")[:10]
    )
    classes = (
        TrainingClass.objects.filter(instructor=instructor)
        .select_related("offering__programme", "offering__kelurahan", "batch")
        .order_by("-batch__training_starts_on", "pk")
    )
    return render(
        request,
        "training/teaching.html",
        {"upcoming": sessions, "past": past, "classes": classes, "today": today},
    )


def roll_call_page(request: HttpRequest, session_id: int) -> HttpResponse:
    """The roll call of one session: a tap per participant, saved in one request."""
    session = _taught_session(request, session_id)
    enrolments = [
        enrolment
        for enrolment in selectors.class_roster(training_class=session.training_class)
        if enrolment.joined_on <= session.date
    ]
    records = selectors.session_attendance(session=session)
    if request.method == "POST":
        form = RollCallForm(enrolments, request.POST)
        if form.is_valid():
            marks = form.marks()
            if "rest_present" in request.POST:  # "everyone else present": one tap for most
                marks = {enrolment.pk: "present" for enrolment in enrolments} | marks
            try:
                saved = roll_call_record(session=session, marks=marks, by=request_user(request))
            except ApplicationError as error:
                messages.error(request, str(error))
            else:
                messages.success(
                    request,
                    _("Roll call saved: %(recorded)s recorded, %(corrected)s corrected.")
                    % {"recorded": saved.recorded, "corrected": saved.corrected},
                )
                return redirect("training:roll_call", session_id=session.pk)
        else:
            messages.error(request, _("Unknown attendance status."))
    else:
        form = RollCallForm(
            enrolments,
            initial={f"{PREFIX}{key}": record.status for key, record in records.items()},
        )
    return render(
        request,
        "training/roll_call.html",
        {"session": session, "form": form},
    )


def check_in_qr_page(request: HttpRequest, session_id: int) -> HttpResponse:
    """The rotating QR code, shown on the instructor's phone or a screen in class. The page
    reloads itself a few times a turn, so the code on it is always the current one."""
    session = _taught_session(request, session_id)
    now = timezone.now()
    opens, closes = check_in_window(session)
    qr = None
    if check_in_open(session, now):
        path = reverse("training:check_in", args=[session.pk, check_in_code(session, now)])
        qr = segno.make(request.build_absolute_uri(path), error="m").svg_inline(
            scale=8, border=2, title=_("Check-in code")
        )
    return render(
        request,
        "training/check_in_qr.html",
        {
            "session": session,
            "qr": qr,
            "opens": opens,
            "closes": closes,
            "refresh": max(3, settings.TRAINING_QR_ROTATION_SECONDS // 3),
        },
    )


def check_in_page(request: HttpRequest, session_id: int, code: str) -> HttpResponse:
    """Where the scanned code leads: the participant confirms with one tap."""
    session = get_object_or_404(
        ClassSession.objects.select_related("training_class__programme", "venue"), pk=session_id
    )
    if request.method == "POST":
        try:
            record = check_in(session=session, code=code, user=request_user(request))
        except ApplicationError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("Recorded: %(status)s. Thank you.") % {"status": record.get_status_display()},
            )
        return redirect("training:mine")
    return render(request, "training/check_in.html", {"session": session, "code": code})


def assessment_page(request: HttpRequest, class_id: int) -> HttpResponse:
    """The whole class on one form: each participant a card with their units, a "kompeten"
    shortcut per participant and for the class, saved in one request; a refused form comes
    back with everything typed in it."""
    training_class = _taught_class(request, class_id)
    units = list(training_class.programme.competency_units.all())
    enrolments = selectors.class_roster(training_class=training_class)
    if request.method == "POST":
        data = assessment_shortcut_applied(request.POST, units=units, enrolments=enrolments)
        form = ClassAssessmentForm(units, enrolments, data)
        if form.is_valid():
            try:
                saved = class_assessment_record(
                    training_class=training_class, sheets=form.sheets(), by=request_user(request)
                )
            except ApplicationError as error:
                messages.error(request, str(error))
            else:
                messages.success(
                    request,
                    _("Assessment saved: %(recorded)s recorded, %(corrected)s corrected.")
                    % {"recorded": saved.recorded, "corrected": saved.corrected},
                )
                return redirect(_assessment_address(training_class, request.POST))
        else:
            messages.error(request, _("Check the results and scores (0 to 100)."))
    else:
        assessments, skill_tests = selectors.class_assessments(enrolments=enrolments)
        initial = assessment_initial(assessments, skill_tests)
        form = ClassAssessmentForm(units, enrolments, initial=initial)
    return render(
        request,
        "training/assessment.html",
        {"training_class": training_class, "form": form, "units": units},
    )


def _assessment_address(training_class: TrainingClass, posted: QueryDict) -> str:
    """The page again; after one participant's shortcut, at their card, not at the top of a
    long page on a phone."""
    address = reverse("training:assessment", args=[training_class.pk])
    chosen = posted.get(ALL_COMPETENT, "")
    return f"{address}#participant-{chosen}" if chosen.isdigit() else address


def my_training_page(request: HttpRequest) -> HttpResponse:
    """The participant's classes: attendance, what completion still needs, the certificate."""
    user = request_user(request)
    return render(
        request,
        "training/mine.html",
        {"classes": training_of_user(user), "feedback_form": FeedbackForm()},
    )


def feedback_action(request: HttpRequest, class_id: int) -> HttpResponse:
    """The participant's answers to the end-of-course survey."""
    training_class = get_object_or_404(TrainingClass, pk=class_id)
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Answer every question from 1 to 5."))
        return redirect("training:mine")
    data = dict(form.cleaned_data)
    comment = data.pop("comment")
    try:
        feedback_submit(
            training_class=training_class,
            user=request_user(request),
            ratings=data,
            comment=comment,
        )
    except ApplicationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Thank you for your answers."))
    return redirect("training:mine")


def feedback_results_page(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "training/feedback_results.html",
        {
            "by_instructor": feedback_results(by="instructor", user=request_user(request)),
            "by_programme": feedback_results(by="programme", user=request_user(request)),
        },
    )


def certificate_download(request: HttpRequest, number: str) -> HttpResponse:
    """The certificate's PDF: its holder's own, or any for an admin."""
    certificate = selectors.certificate_for(number=number, user=request_user(request))
    if certificate is None:
        raise Http404
    return certificate_pdf_response(certificate)


def certificates_page(request: HttpRequest, batch_code: str) -> HttpResponse:
    """A batch's certificates: issue them all (a job) and revoke one with a reason."""
    batch = get_object_or_404(Batch, code=batch_code)
    if request.method == "POST":
        certificates_issue_start(batch=batch, created_by=request_user(request))
        messages.success(request, _("Issuing the certificates; the page follows it."))
        return redirect("training:certificates", batch_code=batch.code)
    certificates = scope_to_user(
        Certificate.objects.filter(training_class__batch=batch), request_user(request)
    ).order_by("-created_at")
    return render(
        request,
        "training/certificates.html",
        {
            "batch": batch,
            "jobs": jobs_to_follow(kinds=[ISSUE_JOB], batch_id=batch.pk),
            "page": Paginator(certificates, PAGE_SIZE).get_page(request.GET.get("page")),
            "revoke_form": RevokeForm(),
        },
    )


def certificate_revoke_action(request: HttpRequest, number: str) -> HttpResponse:
    certificate = scoped_get(
        Certificate.objects.select_related("training_class__batch"),
        request_user(request),
        number=number,
    )
    form = RevokeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the reason for revoking."))
    else:
        try:
            certificate_revoke(certificate=certificate, reason=form.cleaned_data["reason"])
        except ApplicationError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Certificate %(number)s revoked.") % {"number": number})
    return redirect("training:certificates", batch_code=certificate.training_class.batch.code)


def dropouts_page(request: HttpRequest) -> HttpResponse:
    """Participants absent from several sessions in a row, in the user's area, with phones."""
    in_a_row = settings.TRAINING_DROPOUT_ABSENCES
    today = timezone.localdate()
    rows = [
        (item, (seat_release_deadline(item.training_class) or today) >= today)
        for item in selectors.dropouts(user=request_user(request), in_a_row=in_a_row)
    ]
    return render(request, "training/dropouts.html", {"rows": rows, "in_a_row": in_a_row})


def dropout_release_action(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    """Give a drop-out's seat to the next on the waitlist (first week of the class only)."""
    user = request_user(request)
    enrolment = scoped_get(Enrolment.objects.all(), user, pk=enrolment_id)
    try:
        dropout_seat_release(enrolment=enrolment)
    except ApplicationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The seat went to the next person on the waitlist."))
    return redirect("training:dropouts")


def verify_page(request: HttpRequest, number: str | None = None) -> HttpResponse:
    """The public check: minimal data (masked name, programme, dates, valid or revoked), a
    limited number of look-ups a minute from one address, so numbers cannot be trawled."""
    if verification_limited(request):
        return render(request, "training/verify.html", {"limited": True}, status=429)
    form = VerifyForm(request.GET if number is None and "number" in request.GET else None)
    if number is None and form.is_valid():
        number = form.cleaned_data["number"]
    result = None
    if number is not None:
        result = certificate_verify(number=number, signed=request.GET.get("d"))
    return render(request, "training/verify.html", {"form": form, "result": result})
