from django.urls import path

from balai.catalogue import views
from balai.core.access import PUBLIC, register_route_access

app_name = "catalogue"
urlpatterns = [path("", views.programme_list_page, name="programme_list")]
register_route_access(app_name, {"programme_list": PUBLIC})
