"""/api/v1: each app's router, one error shape, and the generated OpenAPI schema with docs."""

from __future__ import annotations

from balai.accounts.api import router as accounts_router
from balai.api.base import BalaiApi
from balai.catalogue.api import router as catalogue_router
from balai.core.access import PUBLIC, register_route_access
from balai.core.api import router as core_router
from balai.enterprise.api import router as enterprise_router
from balai.intake.allocation.api import router as allocation_router
from balai.intake.api import router as intake_router
from balai.intake.imports.api import router as imports_router
from balai.placement.api import router as placement_router
from balai.regions.api import router as regions_router
from balai.registry.api import router as registry_router
from balai.reporting.api import router as reporting_router
from balai.scheduling.api import router as scheduling_router
from balai.training.api import router as training_router

NAMESPACE = "api-v1"

api = BalaiApi(
    title="Balai API",
    version="1",
    description=(
        "Balai's REST API. Authenticate with `Authorization: Bearer <token>` (create a token "
        "under Akun → Token API) or a signed-in browser session. Every list is limited to "
        "the caller's area, as in the web interface."
    ),
    urls_namespace=NAMESPACE,
)
api.add_router("/accounts/", accounts_router)
api.add_router("/jobs/", core_router)
api.add_router("/regions/", regions_router)
api.add_router("/persons/", registry_router)
api.add_router("/programmes/", catalogue_router)
api.add_router("/applications/", intake_router)
api.add_router("/imports/", imports_router)
api.add_router("/allocation/", allocation_router)
api.add_router("/schedule/", scheduling_router)
api.add_router("/training/", training_router)
api.add_router("/placement/", placement_router)
api.add_router("/enterprise/", enterprise_router)
api.add_router("/reporting/", reporting_router)

register_route_access(
    NAMESPACE, {"api-root": PUBLIC, "openapi-json": PUBLIC, "openapi-view": PUBLIC}
)
