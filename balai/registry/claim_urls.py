"""Residents claim their account, or get back into it, with a one-time code."""

from django.urls import path

from balai.core.access import PUBLIC, register_route_access
from balai.registry import views

app_name = "claim"
urlpatterns = [
    path("", views.claim_code_request_page, name="code_request"),
    path("code/", views.account_claim_page, name="account_claim"),
]
register_route_access(app_name, {"code_request": PUBLIC, "account_claim": PUBLIC})
