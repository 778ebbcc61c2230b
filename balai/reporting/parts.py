"""Every module that adds a section to the summaries or tables to the dashboards, imported
once (from the app's ready()) so that each registers. A new one is listed here; tables show
in this order."""

from balai.reporting import (  # noqa: F401
    funnel,
    funnel_tables,
    outcome_sections,
    outcome_tables,
    training_sections,
    training_tables,
)
