"""Pages of placement's indicators."""
