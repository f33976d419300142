"""The actor graph and its GraphML form."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from typing import Any

from frontlines.analysis import actor_graph, to_graphml
from frontlines.analysis.graph import GRAPHML_NS, MAX_EVIDENCE
from frontlines.models import ActorRef, Evidence, Relation

from .handmade import (
    AIRSTRIKE,
    CLASH,
    ISIS,
    PALMYRA,
    RAQQA,
    REGIME,
    RUSSIA,
    SDF,
    USA,
    StoreFactory,
    make_report,
)

NS = {"g": GRAPHML_NS}


def edge_map(graph: dict[str, Any]) -> dict[tuple[str, str, str], dict[str, Any]]:
    return {(e["source"], e["target"], e["kind"]): e for e in graph["edges"]}


def relation(
    doc: str, source: ActorRef, target: ActorRef, kind: str, date: str | None = None
) -> tuple[str, Relation]:
    text = f"{source.name} {kind} {target.name}."
    ev = Evidence(doc_id=doc, sentence=text, char_start=0, char_end=len(text), source="Reuters")
    return doc, Relation(source=source, target=target, kind=kind, evidence=[ev], date=date)


def test_events_give_fights_and_supports_edges(build_store: StoreFactory) -> None:
    store = build_store(
        [
            make_report("e1", "d1", actor1=REGIME, actor2=ISIS, assoc=[RUSSIA], date="2016-03-20"),
            make_report("e2", "d2", actor1=REGIME, actor2=ISIS, date="2016-05-02", source="AFP"),
            make_report("e3", "d3", kind=AIRSTRIKE, actor1=USA, actor2=ISIS, place=RAQQA),
            make_report(
                "e4",
                "d4",
                kind=("Strategic developments", "Agreement"),
                actor1=REGIME,
                actor2=SDF,
                place=RAQQA,
                date="2017-01-01",
            ),
            make_report("e5", "d5", actor1=SDF, actor2=ISIS, place=RAQQA, modality="predicted"),
        ]
    )
    graph = actor_graph(store)
    nodes = {n["id"]: n for n in graph["nodes"]}
    assert set(nodes) == {"syrian-government", "isis", "russia", "coalition", "sdf"}
    assert nodes["syrian-government"]["events"] == 3
    assert nodes["syrian-government"]["camp"] == "regime"
    assert nodes["isis"]["kind"] == "registered"
    assert nodes["sdf"]["events"] == 1  # the predicted battle is no fact
    edges = edge_map(graph)
    fights = edges[("syrian-government", "isis", "fights")]
    assert fights["count"] == 2
    assert (fights["first"], fights["last"]) == ("2016-03-20", "2016-05-02")
    assert {e["doc_id"] for e in fights["evidence"]} == {"d1", "d2"}
    assert edges[("russia", "syrian-government", "supports")]["count"] == 1
    assert ("coalition", "isis", "fights") in edges
    assert ("syrian-government", "sdf", "fights") not in edges
    assert ("sdf", "isis", "fights") not in edges


def test_relations_become_edges_and_nodes(build_store: StoreFactory) -> None:
    local = ActorRef(name="Local militia", provisional=True)
    store = build_store(
        relations=[
            relation("d1", USA, SDF, "supports", "2016-01-01"),
            relation("d2", USA, SDF, "supports", "2017-06-01"),
            relation("d2", local, REGIME, "part_of"),
        ]
    )
    graph = actor_graph(store)
    edges = edge_map(graph)
    sup = edges[("coalition", "sdf", "supports")]
    assert sup["count"] == 2 and (sup["first"], sup["last"]) == ("2016-01-01", "2017-06-01")
    assert edges[("name:local militia", "syrian-government", "part_of")]["count"] == 1
    kinds = {n["id"]: n["kind"] for n in graph["nodes"]}
    assert kinds["name:local militia"] == "provisional"
    assert all(n["events"] == 0 for n in graph["nodes"])


def test_edge_evidence_is_capped(build_store: StoreFactory) -> None:
    reports = [
        make_report(
            f"e{i:02d}",
            f"d{i}",
            actor1=REGIME,
            actor2=ISIS,
            date=f"2016-{1 + i // 28:02d}-{1 + i % 28:02d}",
            kind=CLASH,
            source=f"o{i}",
        )
        for i in range(0, 30 * 7, 7)
    ]
    graph = actor_graph(build_store(reports))
    fights = edge_map(graph)[("syrian-government", "isis", "fights")]
    assert fights["count"] == 30
    assert len(fights["evidence"]) == MAX_EVIDENCE


def test_graphml_is_valid_and_escaped(build_store: StoreFactory) -> None:
    odd = ActorRef(name='Brigade "<Dawn> & Co"', id="odd\x01id")
    store = build_store(
        [
            make_report(
                "e1",
                "d1",
                actor1=odd,
                actor2=ISIS,
                place=PALMYRA,
                sentence='They said "<fight> & win".',
            )
        ]
    )
    graph = actor_graph(store)
    text = to_graphml(graph)
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    root = ET.fromstring(text.encode("utf-8"))
    g = root.find("g:graph", NS)
    assert g is not None and g.get("edgedefault") == "directed"
    names = {d.text for d in root.iterfind("g:graph/g:node/g:data[@key='node_name']", NS)}
    assert names == {'Brigade "<Dawn> & Co"', "Islamic State"}
    [edge] = root.findall("g:graph/g:edge", NS)
    assert edge.get("source") == "oddid" and edge.get("target") == "isis"
    data = {d.get("key"): d.text for d in edge.findall("g:data", NS)}
    assert data["edge_kind"] == "fights" and data["edge_count"] == "1"
    evidence = json.loads(data["edge_evidence"] or "[]")
    assert evidence[0]["sentence"] == 'They said "<fight> & win".'
    keys = {k.get("id"): k.get("attr.type") for k in root.findall("g:key", NS)}
    assert keys["node_events"] == "int" and keys["edge_count"] == "int"


def test_empty_store_gives_an_empty_graph(build_store: StoreFactory) -> None:
    graph = actor_graph(build_store())
    assert graph == {"nodes": [], "edges": []}
    root = ET.fromstring(to_graphml(graph).encode("utf-8"))
    assert root.findall("g:graph/g:node", NS) == []
