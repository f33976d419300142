"""The actor graph: who fights, supports, allies with or is part of whom.

Nodes are the actors named by factual events (actor1, actor2, associated actors) and by
relations read from the text. Edges are the relations (``supports``, ``allied_with``,
``part_of``, ``built_by``, ``fights``, ``negotiates_with``, ``claims_responsibility``)
plus two derived from events:

* ``actor1 -> actor2`` ``fights`` for battles and explosions/remote violence;
* ``assoc_actor -> actor1`` ``supports`` (an associated actor fights on actor1's side).

Edges are aggregated per (source, target, kind) with a count, the first and last date and
at most :data:`MAX_EVIDENCE` pieces of evidence. The JSON form is the dict itself;
:func:`to_graphml` writes GraphML for Gephi, yEd or networkx.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..models import ActorRef, Event, Evidence, Relation
from ..store.base import EventQuery
from .merge import actor_key

__all__ = ["MAX_EVIDENCE", "VIOLENT_TYPES", "actor_graph", "to_graphml"]

#: Evidence items kept per edge.
MAX_EVIDENCE = 20
#: Event types (lower-case prefixes) whose actor1 and actor2 fight each other.
VIOLENT_TYPES = ("battle", "explosion")
GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class GraphStore(Protocol):
    """The part of the store that the actor graph needs."""

    def query_events(self, query: EventQuery) -> list[Event]: ...
    def relations(self) -> list[Relation]: ...


@dataclass
class _Node:
    ref: ActorRef
    events: set[str] = field(default_factory=set)

    def to_dict(self) -> dict[str, Any]:
        kind = (
            "provisional" if self.ref.provisional else "registered" if self.ref.id else "unresolved"
        )
        return {
            "id": actor_key(self.ref),
            "name": self.ref.name,
            "camp": self.ref.camp,
            "kind": kind,
            "events": len(self.events),
        }


@dataclass
class _Edge:
    source: str
    target: str
    kind: str
    count: int = 0
    first: str | None = None
    last: str | None = None
    evidence: list[Evidence] = field(default_factory=list)
    event_ids: list[str] = field(default_factory=list)

    def add(self, day: str | None, evidence: list[Evidence], event_id: str | None) -> None:
        self.count += 1
        if day:
            self.first = day if self.first is None else min(self.first, day)
            self.last = day if self.last is None else max(self.last, day)
        room = MAX_EVIDENCE - len(self.evidence)
        if room > 0:
            self.evidence.extend(evidence[:room])
        if event_id is not None and len(self.event_ids) < MAX_EVIDENCE:
            self.event_ids.append(event_id)

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "target": self.target,
            "kind": self.kind,
            "count": self.count,
            "first": self.first,
            "last": self.last,
            "evidence": [e.to_dict() for e in self.evidence],
            "event_ids": list(self.event_ids),
        }


def _richer(a: ActorRef, b: ActorRef) -> ActorRef:
    def rank(x: ActorRef) -> tuple[int, int, int]:
        return (0 if x.id else 1, 0 if x.camp else 1, 1 if x.provisional else 0)

    return a if rank(a) <= rank(b) else b


class _Builder:
    def __init__(self) -> None:
        self.nodes: dict[str, _Node] = {}
        self.edges: dict[tuple[str, str, str], _Edge] = {}

    def node(self, ref: ActorRef, event_id: str | None = None) -> str:
        key = actor_key(ref)
        node = self.nodes.get(key)
        if node is None:
            node = self.nodes[key] = _Node(ref)
        else:
            node.ref = _richer(node.ref, ref)
        if event_id is not None:
            node.events.add(event_id)
        return key

    def edge(
        self,
        source: str,
        target: str,
        kind: str,
        day: str | None,
        evidence: list[Evidence],
        event_id: str | None = None,
    ) -> None:
        if source == target:
            return
        key = (source, target, kind)
        edge = self.edges.get(key)
        if edge is None:
            edge = self.edges[key] = _Edge(source, target, kind)
        edge.add(day, evidence, event_id)

    def add_event(self, event: Event) -> None:
        day = event.date.start if event.date else None
        a1 = self.node(event.actor1, event.id) if event.actor1 else None
        a2 = self.node(event.actor2, event.id) if event.actor2 else None
        assoc = [self.node(a, event.id) for a in event.assoc_actors]
        if a1 and a2 and event.type.strip().lower().startswith(VIOLENT_TYPES):
            self.edge(a1, a2, "fights", day, event.evidence, event.id)
        if a1:
            for a in assoc:
                self.edge(a, a1, "supports", day, event.evidence, event.id)

    def add_relation(self, rel: Relation) -> None:
        source = self.node(rel.source)
        target = self.node(rel.target)
        day = rel.date or min((e.published for e in rel.evidence if e.published), default=None)
        self.edge(source, target, rel.kind, day, rel.evidence)


def actor_graph(store: GraphStore) -> dict[str, Any]:
    """Nodes and aggregated edges over the store's factual events and relations."""
    builder = _Builder()
    for event in store.query_events(EventQuery(order="id")):
        if event.is_fact:
            builder.add_event(event)
    for rel in store.relations():
        builder.add_relation(rel)
    nodes = sorted((n.to_dict() for n in builder.nodes.values()), key=lambda n: str(n["id"]))
    edges = [builder.edges[k].to_dict() for k in sorted(builder.edges)]
    return {"nodes": nodes, "edges": edges}


def _text(value: Any) -> str:
    if isinstance(value, (list, dict)):
        value = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return _XML_ILLEGAL.sub("", str(value))


_NODE_KEYS = (("name", "string"), ("camp", "string"), ("kind", "string"), ("events", "int"))
_EDGE_KEYS = (
    ("kind", "string"),
    ("count", "int"),
    ("first", "string"),
    ("last", "string"),
    ("evidence", "string"),
    ("event_ids", "string"),
)


def to_graphml(graph: dict[str, Any]) -> str:
    """The graph of :func:`actor_graph` as a GraphML document (evidence as JSON text)."""
    ET.register_namespace("", GRAPHML_NS)

    def tag(name: str) -> str:
        return f"{{{GRAPHML_NS}}}{name}"

    root = ET.Element(tag("graphml"))
    for domain, keys in (("node", _NODE_KEYS), ("edge", _EDGE_KEYS)):
        for name, kind in keys:
            ET.SubElement(
                root,
                tag("key"),
                {"id": f"{domain}_{name}", "for": domain, "attr.name": name, "attr.type": kind},
            )
    g = ET.SubElement(root, tag("graph"), {"id": "actors", "edgedefault": "directed"})

    def data(parent: ET.Element, key: str, value: Any) -> None:
        if value is None:
            return
        el = ET.SubElement(parent, tag("data"), {"key": key})
        el.text = _text(value)

    for node in graph.get("nodes", []):
        el = ET.SubElement(g, tag("node"), {"id": _text(node["id"])})
        for name, _ in _NODE_KEYS:
            data(el, f"node_{name}", node.get(name))
    for i, edge in enumerate(graph.get("edges", [])):
        el = ET.SubElement(
            g,
            tag("edge"),
            {"id": f"e{i}", "source": _text(edge["source"]), "target": _text(edge["target"])},
        )
        for name, _ in _EDGE_KEYS:
            data(el, f"edge_{name}", edge.get(name))
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
