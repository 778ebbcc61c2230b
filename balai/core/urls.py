from django.urls import path

from balai.core import views
from balai.core.access import ADMIN_ONLY, SIGNED_IN, register_route_access

app_name = "core"
urlpatterns = [
    path("jobs/", views.job_list_page, name="job_list"),
    path("jobs/<uuid:job_id>/", views.job_detail_page, name="job_detail"),
    path("jobs/<uuid:job_id>/progress/", views.job_progress_fragment, name="job_progress"),
    path("jobs/<uuid:job_id>/stop/", views.job_stop_action, name="job_stop"),
    path("jobs/demo-data/", views.demo_data_start, name="demo_data_start"),
    path("audit/", views.audit_list_page, name="audit_list"),
]
register_route_access(
    app_name,
    {
        "job_list": ADMIN_ONLY,
        # Anybody may follow a job they started; job_get_for keeps others' jobs hidden.
        "job_detail": SIGNED_IN,
        "job_progress": SIGNED_IN,
        "job_stop": SIGNED_IN,
        "demo_data_start": ADMIN_ONLY,
        "audit_list": ADMIN_ONLY,
    },
)
