from django.urls import path

from balai.accounts.models import Role
from balai.core.access import PUBLIC, STAFF, register_route_access, roles
from balai.intake import views

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
        "applications/<uuid:public_id>/", views.application_detail_page, name="application_detail"
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
    },
)
