"""The operators' queue of residents' correction requests, appended to the registry's routes
(namespace "registry", under /persons/) with its access policies."""

from django.urls import path

from balai.core.access import STAFF, register_route_access
from balai.registry import rights_views

urlpatterns = [
    path("corrections/", rights_views.correction_list_page, name="correction_list"),
    path(
        "corrections/<int:correction_id>/decision/",
        rights_views.correction_decide_action,
        name="correction_decide",
    ),
]
register_route_access("registry", {"correction_list": STAFF, "correction_decide": STAFF})
