"""Every module that adds a section to the summaries or tables to the dashboards, imported
once (from the app's ready()) so that each registers. A new one is listed here; dashboards
show tables in this order (the spine's: training, then jobs and money), hence no sorting."""

# ruff: noqa: I001, F401
from balai.reporting import funnel, funnel_tables
from balai.reporting import training_sections, training_tables
from balai.reporting import outcome_sections, outcome_tables
