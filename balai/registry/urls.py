from django.urls import path

from balai.core.access import STAFF, register_route_access
from balai.registry import rights_urls, views

app_name = "registry"
urlpatterns = [
    path("", views.person_list_page, name="person_list"),
    path("residents.xlsx", views.person_export_download, name="person_export"),
    path("<uuid:public_id>/", views.person_detail_page, name="person_detail"),
    path(
        "<uuid:public_id>/contact/",
        views.person_contact_correct_action,
        name="person_contact_correct",
    ),
    path("duplicates/", views.duplicate_list_page, name="duplicate_list"),
    path("front-desk/claim-code/", views.claim_code_issue_page, name="claim_code_issue"),
    path(
        "<uuid:public_id>/password-reset/",
        views.password_reset_code_page,
        name="password_reset_code",
    ),
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
        "person_export": STAFF,
        "person_detail": STAFF,
        "person_contact_correct": STAFF,
        "duplicate_list": STAFF,
        "duplicate_resolve": STAFF,
        "claim_code_issue": STAFF,
        "password_reset_code": STAFF,
    },
)

# Residents' own data and corrections, with their policies, in a module of their own.
urlpatterns += rights_urls.urlpatterns
