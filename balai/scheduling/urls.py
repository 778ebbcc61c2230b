from django.urls import path

from balai.accounts.models import Role
from balai.core.access import ADMIN_ONLY, PUBLIC, register_route_access, roles
from balai.scheduling import views

app_name = "scheduling"
urlpatterns = [
    path("schedule/", views.schedule_batch_list_page, name="batch_list"),
    path("schedule/batches/<slug:batch_code>/", views.schedule_batch_page, name="batch"),
    path("schedule/batches/<slug:batch_code>/solve/", views.schedule_solve_action, name="solve"),
    path("schedule/batches/<slug:batch_code>/loads/", views.instructor_load_page, name="loads"),
    path("schedule/classes/<int:class_id>/", views.class_week_page, name="class_week"),
    path("schedule/classes/<int:class_id>/move/", views.session_move_action, name="session_move"),
    path(
        "schedule/classes/<int:class_id>/instructor/",
        views.class_instructor_action,
        name="class_instructor",
    ),
    path(
        "schedule/instructors/<int:instructor_id>/",
        views.instructor_week_page,
        name="instructor_week",
    ),
    path(
        "schedule/instructors/<int:instructor_id>/absences/",
        views.instructor_absence_action,
        name="instructor_absence",
    ),
    path(
        "schedule/instructors/<int:instructor_id>/availability/",
        views.instructor_availability_action,
        name="instructor_availability",
    ),
    path("schedule/venues/<int:venue_id>/", views.venue_week_page, name="venue_week"),
    path(
        "schedule/venues/<int:venue_id>/settings/",
        views.venue_settings_action,
        name="venue_settings",
    ),
    path(
        "schedule/kelurahan/<str:kelurahan_code>/",
        views.kelurahan_week_page,
        name="kelurahan_week",
    ),
    path("schedule/area/", views.area_week_page, name="area_week"),
    path("schedule/mine/", views.my_schedule_page, name="mine"),
    path("schedule/mine/calendar/renew/", views.calendar_feed_renew_action, name="feed_renew"),
    path("calendar/<uuid:token>.ics", views.calendar_feed_download, name="feed"),
]

# Timetables name instructors and halls, not residents: staff and leadership may read them.
READERS = roles(Role.ADMIN, Role.KECAMATAN_OPERATOR, Role.KELURAHAN_OPERATOR, Role.VIEWER)
register_route_access(
    app_name,
    {
        "batch_list": roles(Role.ADMIN, Role.VIEWER),
        "batch": roles(Role.ADMIN, Role.VIEWER),
        "solve": ADMIN_ONLY,
        "loads": READERS,
        "class_week": READERS,
        "session_move": ADMIN_ONLY,
        "class_instructor": ADMIN_ONLY,
        "instructor_week": READERS,
        "instructor_absence": ADMIN_ONLY,
        "instructor_availability": ADMIN_ONLY,
        "venue_week": READERS,
        "venue_settings": ADMIN_ONLY,
        "kelurahan_week": READERS,
        # An operator's own area: the menu's way to the kelurahan weeks above.
        "area_week": roles(Role.KECAMATAN_OPERATOR, Role.KELURAHAN_OPERATOR),
        "mine": roles(Role.INSTRUCTOR, Role.PARTICIPANT),
        "feed_renew": roles(Role.INSTRUCTOR, Role.PARTICIPANT),
        # The unguessable token in the address is the key; calendar apps cannot sign in.
        "feed": PUBLIC,
    },
)
