"""The portfolio page's report: the quality of the loans a user may see, broken down one
level below where they stand (city: by kecamatan; a kecamatan: by kelurahan; a kelurahan:
by group), with the loans in arrears for staff. Viewers (leadership) see aggregates only:
no borrower's name, no group's name."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from balai.accounts.models import Role, User
from balai.enterprise.portfolio import (
    AreaQuality,
    Breakdown,
    LoanInArrears,
    PortfolioQuality,
    loans_in_arrears,
    portfolio_loans,
    portfolio_loans_in,
    portfolio_quality,
    portfolio_quality_by,
)

LOANS_LISTED = 200


@dataclass(frozen=True)
class PortfolioReport:
    as_of: datetime.date
    kecamatan_code: str
    kelurahan_code: str
    quality: PortfolioQuality
    breakdown: str
    areas: list[AreaQuality]
    # None for viewers: they see no names.
    loans_in_arrears: list[LoanInArrears] | None


def shows_names(user: User | object) -> bool:
    """Return whether `user` sees borrowers' and groups' names (staff, not viewers)."""
    return isinstance(user, User) and user.role != Role.VIEWER


def breakdown_for(user: User | object, *, kecamatan_code: str, kelurahan_code: str) -> str:
    """Return the level below where the user stands: a kelurahan's groups (staff only), a
    kecamatan's kelurahan, or the city's kecamatan."""
    role = getattr(user, "role", None)
    if kelurahan_code or role == Role.KELURAHAN_OPERATOR:
        return Breakdown.GROUP if shows_names(user) else Breakdown.KELURAHAN
    if kecamatan_code or role == Role.KECAMATAN_OPERATOR:
        return Breakdown.KELURAHAN
    return Breakdown.KECAMATAN


def portfolio_report(
    *,
    user: User | object,
    as_of: datetime.date | None = None,
    kecamatan_code: str = "",
    kelurahan_code: str = "",
) -> PortfolioReport:
    """Return the report of the loans `user` may see, in a kecamatan or kelurahan if given
    (a drill-down), as of `as_of` (default today), in a fixed number of queries."""
    as_of = as_of or timezone.localdate()
    loans = portfolio_loans_in(
        portfolio_loans(user=user, for_aggregates=not shows_names(user)),
        kecamatan_code=kecamatan_code,
        kelurahan_code=kelurahan_code,
    )
    breakdown = breakdown_for(user, kecamatan_code=kecamatan_code, kelurahan_code=kelurahan_code)
    listed = (
        loans_in_arrears(loans=loans, as_of=as_of, limit=LOANS_LISTED)
        if shows_names(user)
        else None
    )
    return PortfolioReport(
        as_of=as_of,
        kecamatan_code=kecamatan_code,
        kelurahan_code=kelurahan_code,
        quality=portfolio_quality(loans=loans, as_of=as_of),
        breakdown=breakdown,
        areas=portfolio_quality_by(loans=loans, breakdown=breakdown, as_of=as_of),
        loans_in_arrears=listed,
    )
