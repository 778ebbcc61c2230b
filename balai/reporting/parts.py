"""Every module that adds a section to the summaries or tables to the dashboards, imported
once (from the app's ready()) so that each registers. A new one is listed here."""

from balai.reporting import funnel, funnel_tables, monthly  # noqa: F401
