from __future__ import annotations

from django.contrib.auth import logout
from django.http import HttpRequest
from ninja import Router, Schema, Status

from balai.accounts.models import ApiToken
from balai.accounts.services import api_token_revoke
from balai.api.auth import SIGNED_IN_AUTH
from balai.api.schemas import ErrorOut
from balai.core.access import SIGNED_IN, register_route_access, request_user

router = Router(tags=["accounts"], auth=SIGNED_IN_AUTH)


class MeOut(Schema):
    username: str
    full_name: str
    role: str
    kecamatan_code: str | None
    kelurahan_code: str | None


@router.get("/me", response={200: MeOut, 401: ErrorOut}, url_name="me")
def me(request: HttpRequest) -> MeOut:
    """The signed-in user, their role and their area."""
    user = request_user(request)
    return MeOut(
        username=user.username,
        full_name=user.first_name,
        role=user.role,
        kecamatan_code=user.kecamatan_id,
        kelurahan_code=user.kelurahan_id,
    )


@router.post("/sign-out", response={204: None, 401: ErrorOut}, url_name="sign_out")
def sign_out(request: HttpRequest) -> Status[None]:
    """End the token this request carries (or the browser session): it is refused from now on."""
    api_token = getattr(request, "api_token", None)
    if isinstance(api_token, ApiToken):
        api_token_revoke(api_token=api_token)
    else:
        logout(request)
    return Status(204, None)


register_route_access("api-v1", {"me": SIGNED_IN, "sign_out": SIGNED_IN})
