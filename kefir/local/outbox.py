"""Append-only JSON-lines files that stand in for email and push delivery in local mode."""
from __future__ import annotations

import json
import threading
from pathlib import Path

_lock = threading.Lock()


def append_line(path: Path, record: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps(record, ensure_ascii=False) + "\n"
    with _lock, path.open("a", encoding="utf-8") as handle:
        handle.write(line)
