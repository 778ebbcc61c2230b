"""A URL configuration with one route that declares no access policy, for the access tests."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from config.urls import urlpatterns as real_urlpatterns


def unclassified_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse("view ran")


urlpatterns = [
    path("unclassified/", unclassified_view, name="unclassified"),
    *real_urlpatterns,
]
