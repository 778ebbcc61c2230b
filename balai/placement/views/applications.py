"""Pages of placement's applications."""
