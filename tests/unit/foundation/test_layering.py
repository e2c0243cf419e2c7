"""Imports only point down: nothing below ui imports ui or Qt widgets; the domain imports nothing of ours but
itself and the translation marker."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
LOWER = ("clerk_app", "devices", "offline_cache", "printing")


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def test_lower_layers_never_import_ui_or_qt_widgets():
    offenders = []
    for package in LOWER:
        for path in (ROOT / package).rglob("*.py"):
            for name in _imports(path):
                if name == "ui" or name.startswith("ui.") or name.startswith(("PySide6.QtWidgets",
                                                                                 "PySide6.QtPrintSupport")):
                    offenders.append(f"{path.relative_to(ROOT)} imports {name}")
    assert not offenders, "\n".join(offenders)


def test_domain_is_pure():
    allowed_ours = ("clerk_app.domain", "clerk_app.i18n", "clerk_app.errors")
    offenders = []
    for path in (ROOT / "clerk_app" / "domain").rglob("*.py"):
        for name in _imports(path):
            ours = name.split(".")[0] in {"clerk_app", "devices", "offline_cache", "printing", "ui"}
            if (ours and not name.startswith(allowed_ours)) or name.startswith("PySide6"):
                offenders.append(f"{path.relative_to(ROOT)} imports {name}")
    assert not offenders, "\n".join(offenders)


def test_the_check_itself_catches_an_offender(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from PySide6.QtWidgets import QWidget\nimport ui.main_window\n")
    assert _imports(bad) == ["PySide6.QtWidgets", "ui.main_window"]
