from __future__ import annotations

from django.db.models import QuerySet

from balai.regions.models import Kecamatan, Kelurahan, Regency
from balai.regions.naming import region_name_key


def kecamatan_list(*, regency_code: str) -> QuerySet[Kecamatan]:
    """Return the kecamatan of a regency, by code."""
    return Kecamatan.objects.filter(regency_id=regency_code).order_by("code")


def kelurahan_list(
    *, regency_code: str | None = None, kecamatan_code: str | None = None
) -> QuerySet[Kelurahan]:
    """Return the kelurahan of a regency or a kecamatan, with their kecamatan, by code."""
    kelurahan = Kelurahan.objects.select_related("kecamatan").order_by("code")
    if kecamatan_code is not None:
        kelurahan = kelurahan.filter(kecamatan_id=kecamatan_code)
    if regency_code is not None:
        kelurahan = kelurahan.filter(kecamatan__regency_id=regency_code)
    return kelurahan


def kelurahan_find(*, text: str, regency_code: str) -> list[Kelurahan]:
    """Return the kelurahan of a regency that `text` names: its code, or its name typed loosely.

    More than one result means the name is ambiguous within the regency.
    """
    candidates = kelurahan_list(regency_code=regency_code)
    code = text.strip()
    by_code = list(candidates.filter(code=code))
    if by_code:
        return by_code
    return list(candidates.filter(name_key=region_name_key(text)))


def regency_name(*, regency_code: str) -> str:
    """Return the name of a regency, or its code if it is not loaded."""
    name = Regency.objects.filter(code=regency_code).values_list("name", flat=True).first()
    return name or regency_code
