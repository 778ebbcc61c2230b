from django.urls import path

from balai.accounts.models import Role
from balai.core.access import PUBLIC, STAFF, register_route_access, roles
from balai.intake import views
from balai.intake.imports import views as import_views

app_name = "intake"
urlpatterns = [
    path("register/", views.batch_choice_page, name="batch_choice"),
    path("register/suggestions/", views.suggestions_fragment, name="suggestions"),
    path("register/<slug:batch_code>/", views.register_page, name="register"),
    path("my-applications/", views.my_applications_page, name="my_applications"),
    path("my-applications/password/", views.set_first_password, name="set_first_password"),
    path("applications/", views.application_list_page, name="application_list"),
    path(
        "applications/assist/<slug:batch_code>/",
        views.assisted_register_page,
        name="assisted_register",
    ),
    path(
        "applications/<uuid:public_id>/",
        views.application_detail_page,
        name="application_detail",
    ),
    path("imports/template.xlsx", import_views.import_template_download, name="import_template"),
    path("imports/new/<slug:batch_code>/", import_views.import_upload_page, name="import_upload"),
    path("imports/<uuid:upload_id>/", import_views.import_detail_page, name="import_detail"),
    path(
        "imports/<uuid:upload_id>/confirm/",
        import_views.import_confirm_action,
        name="import_confirm",
    ),
    path(
        "imports/<uuid:upload_id>/rejected.xlsx",
        import_views.import_rejected_download,
        name="import_rejected",
    ),
]
register_route_access(
    app_name,
    {
        "batch_choice": PUBLIC,
        "register": PUBLIC,
        "suggestions": PUBLIC,
        "my_applications": roles(Role.PARTICIPANT),
        "set_first_password": roles(Role.PARTICIPANT),
        "application_list": STAFF,
        "assisted_register": STAFF,
        "application_detail": STAFF,
        "import_template": STAFF,
        "import_upload": STAFF,
        "import_detail": STAFF,
        "import_confirm": STAFF,
        "import_rejected": STAFF,
    },
)
