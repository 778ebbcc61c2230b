"""Routes of enterprise's repayments, with their access declared beside them."""

from __future__ import annotations

from django.urls import URLPattern, path
from django.views.decorators.http import require_http_methods

from balai.accounts.models import Role
from balai.core.access import ADMIN_ONLY, STAFF, register_route_access, roles
from balai.enterprise.views import repayments as views

GET_OR_POST = require_http_methods(["GET", "POST"])
GET = require_http_methods(["GET"])

urlpatterns: list[URLPattern] = [
    path("loans/<int:loan_id>/repay/", GET_OR_POST(views.repayment_new_page), name="repayment_new"),
    path(
        "groups/<int:group_id>/collection/",
        GET_OR_POST(views.group_collection_page),
        name="group_collection",
    ),
    path(
        "repayments/<int:repayment_id>/reverse/",
        GET_OR_POST(views.repayment_reverse_page),
        name="repayment_reverse",
    ),
    path(
        "loans/<int:loan_id>/write-off/",
        GET_OR_POST(views.loan_write_off_page),
        name="loan_write_off",
    ),
    path("loans/<int:loan_id>/statement/", GET(views.loan_statement_page), name="loan_statement"),
    path(
        "groups/<int:group_id>/statement/",
        GET(views.group_statement_page),
        name="group_statement",
    ),
]

# Staff of the loan's area record money received (the treasurer brings it to the desk);
# only an admin corrects or writes off. The borrower and the group's current members read
# the statements: which loans and groups each sees is the area scope's decision.
STAFF_AND_BORROWERS = roles(
    Role.ADMIN, Role.KECAMATAN_OPERATOR, Role.KELURAHAN_OPERATOR, Role.PARTICIPANT
)
register_route_access(
    "enterprise",
    {
        "repayment_new": STAFF,
        "group_collection": STAFF,
        "repayment_reverse": ADMIN_ONLY,
        "loan_write_off": ADMIN_ONLY,
        "loan_statement": STAFF_AND_BORROWERS,
        "group_statement": STAFF_AND_BORROWERS,
    },
)
