"""Pages of the virtual job fair: the public list, a fair with its booths, a booth with its
vacancies, a company's logo; the admin's fair set-up and funnel; the employer's own booth."""

from __future__ import annotations

import hashlib

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.accounts.models import Role, User
from balai.core.access import request_user, route_allowed
from balai.core.errors import ApplicationError
from balai.placement import fair_selectors
from balai.placement.companies import company_of_user
from balai.placement.fair_forms import BoothAddForm, BoothForm, JobFairForm
from balai.placement.fairs import (
    booth_add,
    booth_join,
    booth_update,
    fair_visit_record,
    job_fair_create,
    job_fair_update,
    visitor_key,
)
from balai.placement.models import Booth, Company, CompanyStatus, JobFair
from balai.placement.uploads import file_kind_of_name

# A logo's address names its file, and every upload gets a new name: it never changes under
# an address, so browsers and proxies may keep it for a year.
LOGO_CACHE_SECONDS = 365 * 24 * 3600


def _visit_count(request: HttpRequest, job_fair: JobFair, booth: Booth | None = None) -> None:
    user = request.user if isinstance(request.user, User) else None
    if user is None:
        if not request.session.session_key:
            # A public visitor gets a session only to be counted once a day; its key is
            # hashed before it is stored.
            request.session["job_fair_visitor"] = True
            request.session.save()
        session_key = request.session.session_key or ""
    else:
        session_key = ""
    fair_visit_record(
        job_fair=job_fair, booth=booth, key=visitor_key(user=user, session_key=session_key)
    )


def job_fairs_page(request: HttpRequest) -> HttpResponse:
    """Every job fair: those on now and to come first, then the past ones."""
    coming, past = fair_selectors.job_fairs_listed(today=timezone.localdate())
    return render(
        request,
        "placement/fairs/job_fairs.html",
        {
            "coming": coming,
            "past": past,
            "today": timezone.localdate(),
            "can_create": route_allowed(request, "placement:job_fair_new"),
        },
    )


def job_fair_page(request: HttpRequest, job_fair_id: int) -> HttpResponse:
    """A job fair and its booths, each with its company's logo, sector and open vacancies."""
    job_fair = get_object_or_404(JobFair, pk=job_fair_id)
    today = timezone.localdate()
    _visit_count(request, job_fair)
    booths = list(fair_selectors.job_fair_booths(job_fair=job_fair, today=today))
    company = company_of_user(request.user) if isinstance(request.user, User) else None
    may_join = (
        company is not None
        and company.status == CompanyStatus.VERIFIED
        and job_fair.ends_on >= today
        and all(booth.company_id != company.pk for booth in booths)
    )
    return render(
        request,
        "placement/fairs/job_fair.html",
        {
            "job_fair": job_fair,
            "booths": booths,
            "today": today,
            "may_join": may_join,
            "may_manage": route_allowed(request, "placement:job_fair_manage"),
        },
    )


def _booth_of_fair(job_fair_id: int, booth_id: int) -> Booth:
    return get_object_or_404(
        Booth.objects.select_related("company", "job_fair"), pk=booth_id, job_fair_id=job_fair_id
    )


def booth_page(request: HttpRequest, job_fair_id: int, booth_id: int) -> HttpResponse:
    """A company's booth: its logo, what it offers, and its vacancies still open."""
    booth = _booth_of_fair(job_fair_id, booth_id)
    _visit_count(request, booth.job_fair, booth)
    company = company_of_user(request.user) if isinstance(request.user, User) else None
    today = timezone.localdate()
    resident = not request.user.is_authenticated or request_user(request).role == Role.PARTICIPANT
    return render(
        request,
        "placement/fairs/booth.html",
        {
            "booth": booth,
            # Applying from the booth records the fair, which takes applications while it is on.
            "may_apply": resident and booth.job_fair.starts_on <= today <= booth.job_fair.ends_on,
            "vacancies": fair_selectors.booth_vacancies_open(booth=booth, today=today),
            "may_edit": company is not None and company.pk == booth.company_id,
        },
    )


def booth_edit_page(request: HttpRequest, job_fair_id: int, booth_id: int) -> HttpResponse:
    """The employer's own booth: its description, the company's logo, the vacancies shown."""
    booth = _booth_of_fair(job_fair_id, booth_id)
    user = request_user(request)
    company = company_of_user(user)
    if company is None or company.pk != booth.company_id:
        raise Http404
    vacancies = fair_selectors.company_vacancies_published(company_id=company.pk)
    if request.method == "POST":
        form = BoothForm(vacancies, request.POST, request.FILES)
        if form.is_valid():
            try:
                booth_update(
                    booth=booth,
                    user=user,
                    description=form.cleaned_data["description"],
                    vacancies=list(form.cleaned_data["vacancies"]),
                    logo=form.cleaned_data["logo"] or None,
                )
            except ApplicationError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Booth saved."))
                return redirect("placement:booth", job_fair_id=job_fair_id, booth_id=booth.pk)
    else:
        form = BoothForm(
            vacancies,
            initial={"description": booth.description, "vacancies": list(booth.vacancies.all())},
        )
    return render(request, "placement/fairs/booth_edit.html", {"booth": booth, "form": form})


def booth_join_action(request: HttpRequest, job_fair_id: int) -> HttpResponse:
    """The employer takes a booth for their verified company."""
    job_fair = get_object_or_404(JobFair, pk=job_fair_id)
    try:
        booth = booth_join(job_fair=job_fair, user=request_user(request))
    except ApplicationError as error:
        messages.error(request, str(error))
        return redirect("placement:job_fair", job_fair_id=job_fair.pk)
    messages.success(request, _("Your company has a booth. Say what it offers."))
    return redirect("placement:booth_edit", job_fair_id=job_fair.pk, booth_id=booth.pk)


def job_fair_new_page(request: HttpRequest) -> HttpResponse:
    """An admin sets up a job fair."""
    form = JobFairForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            job_fair = job_fair_create(**form.cleaned_data)
        except ApplicationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Job fair created. Add the companies' booths."))
            return redirect("placement:job_fair_manage", job_fair_id=job_fair.pk)
    return render(request, "placement/fairs/job_fair_form.html", {"form": form})


def job_fair_manage_page(request: HttpRequest, job_fair_id: int) -> HttpResponse:
    """An admin's page of a fair: its details, its booths, and its funnel."""
    job_fair = get_object_or_404(JobFair, pk=job_fair_id)
    form = JobFairForm(request.POST or None, instance=job_fair)
    if request.method == "POST" and form.is_valid():
        try:
            job_fair_update(job_fair=job_fair, fields=form.cleaned_data)
        except ApplicationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Job fair saved."))
            return redirect("placement:job_fair_manage", job_fair_id=job_fair.pk)
    return render(
        request,
        "placement/fairs/job_fair_manage.html",
        {
            "job_fair": job_fair,
            "form": form,
            "booth_form": BoothAddForm(job_fair),
            "booths": fair_selectors.job_fair_booths(job_fair=job_fair, today=timezone.localdate()),
            "funnel": fair_selectors.fair_funnel(job_fair=job_fair, user=request_user(request)),
        },
    )


def booth_add_action(request: HttpRequest, job_fair_id: int) -> HttpResponse:
    """An admin gives a verified company a booth."""
    job_fair = get_object_or_404(JobFair, pk=job_fair_id)
    form = BoothAddForm(job_fair, request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a verified company without a booth here."))
    else:
        try:
            booth_add(job_fair=job_fair, company=form.cleaned_data["company"])
        except ApplicationError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Booth added."))
    return redirect("placement:job_fair_manage", job_fair_id=job_fair.pk)


def company_logo(request: HttpRequest, company_id: int, name: str) -> FileResponse:
    """A verified company's logo, streamed by the app itself (media files are not served
    otherwise), with the type its checked content was stored under and a year's caching."""
    company = get_object_or_404(Company, pk=company_id, status=CompanyStatus.VERIFIED)
    if not company.logo or (company.logo.name or "").rsplit("/", 1)[-1] != name:
        raise Http404
    try:
        logo = company.logo.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    kind = file_kind_of_name(name)
    if kind is None:  # never sent as anything but the image it was checked to be on upload
        logo.close()
        raise Http404
    response = FileResponse(logo, content_type=kind.content_type)
    response["Cache-Control"] = f"public, max-age={LOGO_CACHE_SECONDS}, immutable"
    response["ETag"] = f'"{hashlib.sha256(name.encode()).hexdigest()[:16]}"'
    response["Content-Disposition"] = "inline"
    return response
