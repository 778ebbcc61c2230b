"""Pages of placement's tracer."""
