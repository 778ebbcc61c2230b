"""Routes of enterprise's groups, with their access declared beside them."""

from __future__ import annotations

from django.urls import URLPattern, path
from django.views.decorators.http import require_http_methods, require_POST

from balai.accounts.models import Role
from balai.core.access import STAFF, register_route_access, roles
from balai.enterprise.views import groups as views

GET_OR_POST = require_http_methods(["GET", "POST"])

urlpatterns: list[URLPattern] = [
    path("groups/", views.groups_page, name="groups"),
    path("groups/new/", GET_OR_POST(views.group_new_page), name="group_new"),
    path("groups/mine/", views.my_group_page, name="my_group"),
    path("groups/interest/", GET_OR_POST(views.business_interest_page), name="business_interest"),
    path("groups/suggestions/", views.group_suggestions_page, name="group_suggestions"),
    path("groups/<int:group_id>/", views.group_detail_page, name="group_detail"),
    path(
        "groups/<int:group_id>/members/",
        require_POST(views.group_members_action),
        name="group_members",
    ),
    path(
        "groups/<int:group_id>/dissolve/",
        require_POST(views.group_dissolve_action),
        name="group_dissolve",
    ),
]

STAFF_AND_PARTICIPANTS = roles(
    Role.ADMIN, Role.KECAMATAN_OPERATOR, Role.KELURAHAN_OPERATOR, Role.PARTICIPANT
)

# Staff work on their area's groups; a participant on their own (its leader changes roles
# and members leaving). Which groups each sees is the area scope's decision.
register_route_access(
    "enterprise",
    {
        "groups": STAFF_AND_PARTICIPANTS,
        "group_new": STAFF_AND_PARTICIPANTS,
        "group_detail": STAFF_AND_PARTICIPANTS,
        "group_members": STAFF_AND_PARTICIPANTS,
        "group_dissolve": STAFF,
        "group_suggestions": STAFF,
        "business_interest": STAFF_AND_PARTICIPANTS,
        "my_group": roles(Role.PARTICIPANT),
    },
)
