"""The public names of frontlines.analysis."""

from __future__ import annotations

from frontlines import analysis


def test_all_lists_callable_public_names() -> None:
    assert sorted(analysis.__all__) == analysis.__all__
    for name in analysis.__all__:
        assert callable(getattr(analysis, name)), name
    expected = {
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
    }
    assert set(analysis.__all__) == expected
