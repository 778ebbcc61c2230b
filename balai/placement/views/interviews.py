"""Pages of placement's interviews."""
