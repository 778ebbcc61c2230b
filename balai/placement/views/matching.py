"""Pages of placement's matching."""
