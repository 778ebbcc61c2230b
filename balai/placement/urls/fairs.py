"""Routes of the virtual job fair, with their access declared beside them."""

from __future__ import annotations

from django.urls import path
from django.views.decorators.http import require_http_methods, require_POST

from balai.accounts.models import Role
from balai.core.access import ADMIN_ONLY, PUBLIC, register_route_access, roles
from balai.placement.views import fairs as views

GET_OR_POST = require_http_methods(["GET", "POST"])
urlpatterns = [
    path("job-fairs/", views.job_fairs_page, name="job_fairs"),
    path("job-fairs/new/", GET_OR_POST(views.job_fair_new_page), name="job_fair_new"),
    path("job-fairs/<int:job_fair_id>/", views.job_fair_page, name="job_fair"),
    path(
        "job-fairs/<int:job_fair_id>/manage/",
        GET_OR_POST(views.job_fair_manage_page),
        name="job_fair_manage",
    ),
    path(
        "job-fairs/<int:job_fair_id>/booths/add/",
        require_POST(views.booth_add_action),
        name="booth_add",
    ),
    path(
        "job-fairs/<int:job_fair_id>/join/",
        require_POST(views.booth_join_action),
        name="booth_join",
    ),
    path(
        "job-fairs/<int:job_fair_id>/booths/<int:booth_id>/",
        views.booth_page,
        name="booth",
    ),
    path(
        "job-fairs/<int:job_fair_id>/booths/<int:booth_id>/edit/",
        GET_OR_POST(views.booth_edit_page),
        name="booth_edit",
    ),
    path(
        "job-fairs/logos/<int:company_id>/<str:name>",
        views.company_logo,
        name="company_logo",
    ),
]

register_route_access(
    "placement",
    {
        # The fair is public: anyone may look round it, as at a fair in a hall.
        "job_fairs": PUBLIC,
        "job_fair": PUBLIC,
        "booth": PUBLIC,
        "company_logo": PUBLIC,
        "job_fair_new": ADMIN_ONLY,
        "job_fair_manage": ADMIN_ONLY,
        "booth_add": ADMIN_ONLY,
        "booth_join": roles(Role.EMPLOYER),
        "booth_edit": roles(Role.EMPLOYER),
    },
)
