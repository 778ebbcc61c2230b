"""Pages of placement's employers."""
