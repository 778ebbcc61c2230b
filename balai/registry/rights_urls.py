"""Routes of residents' rights (their own data, corrections) and of the operators' queue.

Appended to the registry's routes (namespace "registry"), kept here so that they are read
together with their access policies."""

from django.urls import path

from balai.accounts.models import Role
from balai.core.access import STAFF, register_route_access, roles
from balai.registry import rights_views

urlpatterns = [
    path("my-data/", rights_views.my_data_page, name="my_data"),
    path("my-data/download.json", rights_views.my_data_json, name="my_data_json"),
    path("my-data/download.pdf", rights_views.my_data_pdf, name="my_data_pdf"),
    path("my-data/correction/", rights_views.correction_request_page, name="correction_request"),
    path("corrections/", rights_views.correction_list_page, name="correction_list"),
    path(
        "corrections/<int:correction_id>/decision/",
        rights_views.correction_decide_action,
        name="correction_decide",
    ),
]
RESIDENT = roles(Role.PARTICIPANT)
register_route_access(
    "registry",
    {
        "my_data": RESIDENT,
        "my_data_json": RESIDENT,
        "my_data_pdf": RESIDENT,
        "correction_request": RESIDENT,
        "correction_list": STAFF,
        "correction_decide": STAFF,
    },
)
