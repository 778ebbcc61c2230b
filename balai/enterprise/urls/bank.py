"""Routes of enterprise's bank, with their access declared beside them."""

from __future__ import annotations

from django.urls import URLPattern, path
from django.views.decorators.http import require_http_methods

from balai.core.access import ADMIN_ONLY, register_route_access
from balai.enterprise.views import bank as views

GET_OR_POST = require_http_methods(["GET", "POST"])

urlpatterns: list[URLPattern] = [
    path("bank/transfers/", views.bank_transfers_page, name="bank_transfers"),
    path(
        "bank/transfers/new/", GET_OR_POST(views.bank_transfer_new_page), name="bank_transfer_new"
    ),
    path(
        "bank/transfers/<int:file_id>/file/",
        views.bank_transfer_file_download,
        name="bank_transfer_file",
    ),
    path("bank/statements/", views.bank_statements_page, name="bank_statements"),
    path(
        "bank/statements/import/",
        GET_OR_POST(views.bank_statement_import_page),
        name="bank_statement_import",
    ),
    path(
        "bank/statements/<int:statement_id>/",
        views.bank_statement_detail_page,
        name="bank_statement_detail",
    ),
]

# Money leaves the programme's account and the files name every payout of the city: the
# bank's pages are the admin's (Disnaker's) alone.
register_route_access(
    "enterprise",
    {
        "bank_transfers": ADMIN_ONLY,
        "bank_transfer_new": ADMIN_ONLY,
        "bank_transfer_file": ADMIN_ONLY,
        "bank_statements": ADMIN_ONLY,
        "bank_statement_import": ADMIN_ONLY,
        "bank_statement_detail": ADMIN_ONLY,
    },
)
