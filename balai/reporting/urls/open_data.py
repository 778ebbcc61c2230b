"""Open data: public, read by anybody, signed in or not."""

from __future__ import annotations

from django.urls import path

from balai.core.access import PUBLIC
from balai.reporting.views import open_data

urlpatterns = [
    path("data/", open_data.open_data_page, name="open_data"),
    path("data/<str:table>.csv", open_data.open_data_csv, name="open_data_csv"),
]
POLICIES = {"open_data": PUBLIC, "open_data_csv": PUBLIC}
