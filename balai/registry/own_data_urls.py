"""A resident's own data and their correction requests, under /my-data/: apart from the
registry's /persons/ pages, which are the operators'."""

from django.urls import path

from balai.accounts.models import Role
from balai.core.access import register_route_access, roles
from balai.registry import rights_views

app_name = "own_data"
urlpatterns = [
    path("", rights_views.my_data_page, name="page"),
    path("download.json", rights_views.my_data_json, name="json"),
    path("download.pdf", rights_views.my_data_pdf, name="pdf"),
    path("correction/", rights_views.correction_request_page, name="correction_request"),
]
RESIDENT = roles(Role.PARTICIPANT)
register_route_access(
    app_name, {"page": RESIDENT, "json": RESIDENT, "pdf": RESIDENT, "correction_request": RESIDENT}
)
