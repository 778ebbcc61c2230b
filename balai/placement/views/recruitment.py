"""Pages of placement's recruitment."""
