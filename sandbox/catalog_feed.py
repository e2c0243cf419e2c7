"""Catalog changes served by the sandbox.

The training catalog is owned by the catalog area; until its exchange format lands, the sandbox serves an empty
changes document with a stable cursor so clients can exercise the pull path.
"""

from __future__ import annotations

from typing import Any


def catalog_changes(cursor: str) -> dict[str, Any]:
    return {"format": "onewindow-catalog-changes", "format_version": 1, "cursor": cursor or "0",
            "has_more": False, "items": [], "bundles": [], "retired": []}
