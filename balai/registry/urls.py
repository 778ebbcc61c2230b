from django.urls import path

from balai.core.access import STAFF, register_route_access
from balai.registry import rights_urls, views

app_name = "registry"
urlpatterns = [
    path("", views.person_list_page, name="person_list"),
    path("duplicates/", views.duplicate_list_page, name="duplicate_list"),
    path("front-desk/claim-code/", views.claim_code_issue_page, name="claim_code_issue"),
    path(
        "duplicates/<int:candidate_id>/verdict/",
        views.duplicate_resolve_action,
        name="duplicate_resolve",
    ),
]
register_route_access(
    app_name,
    {
        "person_list": STAFF,
        "duplicate_list": STAFF,
        "duplicate_resolve": STAFF,
        "claim_code_issue": STAFF,
    },
)

# Residents' own data and corrections, with their policies, in a module of their own.
urlpatterns += rights_urls.urlpatterns
