"""``main.py catalog ...`` in a subprocess, as the hall's IT staff run it (a CLI run owns a QCoreApplication)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from clerk_app.catalog.training import TRAINING_FILE

ROOT = Path(__file__).resolve().parents[3]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    del capsys
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), *argv], capture_output=True, text=True,
                            env=dict(os.environ), timeout=120, check=False)
    return result.returncode, result.stdout, result.stderr


def test_import_search_show(ow_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "catalog", "import", str(TRAINING_FILE), "--json")
    assert code == 0 and json.loads(out)["added"] >= 80
    code, out, _ = run(capsys, "catalog", "search", "bdcdj", "--json", "--limit", "3")
    hits = json.loads(out)
    assert code == 0 and len(hits) == 3 and all(h["department"] == "不动产登记" for h in hits)
    assert hits[0]["score"] >= hits[-1]["score"]
    code, out, _ = run(capsys, "catalog", "search", "社保", "--json", "--department", "民政")
    assert json.loads(out) == []
    code, out, _ = run(capsys, "catalog", "show", hits[0]["item_code"], "--json")
    shown = json.loads(out)
    assert shown["implementation_code"] == hits[0]["item_code"] and shown["materials"]
    assert shown["checklist_default"]


def test_bad_file_is_rejected_with_item_and_field(ow_home: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(TRAINING_FILE.read_text(encoding="utf-8"))
    data["items"][3]["legal_limit"] = {"value": -5, "unit": "working_days"}
    data["items"][0]["implementation_code"] = "REJECTED-DOC-MARKER"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, _, err = run(capsys, "catalog", "import", str(bad))
    assert code == 1
    assert data["items"][3]["implementation_code"] in err and "legal_limit" in err
    # Nothing of the rejected document is stored: the home holds only the training catalog (training mode).
    code, out, _ = run(capsys, "catalog", "stats", "--json")
    assert json.loads(out)["items"] == len(data["items"])
    code, _, err = run(capsys, "catalog", "show", "REJECTED-DOC-MARKER")
    assert code == 1


def test_unknown_code(ow_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "catalog", "show", "NOPE")
    assert code == 1 and "NOPE" in err


def test_guide_pdf_with_answers(ow_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "catalog", "import", str(TRAINING_FILE))[0] == 0
    out = tmp_path / "guide.pdf"
    code, _, _ = run(capsys, "catalog", "guide", "YJS-511602-GTKY", "--answer", "food=no", "--out", str(out))
    assert code == 0 and out.read_bytes().startswith(b"%PDF")
    code, _, err = run(capsys, "catalog", "guide", "YJS-511602-GTKY", "--answer", "food=maybe", "--out", str(out))
    assert code == 1 and "food" in err


def test_training_mode_search_finds_the_training_catalog_on_a_fresh_home(
    ow_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # No import, no GUI, no sync first: the very first command sees the same training catalog as the GUI.
    code, out, _ = run(capsys, "catalog", "search", "bdcdj", "--json", "--limit", "5")
    hits = json.loads(out)
    assert code == 0 and hits and all(h["department"] == "不动产登记" for h in hits)
