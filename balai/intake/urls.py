from django.urls import path

from balai.accounts.models import Role
from balai.core.access import ADMIN_ONLY, PUBLIC, STAFF, register_route_access, roles
from balai.intake import views
from balai.intake.allocation import views as allocation_views
from balai.intake.imports import views as import_views

app_name = "intake"
urlpatterns = [
    path("register/", views.batch_choice_page, name="batch_choice"),
    path("register/suggestions/", views.suggestions_fragment, name="suggestions"),
    path("register/<slug:batch_code>/", views.register_page, name="register"),
    path(
        "register/<slug:batch_code>/places/",
        views.offering_options_fragment,
        name="offering_options",
    ),
    path("my-applications/", views.my_applications_page, name="my_applications"),
    path("my-applications/password/", views.set_first_password, name="set_first_password"),
    path(
        "my-applications/<uuid:public_id>/choices/",
        views.choices_change_page,
        name="choices_change",
    ),
    path(
        "my-applications/<uuid:public_id>/choices/<int:rank>/withdraw/",
        views.choice_withdraw_action,
        name="choice_withdraw",
    ),
    path(
        "my-applications/<uuid:public_id>/withdraw/",
        views.application_withdraw_action,
        name="application_withdraw",
    ),
    path(
        "my-applications/offers/<uuid:public_id>/accept/",
        views.offer_answer_action,
        {"answer": "accept"},
        name="offer_accept",
    ),
    path(
        "my-applications/offers/<uuid:public_id>/decline/",
        views.offer_answer_action,
        {"answer": "decline"},
        name="offer_decline",
    ),
    path("applications/", views.application_list_page, name="application_list"),
    path(
        "applications/applications.xlsx",
        views.application_export_download,
        name="application_export",
    ),
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
        "imports/<uuid:upload_id>/columns/",
        import_views.import_columns_page,
        name="import_columns",
    ),
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
    path("allocation/", allocation_views.allocation_batch_list_page, name="allocation_list"),
    path(
        "allocation/batches/<slug:batch_code>/",
        allocation_views.allocation_batch_page,
        name="allocation_batch",
    ),
    path(
        "allocation/batches/<slug:batch_code>/run/",
        allocation_views.allocation_run_action,
        name="allocation_start",
    ),
    path(
        "allocation/runs/<int:run_id>/", allocation_views.allocation_run_page, name="allocation_run"
    ),
    path(
        "allocation/runs/<int:run_id>/publish/",
        allocation_views.allocation_publish_action,
        name="allocation_publish",
    ),
    path(
        "allocation/runs/<int:run_id>/compare/",
        allocation_views.allocation_compare_page,
        name="allocation_compare",
    ),
    path(
        "allocation/runs/<int:run_id>/allocation.xlsx",
        allocation_views.allocation_export_download,
        name="allocation_export",
    ),
]
register_route_access(
    app_name,
    {
        "batch_choice": PUBLIC,
        "register": PUBLIC,
        "suggestions": PUBLIC,
        "offering_options": PUBLIC,
        "choices_change": roles(Role.PARTICIPANT),
        "choice_withdraw": roles(Role.PARTICIPANT),
        "application_withdraw": roles(Role.PARTICIPANT),
        "my_applications": roles(Role.PARTICIPANT),
        "set_first_password": roles(Role.PARTICIPANT),
        "offer_accept": roles(Role.PARTICIPANT),
        "offer_decline": roles(Role.PARTICIPANT),
        "application_list": STAFF,
        "application_export": STAFF,
        "assisted_register": STAFF,
        "application_detail": STAFF,
        "import_template": STAFF,
        "import_upload": STAFF,
        "import_detail": STAFF,
        "import_columns": STAFF,
        "import_confirm": STAFF,
        "import_rejected": STAFF,
        # Leadership reads the allocation's figures; running, publishing, the names of the
        # applicants (comparison, export) stay with Disnaker.
        "allocation_list": roles(Role.ADMIN, Role.VIEWER),
        "allocation_batch": roles(Role.ADMIN, Role.VIEWER),
        "allocation_start": ADMIN_ONLY,
        "allocation_run": roles(Role.ADMIN, Role.VIEWER),
        "allocation_publish": ADMIN_ONLY,
        "allocation_compare": ADMIN_ONLY,
        "allocation_export": ADMIN_ONLY,
    },
)
