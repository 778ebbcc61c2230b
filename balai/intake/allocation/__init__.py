"""Allocation of applicants to seats: the algorithm (pure NumPy) and its independent checker."""
