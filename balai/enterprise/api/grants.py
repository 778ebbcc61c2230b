"""Enterprise's grants over the API: the same services and selectors as the pages."""

from ninja import Router

from balai.api.auth import SIGNED_IN_AUTH

router = Router(tags=["enterprise"], auth=SIGNED_IN_AUTH)
