"""The bundled training catalog (clerk_app/catalog/data/training.json, built by data/catalog/build_training.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

TRAINING_FILE = Path(__file__).resolve().parent / "data" / "training.json"


def load_training_changes() -> dict[str, Any]:
    """The whole training catalog as one catalog-changes document (snapshot mode)."""
    data: dict[str, Any] = json.loads(TRAINING_FILE.read_text(encoding="utf-8"))
    return data
