"""The sections a summary is made of, each computed by the module that owns its figures.

A section is a function `compute(tree, today) -> {area key: figures}` registered with
`@summary_section("name")`; the refresh calls every section once and stores what each
returned under its name in each area's `figures`. A section counts at the finest grain it
knows (a person's kelurahan, a class) and adds the same count to every area above it with
`Tally.add`, so that a kecamatan's figure is always the sum of its kelurahan's.

Where a figure is counted differs by section, on purpose, so one kelurahan's sections need
not agree with each other:
- people (`funnel`, `jobfair`): the kelurahan they live in (their domicile);
- training (`attendance`, `outcomes`, `instructors`): the kelurahan the class is held in;
- money (`money`): the kelurahan of the grant's or loan's application (where the business is).
A resident of Sukarasa trained in a class held in Babakan counts in Sukarasa's funnel and in
Babakan's attendance. A class's own funnel counts its participants wherever they live, so
the classes under a kelurahan do not add up to that kelurahan's funnel.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from balai.reporting.areas import AreaKey, AreaTree

SectionFigures = Mapping[AreaKey, Any]
SectionCompute = Callable[[AreaTree, datetime.date], SectionFigures]

_SECTIONS: dict[str, SectionCompute] = {}


def summary_section(name: str) -> Callable[[SectionCompute], SectionCompute]:
    """Register `compute` as the section `name` of every area's summary."""

    def register(compute: SectionCompute) -> SectionCompute:
        _SECTIONS[name] = compute
        return compute

    return register


def summary_sections() -> dict[str, SectionCompute]:
    """Return every registered section by name, in the order they were registered."""
    return dict(_SECTIONS)


def nested_counter() -> defaultdict[str, Any]:
    """A dict whose missing keys are dicts of the same kind, for counts keyed by path."""
    return defaultdict(nested_counter)


class Tally:
    """Counts per area, keyed by a path of names (`("sex", "P", "enrolled")`)."""

    def __init__(self) -> None:
        self.areas: defaultdict[AreaKey, defaultdict[str, Any]] = defaultdict(nested_counter)

    def add(self, areas: Iterable[AreaKey], path: tuple[str, ...], amount: int = 1) -> None:
        """Add `amount` at `path` in each of `areas` (an area and those above it)."""
        *branch, leaf = path
        for area in areas:
            node = self.areas[area]
            for name in branch:
                node = node[name]
            node[leaf] = node.get(leaf, 0) + amount

    def figures(self) -> dict[AreaKey, dict[str, Any]]:
        """Return the counts as plain dicts, ready to be stored as JSON."""
        return {area: _plain(counts) for area, counts in self.areas.items()}


def _plain(counts: Mapping[str, Any]) -> dict[str, Any]:
    return {
        name: _plain(value) if isinstance(value, Mapping) else value
        for name, value in counts.items()
    }
