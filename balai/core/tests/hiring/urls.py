from __future__ import annotations

from django.urls import path

from balai.accounts.models import Role
from balai.core.access import SIGNED_IN, register_route_access, roles
from balai.core.tests.hiring import views

app_name = "test_hiring"

urlpatterns = [
    path("vacancies/", views.vacancy_list, name="vacancy_list"),
    path("applicants/", views.applicant_list, name="applicant_list"),
    path("applicants/<int:applicant_id>/", views.applicant_detail, name="applicant_detail"),
]
# Every signed-in role reaches the applicants, so that scoping alone decides what each sees.
register_route_access(
    app_name,
    {
        "vacancy_list": roles(Role.ADMIN, Role.KECAMATAN_OPERATOR, Role.EMPLOYER),
        "applicant_list": SIGNED_IN,
        "applicant_detail": SIGNED_IN,
    },
)
