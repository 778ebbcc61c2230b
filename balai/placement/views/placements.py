"""Pages of placement's placements."""
