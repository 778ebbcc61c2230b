"""Routes of enterprise's loans, with their access declared beside them."""

from __future__ import annotations

from django.urls import URLPattern, path
from django.views.decorators.http import require_http_methods, require_POST

from balai.accounts.models import Role
from balai.core.access import ADMIN_ONLY, STAFF, register_route_access, roles
from balai.enterprise.views import loans as views

GET_OR_POST = require_http_methods(["GET", "POST"])

urlpatterns: list[URLPattern] = [
    path("loans/", views.loans_page, name="loans"),
    path("loans/mine/", views.my_loans_page, name="my_loans"),
    path("loans/apply/", GET_OR_POST(views.loan_apply_page), name="loan_apply"),
    path("loans/products/", views.loan_products_page, name="loan_products"),
    path("loans/products/new/", GET_OR_POST(views.loan_product_new_page), name="loan_product_new"),
    path(
        "loans/products/<int:product_id>/edit/",
        GET_OR_POST(views.loan_product_edit_page),
        name="loan_product_edit",
    ),
    path("loans/applications/", views.loan_applications_page, name="loan_applications"),
    path(
        "loans/applications/<int:application_id>/",
        views.loan_application_detail_page,
        name="loan_application_detail",
    ),
    path(
        "loans/applications/<int:application_id>/decide/",
        require_POST(views.loan_application_decide_action),
        name="loan_application_decide",
    ),
    path(
        "loans/applications/<int:application_id>/disburse/",
        require_POST(views.loan_disburse_action),
        name="loan_disburse",
    ),
    path("loans/<int:loan_id>/", views.loan_detail_page, name="loan_detail"),
]

STAFF_AND_BORROWERS = roles(
    Role.ADMIN, Role.KECAMATAN_OPERATOR, Role.KELURAHAN_OPERATOR, Role.PARTICIPANT
)

# Products, decisions and disbursement are Disnaker's; staff follow their area's
# applications and loans; a participant applies (as a group's leader or for themself) and
# sees their own and their group's. Which rows each sees is the area scope's decision.
register_route_access(
    "enterprise",
    {
        "loan_products": ADMIN_ONLY,
        "loan_product_new": ADMIN_ONLY,
        "loan_product_edit": ADMIN_ONLY,
        "loan_apply": STAFF_AND_BORROWERS,
        "loan_applications": STAFF,
        "loan_application_detail": STAFF_AND_BORROWERS,
        "loan_application_decide": ADMIN_ONLY,
        "loan_disburse": ADMIN_ONLY,
        "loans": STAFF,
        "loan_detail": STAFF_AND_BORROWERS,
        "my_loans": roles(Role.PARTICIPANT),
    },
)
