from django.urls import path

from balai.core.access import PUBLIC
from balai.reporting.views import home

urlpatterns = [
    path("", home.home_page, name="home"),
]
POLICIES = {"home": PUBLIC}
