"""The navigation each role sees: one list, so a page's links and its access rule agree."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from balai.accounts.models import Role, User
from balai.core.access import STAFF, policy_for

NAVIGATION = [
    ("reporting:home", _("Home")),
    ("reporting:dashboard", _("Dashboard")),
    ("reporting:monthly_report_list", _("Monthly reports")),
    ("intake:batch_choice", _("Register")),
    ("intake:my_applications", _("My applications")),
    ("intake:application_list", _("Applications")),
    ("intake:allocation_list", _("Allocation")),
    ("scheduling:batch_list", _("Timetables")),
    ("scheduling:area_week", _("Classes in my area")),
    ("scheduling:mine", _("My schedule")),
    ("training:teaching", _("My classes")),
    ("training:mine", _("My training")),
    ("placement:recommended_vacancies", _("Jobs for you")),
    ("placement:my_job_applications", _("My job applications")),
    ("enterprise:enterprise_home", _("Business")),
    ("placement:employer_company", _("Company")),
    ("placement:employer_vacancies", _("Your vacancies")),
    ("own_data:page", _("My data")),
    ("training:dropouts", _("Follow-up")),
    ("training:feedback_results", _("Feedback")),
    ("placement:placements", _("Placements")),
    ("placement:recruitments", _("Local recruitment")),
    ("placement:tracer", _("Tracer survey")),
    ("placement:indicators", _("Outcomes")),
    ("enterprise:portfolio", _("Loan portfolio")),
    ("placement:company_queue", _("Employers")),
    ("placement:vacancy_queue", _("Vacancy verification")),
    ("registry:person_list", _("Residents")),
    ("registry:duplicate_list", _("Duplicates")),
    ("registry:correction_list", _("Corrections")),
    ("catalogue:programme_list", _("Programmes")),
    ("regions:kelurahan_list", _("Kelurahan")),
    ("core:job_list", _("Jobs")),
    ("core:audit_list", _("Audit log")),
    ("api-v1:openapi-view", _("API")),
    ("placement:vacancies", _("Job vacancies")),
    ("placement:job_fairs", _("Job fairs")),
    ("training:verify_form", _("Verify a certificate")),
]
# Open to anyone who has the address (integrators read it), but a link residents have no use
# for: on a phone it only pushes what they came for further down.
STAFF_ONLY_LINKS = {"api-v1:openapi-view"}
# Open to everyone, but only residents (and visitors, who may become one) register for
# training: in an employer's or an official's menu the link reads as their own business.
RESIDENT_ONLY_LINKS = {"intake:batch_choice"}


def navigation(request: HttpRequest) -> dict[str, Any]:
    """Return the links of the main menu that the current user's role may open."""
    user = getattr(request, "user", None)
    role = user.role if isinstance(user, User) else None
    items = []
    current = request.resolver_match.view_name if request.resolver_match else ""
    for view_name, label in NAVIGATION:
        policy = policy_for(view_name)
        if policy is None or not (policy.public or (role is not None and policy.allows(role))):
            continue
        if view_name in STAFF_ONLY_LINKS and not (role is not None and STAFF.allows(role)):
            continue
        if view_name in RESIDENT_ONLY_LINKS and role not in (None, Role.PARTICIPANT):
            continue
        items.append({"url": reverse(view_name), "label": label, "current": view_name == current})
    return {
        "navigation": items,
        "role_label": Role(role).label if role else "",
        # A resident has no use for API tokens: on a phone the link only crowds the header.
        # The page stays open to them, like the API's documentation.
        "api_tokens_link": role is not None and role != Role.PARTICIPANT,
    }
