"""The tree the summaries are computed over: the deployment's regency, its kecamatan, their
kelurahan and the classes held in each."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from django.conf import settings

from balai.regions.selectors import kecamatan_list, kelurahan_list, regency_name
from balai.reporting.models import SummaryLevel
from balai.scheduling.report_selectors import class_facts

AreaKey = tuple[str, str]  # (level, code)


@dataclass(frozen=True)
class AreaNode:
    level: str
    code: str
    name: str
    parent: AreaKey | None

    @property
    def key(self) -> AreaKey:
        return (self.level, self.code)


@dataclass
class AreaTree:
    """Every area and class of the deployment, each knowing its parent."""

    root: AreaKey
    nodes: dict[AreaKey, AreaNode] = field(default_factory=dict)

    def add(self, node: AreaNode) -> None:
        self.nodes[node.key] = node

    def lineage(self, key: AreaKey) -> Iterator[AreaKey]:
        """`key` and every area above it, up to the regency; nothing for an unknown key (a
        person living outside the deployment)."""
        node = self.nodes.get(key)
        while node is not None:
            yield node.key
            node = self.nodes.get(node.parent) if node.parent else None

    def ancestors(self, key: AreaKey) -> list[AreaNode]:
        """The areas above `key`, nearest first."""
        return [self.nodes[above] for above in list(self.lineage(key))[1:]]

    def kelurahan_lineage(self, kelurahan_code: str) -> list[AreaKey]:
        return list(self.lineage((SummaryLevel.KELURAHAN, kelurahan_code)))

    def class_lineage(self, class_id: int) -> list[AreaKey]:
        return list(self.lineage((SummaryLevel.CLASS, str(class_id))))

    def of_level(self, level: str) -> list[AreaNode]:
        return [node for node in self.nodes.values() if node.level == level]


def area_tree() -> AreaTree:
    """Return the deployment's tree of areas and classes (four queries)."""
    regency = settings.BALAI_REGENCY_CODE
    root = (SummaryLevel.REGENCY.value, regency)
    tree = AreaTree(root=root)
    tree.add(AreaNode(SummaryLevel.REGENCY, regency, regency_name(regency_code=regency), None))
    for kecamatan in kecamatan_list(regency_code=regency):
        tree.add(AreaNode(SummaryLevel.KECAMATAN, kecamatan.code, kecamatan.name, root))
    for kelurahan in kelurahan_list(regency_code=regency):
        parent = (SummaryLevel.KECAMATAN.value, kelurahan.kecamatan_id)
        tree.add(AreaNode(SummaryLevel.KELURAHAN, kelurahan.code, kelurahan.name, parent))
    for fact in class_facts():
        parent = (SummaryLevel.KELURAHAN.value, fact.kelurahan_code)
        # Stored, so in no one language: the programme, the class's number and its batch.
        name = f"{fact.programme_name} #{fact.number} ({fact.batch_name})"
        tree.add(AreaNode(SummaryLevel.CLASS, str(fact.class_id), name, parent))
    return tree
