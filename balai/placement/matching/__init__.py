"""Matching graduates and open vacancies: every pair scored at once with NumPy (`scoring`),
read from the database into arrays (`selectors`), and explained in words built from the same
numbers (`reasons`). `reference` is a plain-Python scorer of one pair at a time, written
separately, that the tests and the benchmark check the vectorised one against."""
