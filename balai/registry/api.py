from __future__ import annotations

import uuid

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from balai.api.auth import SIGNED_IN_AUTH
from balai.api.schemas import Pagination
from balai.core.access import STAFF, register_route_access, request_user
from balai.registry.models import Person
from balai.registry.rights_api import router as own_data_router
from balai.registry.selectors import person_list

router = Router(tags=["persons"], auth=SIGNED_IN_AUTH)
router.add_router("/me/", own_data_router)  # a resident's own data and corrections


class PersonOut(Schema):
    """No birth date: beside the masked NIK and the kelurahan it would rebuild the NIK."""

    public_id: uuid.UUID
    nik_masked: str = Field(description="Only the last four digits shown.")
    full_name: str
    sex: str
    domicile_kelurahan_code: str

    @staticmethod
    def resolve_domicile_kelurahan_code(person: Person) -> str:
        return person.domicile_kelurahan_id


@router.get("", response=list[PersonOut], url_name="person_list")
@paginate(Pagination, page_size=50)
def person_index(request: HttpRequest) -> QuerySet[Person]:
    """Residents in the caller's area (NIKs masked), 50 a page."""
    return person_list(user=request_user(request)).order_by("full_name", "id")


register_route_access("api-v1", {"person_list": STAFF})
