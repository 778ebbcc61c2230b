from __future__ import annotations

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router, Schema

from balai.core.access import PUBLIC, register_route_access
from balai.regions.models import Kecamatan, Kelurahan
from balai.regions.selectors import kecamatan_list, kelurahan_list

router = Router(tags=["regions"])


class KecamatanOut(Schema):
    code: str
    name: str


class KelurahanOut(Schema):
    code: str
    name: str
    kecamatan_code: str
    postal_code: str

    @staticmethod
    def resolve_kecamatan_code(kelurahan: Kelurahan) -> str:
        return kelurahan.kecamatan_id


@router.get("/kecamatan", response=list[KecamatanOut], url_name="kecamatan_list")
def kecamatan_index(request: HttpRequest) -> QuerySet[Kecamatan]:
    """The kecamatan this deployment serves, by Kemendagri code."""
    return kecamatan_list(regency_code=settings.BALAI_REGENCY_CODE)


@router.get("/kelurahan", response=list[KelurahanOut], url_name="kelurahan_list")
def kelurahan_index(request: HttpRequest, kecamatan: str | None = None) -> QuerySet[Kelurahan]:
    """The kelurahan this deployment serves, optionally of one kecamatan (by code)."""
    return kelurahan_list(regency_code=settings.BALAI_REGENCY_CODE, kecamatan_code=kecamatan)


register_route_access("api-v1", {"kecamatan_list": PUBLIC, "kelurahan_list": PUBLIC})
