"""Enterprise under /api/v1/enterprise/: one router per part."""

from __future__ import annotations

from ninja import Router

from balai.enterprise.api import bank, grants, groups, ledger, loans, payouts, portfolio, repayments

router = Router()
router.add_router("/groups/", groups.router)
router.add_router("/grants/", grants.router)
router.add_router("/payouts/", payouts.router)
router.add_router("/bank/", bank.router)
router.add_router("/loans/", loans.router)
router.add_router("/repayments/", repayments.router)
router.add_router("/portfolio/", portfolio.router)
router.add_router("/ledger/", ledger.router)
