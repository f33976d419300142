"""The picture over extracted events: merged events, control of places, actors, disputes."""

from __future__ import annotations

from .control import control_changes, front_line, most_contested, timeline
from .disputes import disputes
from .graph import actor_graph, to_graphml
from .merge import merge_reports, rebuild_events, update_events

__all__ = [
    "actor_graph",
    "control_changes",
    "disputes",
    "front_line",
    "merge_reports",
    "most_contested",
    "rebuild_events",
    "timeline",
    "to_graphml",
    "update_events",
]
