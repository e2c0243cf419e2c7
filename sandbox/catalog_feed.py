"""Catalog changes served by the sandbox, in the catalog exchange format (docs/catalog-format.md).

The sandbox publishes its own copy of the training catalog (``sandbox/data/catalog.json``, written by
``data/catalog/build_training.py`` next to the workstation's bundled copy; a test keeps the two equal): the first
pull (no cursor) gets it whole, later pulls with the returned cursor get an empty page. Without the file the first
pull is empty too.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

FORMAT = "onewindow.catalog-changes"
CATALOG_FILE = Path(__file__).resolve().parent / "data" / "catalog.json"


@lru_cache(maxsize=1)
def _training() -> dict[str, Any] | None:
    if not CATALOG_FILE.exists():
        return None
    loaded: dict[str, Any] = json.loads(CATALOG_FILE.read_text(encoding="utf-8"))
    return loaded


def _empty(cursor: str | None, next_cursor: str) -> dict[str, Any]:
    return {"format": FORMAT, "format_version": 1, "mode": "incremental", "cursor": cursor,
            "next_cursor": next_cursor, "has_more": False,
            "generated_at": datetime.now(UTC).isoformat(timespec="seconds")}


def catalog_changes(cursor: str) -> dict[str, Any]:
    training = _training()
    if training is None:
        return _empty(cursor or None, cursor or "training-empty")
    version = hashlib.sha256(json.dumps(training, sort_keys=True).encode()).hexdigest()[:12]
    head = f"training-{version}"
    if cursor == head:
        return _empty(cursor, head)
    return {**training, "cursor": cursor or None, "next_cursor": head, "has_more": False}
