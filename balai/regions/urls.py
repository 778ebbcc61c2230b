from django.urls import path

from balai.core.access import PUBLIC, register_route_access
from balai.regions import views

app_name = "regions"
urlpatterns = [path("", views.kelurahan_list_page, name="kelurahan_list")]
register_route_access(app_name, {"kelurahan_list": PUBLIC})
