from django.urls import path

from balai.core.access import STAFF, register_route_access
from balai.registry import views

app_name = "registry"
urlpatterns = [path("", views.person_list_page, name="person_list")]
register_route_access(app_name, {"person_list": STAFF})
