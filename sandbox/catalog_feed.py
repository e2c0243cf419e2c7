"""Catalog changes served by the sandbox, in the catalog exchange format (docs/catalog-format.md).

The training catalog is the bundled one the catalog area publishes as one document
(``clerk_app.catalog.training.load_training_changes``): the first pull (no cursor) gets it whole, later pulls with
the returned cursor get an empty page. Until that module exists the first pull is empty too.
"""

from __future__ import annotations

import hashlib
import importlib
import json
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

FORMAT = "onewindow.catalog-changes"


@lru_cache(maxsize=1)
def _training() -> dict[str, Any] | None:
    try:
        module = importlib.import_module("clerk_app.catalog.training")
    except ImportError:
        return None
    loaded: dict[str, Any] = module.load_training_changes()
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
