from django.urls import path

from balai.core.access import PUBLIC, register_route_access
from balai.reporting import views

app_name = "reporting"
urlpatterns = [
    path("", views.home_page, name="home"),
]
register_route_access(app_name, {"home": PUBLIC})
