from django.urls import path
from django.views.decorators.http import require_http_methods, require_POST

from balai.accounts.models import Role
from balai.core.access import ADMIN_ONLY, PUBLIC, register_route_access, roles
from balai.training import views

app_name = "training"
GET_OR_POST = require_http_methods(["GET", "POST"])
urlpatterns = [
    path("training/teaching/", views.teaching_page, name="teaching"),
    path(
        "training/sessions/<int:session_id>/roll-call/",
        GET_OR_POST(views.roll_call_page),
        name="roll_call",
    ),
    path(
        "training/sessions/<int:session_id>/check-in-code/",
        views.check_in_qr_page,
        name="check_in_qr",
    ),
    path(
        "training/check-in/<int:session_id>/<str:code>/",
        GET_OR_POST(views.check_in_page),
        name="check_in",
    ),
    path(
        "training/classes/<int:class_id>/assessment/",
        GET_OR_POST(views.assessment_page),
        name="assessment",
    ),
    path("training/mine/", views.my_training_page, name="mine"),
    path(
        "training/classes/<int:class_id>/feedback/",
        require_POST(views.feedback_action),
        name="feedback",
    ),
    path("training/feedback/", views.feedback_results_page, name="feedback_results"),
    path(
        "training/certificates/<str:number>.pdf",
        views.certificate_download,
        name="certificate_pdf",
    ),
    path(
        "training/batches/<slug:batch_code>/certificates/",
        GET_OR_POST(views.certificates_page),
        name="certificates",
    ),
    path(
        "training/certificates/<str:number>/revoke/",
        require_POST(views.certificate_revoke_action),
        name="certificate_revoke",
    ),
    path("training/follow-up/", views.dropouts_page, name="dropouts"),
    path(
        "training/follow-up/<int:enrolment_id>/release/",
        require_POST(views.dropout_release_action),
        name="dropout_release",
    ),
    path("verifikasi/", views.verify_page, name="verify_form"),
    path("verifikasi/<str:number>/", views.verify_page, name="verify"),
]

register_route_access(
    app_name,
    {
        "teaching": roles(Role.INSTRUCTOR),
        "roll_call": roles(Role.INSTRUCTOR),
        "check_in_qr": roles(Role.INSTRUCTOR),
        "check_in": roles(Role.PARTICIPANT),
        "assessment": roles(Role.INSTRUCTOR),
        "mine": roles(Role.PARTICIPANT),
        "feedback": roles(Role.PARTICIPANT),
        "feedback_results": roles(Role.ADMIN, Role.VIEWER),
        "certificate_pdf": roles(Role.PARTICIPANT, Role.ADMIN),
        "certificates": ADMIN_ONLY,
        "certificate_revoke": ADMIN_ONLY,
        "dropouts": roles(Role.ADMIN, Role.KECAMATAN_OPERATOR, Role.KELURAHAN_OPERATOR),
        "dropout_release": roles(Role.ADMIN, Role.KECAMATAN_OPERATOR, Role.KELURAHAN_OPERATOR),
        # Anyone may check a certificate; the page shows almost nothing and is rate-limited.
        "verify_form": PUBLIC,
        "verify": PUBLIC,
    },
)
