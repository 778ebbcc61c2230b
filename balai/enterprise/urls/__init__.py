"""Enterprise's routes, one module per part; each registers its routes' access in the
"enterprise" namespace beside them."""

from __future__ import annotations

from balai.enterprise.urls import (
    bank,
    grants,
    groups,
    ledger,
    loans,
    payouts,
    portfolio,
    repayments,
)

app_name = "enterprise"
urlpatterns = [
    *groups.urlpatterns,
    *grants.urlpatterns,
    *payouts.urlpatterns,
    *bank.urlpatterns,
    *loans.urlpatterns,
    *repayments.urlpatterns,
    *portfolio.urlpatterns,
    *ledger.urlpatterns,
]
