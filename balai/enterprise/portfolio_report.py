"""The portfolio page's report: the quality of the loans a user may see, broken down one
level below where they stand (city: by kecamatan; a kecamatan: by kelurahan; a kelurahan:
by group), with the loans in arrears for staff. Viewers (leadership) see aggregates only:
no borrower's name, no group's name."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.accounts.models import Role, User
from balai.core.errors import ApplicationError
from balai.enterprise.models import Loan
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


class PortfolioInvalidError(ApplicationError):
    code = "portfolio_invalid"


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
    loans_listed_limit: int = LOANS_LISTED


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
    as_of = _as_of_checked(as_of)
    loans = _visible_loans(user, kecamatan_code=kecamatan_code, kelurahan_code=kelurahan_code)
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


def portfolio_summary(
    *,
    user: User | object,
    as_of: datetime.date | None = None,
    kecamatan_code: str = "",
    kelurahan_code: str = "",
) -> PortfolioQuality:
    """Return the quality of the loans `user` may see (narrowed to an area if given)."""
    loans = _visible_loans(user, kecamatan_code=kecamatan_code, kelurahan_code=kelurahan_code)
    return portfolio_quality(loans=loans, as_of=_as_of_checked(as_of))


def portfolio_breakdown(
    *,
    user: User | object,
    breakdown: str,
    as_of: datetime.date | None = None,
    kecamatan_code: str = "",
    kelurahan_code: str = "",
) -> list[AreaQuality]:
    """Return the quality of the loans `user` may see for each kecamatan, kelurahan or
    group (groups: staff only, as a group's name may be its members')."""
    if breakdown == Breakdown.GROUP and not shows_names(user):
        message = _("Leaders see the portfolio by kecamatan or kelurahan, not by group.")
        raise PortfolioInvalidError(message, details={"breakdown": [message]})
    loans = _visible_loans(user, kecamatan_code=kecamatan_code, kelurahan_code=kelurahan_code)
    return portfolio_quality_by(loans=loans, breakdown=breakdown, as_of=_as_of_checked(as_of))


def _visible_loans(
    user: User | object, *, kecamatan_code: str, kelurahan_code: str
) -> QuerySet[Loan]:
    return portfolio_loans_in(
        portfolio_loans(user=user, for_aggregates=not shows_names(user)),
        kecamatan_code=kecamatan_code,
        kelurahan_code=kelurahan_code,
    )


def _as_of_checked(as_of: datetime.date | None) -> datetime.date:
    today = timezone.localdate()
    if as_of is None:
        return today
    if as_of > today:
        message = _("Choose today or a past date.")
        raise PortfolioInvalidError(message, details={"as_of": [message]})
    return as_of
