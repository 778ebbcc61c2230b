"""Seeded randomness for the demo, one stream per part."""

from __future__ import annotations

import random

from faker import Faker


class RandomStreams:
    """A Faker and a Random of their own for one part of the demo.

    Separate streams keep each part the same whatever the other parts consumed: on a second
    run the instructors are skipped, yet the residents must come out identical.
    """

    def __init__(self, seed: int, part: str) -> None:
        part_seed = seed * 1000 + sum(map(ord, part))
        self.faker = Faker("id_ID")
        self.faker.seed_instance(part_seed)
        self.chooser = random.Random(part_seed)  # noqa: S311  # demo data, not security
