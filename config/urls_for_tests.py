"""The routes of the test run: Balai's own, plus those of the test-only apps."""

from django.urls import include, path

from config.urls import handler500
from config.urls import urlpatterns as project_urlpatterns

__all__ = ["handler500", "urlpatterns"]

urlpatterns = [
    *project_urlpatterns,
    path("test-hiring/", include("balai.core.tests.hiring.urls")),
]
