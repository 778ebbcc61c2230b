"""Pages of placement's fairs."""
