"""Routes of enterprise's ledger and of enterprise's home, with their access declared
beside them."""

from __future__ import annotations

from django.urls import URLPattern, path

from balai.accounts.models import Role
from balai.core.access import ADMIN_ONLY, register_route_access, roles
from balai.enterprise.views import home
from balai.enterprise.views import ledger as views

urlpatterns: list[URLPattern] = [
    path("usaha/", home.enterprise_home_page, name="enterprise_home"),
    path("ledger/", views.ledger_page, name="ledger"),
    path("ledger/balances/", views.ledger_balances_page, name="ledger_balances"),
    path("ledger/<int:transaction_id>/", views.ledger_transaction_page, name="ledger_transaction"),
]

# The journal names borrowers' loans and grants: admins only. The trial balance is totals
# per programme account, no person in it: leadership (viewers) reads it too. The home is
# for everybody who has an enterprise to look after: staff and participants.
register_route_access(
    "enterprise",
    {
        "enterprise_home": roles(
            Role.ADMIN, Role.KECAMATAN_OPERATOR, Role.KELURAHAN_OPERATOR, Role.PARTICIPANT
        ),
        "ledger": ADMIN_ONLY,
        "ledger_transaction": ADMIN_ONLY,
        "ledger_balances": roles(Role.ADMIN, Role.VIEWER),
    },
)
