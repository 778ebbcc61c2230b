from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from balai.accounts.sign_in import SignInView
from balai.api.urls import api
from balai.core.access import PUBLIC, register_route_access
from balai.core.views import health

urlpatterns = [
    path("", include("balai.reporting.urls")),
    path("accounts/claim/", include("balai.registry.claim_urls")),
    path("accounts/", include("balai.accounts.urls")),
    path("jobs-and-audit/", include("balai.core.urls")),
    path("regions/", include("balai.regions.urls")),
    path("persons/", include("balai.registry.urls")),
    path("my-data/", include("balai.registry.own_data_urls")),
    path("", include("balai.intake.urls")),
    path("programmes/", include("balai.catalogue.urls")),
    path("", include("balai.scheduling.urls")),
    path("", include("balai.training.urls")),
    path("", include("balai.placement.urls")),
    path("", include("balai.enterprise.urls")),
    path("language/", set_language, name="set_language"),
    path("health/", health, name="health"),
    path("api/v1/", api.urls),
    # Django's admin signs in through Balai's own page, with its limits on failures.
    path("django-admin/login/", SignInView.as_view(), name="admin_sign_in"),
    path("django-admin/", admin.site.urls),
]
register_route_access("", {"set_language": PUBLIC, "health": PUBLIC, "admin_sign_in": PUBLIC})

# A database out of reach answers 503 with Retry-After instead of an error page.
handler500 = "balai.core.views.server_error"
