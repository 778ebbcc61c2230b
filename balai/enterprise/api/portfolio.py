"""Enterprise's portfolio over the API: its quality as of a date (PAR, arrears ageing,
repayment rate), whole or by area, from the same selectors as the page. Staff see their
area, viewers (leadership) the city's in aggregate, never by group.

Amounts are integer Rupiah; ratios are percentages with two decimals, sent as strings as
JSON has no decimal type (null when nothing is outstanding or due)."""

import datetime
from decimal import Decimal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from balai.accounts.models import Role
from balai.api.auth import SIGNED_IN_AUTH
from balai.api.schemas import ErrorOut
from balai.core.access import register_route_access, request_user, roles
from balai.enterprise.portfolio import AreaQuality, Breakdown, PortfolioQuality
from balai.enterprise.portfolio_report import portfolio_breakdown, portfolio_summary

router = Router(tags=["enterprise"], auth=SIGNED_IN_AUTH)

READ_ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 422: ErrorOut}
PORTFOLIO_READERS = roles(Role.ADMIN, Role.KECAMATAN_OPERATOR, Role.KELURAHAN_OPERATOR, Role.VIEWER)


class PortfolioFilter(Schema):
    as_of: datetime.date | None = Field(None, description="Today or a past date; default today.")
    kecamatan_code: str = Field("", max_length=8, description="Narrow to one kecamatan.")
    kelurahan_code: str = Field("", max_length=13, description="Narrow to one kelurahan.")


class AgeingBucketOut(Schema):
    band: str = Field(description="current, 1-30, 31-60, 61-90, 91-180, over-180 (days).")
    loans: int
    outstanding: int = Field(description="Outstanding principal of these loans (Rp).")
    arrears: int = Field(description="Principal overdue on these loans (Rp).")


class PortfolioQualityOut(Schema):
    as_of: datetime.date
    loans: int = Field(description="Active loans.")
    outstanding: int
    arrears: int
    par1: int
    par30: int = Field(description="Outstanding of active loans more than 30 days late (Rp).")
    par90: int
    par1_percent: Decimal | None
    par30_percent: Decimal | None
    par90_percent: Decimal | None
    principal_due: int = Field(description="Principal due up to the date, every loan (Rp).")
    principal_repaid: int = Field(description="Paid by the date on that principal (Rp).")
    repayment_rate_percent: Decimal | None
    ageing: list[AgeingBucketOut]


class AreaQualityOut(Schema):
    key: str = Field(description="Kecamatan or kelurahan code, or group id ('' : individual).")
    name: str
    quality: PortfolioQualityOut


def quality_out(quality: PortfolioQuality) -> PortfolioQualityOut:
    ageing = [
        AgeingBucketOut(
            band=bucket.band.key,
            loans=bucket.loans,
            outstanding=bucket.outstanding,
            arrears=bucket.arrears,
        )
        for bucket in quality.buckets
    ]
    return PortfolioQualityOut(
        as_of=quality.as_of,
        loans=quality.loans,
        outstanding=quality.outstanding,
        arrears=quality.arrears,
        par1=quality.par1,
        par30=quality.par30,
        par90=quality.par90,
        par1_percent=quality.par1_percent,
        par30_percent=quality.par30_percent,
        par90_percent=quality.par90_percent,
        principal_due=quality.principal_due,
        principal_repaid=quality.principal_repaid,
        repayment_rate_percent=quality.repayment_rate_percent,
        ageing=ageing,
    )


def area_out(area: AreaQuality) -> AreaQualityOut:
    return AreaQualityOut(key=area.key, name=area.name, quality=quality_out(area.quality))


@router.get(
    "/summary",
    response={200: PortfolioQualityOut, **READ_ERRORS},
    url_name="portfolio_summary",
)
def portfolio_summary_endpoint(
    request: HttpRequest, filters: Query[PortfolioFilter]
) -> PortfolioQualityOut:
    """PAR1/30/90, arrears ageing and the repayment rate of the caller's area."""
    quality = portfolio_summary(
        user=request_user(request),
        as_of=filters.as_of,
        kecamatan_code=filters.kecamatan_code,
        kelurahan_code=filters.kelurahan_code,
    )
    return quality_out(quality)


@router.get(
    "/areas",
    response={200: list[AreaQualityOut], **READ_ERRORS},
    url_name="portfolio_areas",
)
def portfolio_areas_endpoint(
    request: HttpRequest,
    filters: Query[PortfolioFilter],
    breakdown: Breakdown = Breakdown.KECAMATAN,
) -> list[AreaQualityOut]:
    """The same, for each kecamatan, kelurahan or group of the caller's area (groups:
    staff only)."""
    areas = portfolio_breakdown(
        user=request_user(request),
        breakdown=breakdown,
        as_of=filters.as_of,
        kecamatan_code=filters.kecamatan_code,
        kelurahan_code=filters.kelurahan_code,
    )
    return [area_out(area) for area in areas]


register_route_access(
    "api-v1",
    {"portfolio_summary": PORTFOLIO_READERS, "portfolio_areas": PORTFOLIO_READERS},
)
