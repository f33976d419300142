"""One event per line as JSON."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from ..models import Event


def write_jsonl(events: Iterable[Event], stream: TextIO) -> int:
    n = 0
    for event in events:
        stream.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")
        n += 1
    return n
