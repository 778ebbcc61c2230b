"""Pages of placement's vacancies."""
