"""Catalog test fixtures: a fresh database, the training catalog loaded once per test, a minimal valid item."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from clerk_app.catalog.service import CatalogService
from clerk_app.catalog.training import load_training_changes
from offline_cache.db import Database

_TRAINING = load_training_changes()


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database(tmp_path / "catalog.db")
    yield database
    database.close()


@pytest.fixture
def training() -> dict[str, Any]:
    return copy.deepcopy(_TRAINING)


@pytest.fixture
def service(db: Database) -> CatalogService:
    catalog = CatalogService(db)
    assert catalog.ensure_training_catalog() is not None
    return catalog


def minimal_item(code: str = "ITEM-1", version: int = 1, name: str = "测试事项登记") -> dict[str, Any]:
    return {
        "implementation_code": code,
        "basic_code": "000000000001",
        "version": version,
        "name": name,
        "item_type": "行政确认",
        "department": "测试部门",
        "handling_type": "即办件",
        "materials": [
            {"code": "id", "name": "居民身份证", "necessity": "必要"},
            {"code": "poa", "name": "授权委托书", "necessity": "必要"},
        ],
        "situations": [
            {"code": "agent", "question": "是否代办？", "default": "self",
             "options": [{"code": "self", "label": "本人"}, {"code": "agent", "label": "代办", "adds": ["poa"]}]}
        ],
    }


def document(items: list[dict[str, Any]] | None = None, **extra: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {"format": "onewindow.catalog-changes", "format_version": 1, "next_cursor": "c1"}
    if items is not None:
        doc["items"] = items
    doc.update(extra)
    return json.loads(json.dumps(doc))
