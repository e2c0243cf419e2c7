"""The import table of docs/ARCHITECTURE.md holds: the import-linter contracts in `.importlinter` are kept, they
break when a forbidden import is added (checked on a copy of the tree), and the two checks import-linter cannot
express (nothing imports main.py, no Qt widgets below ui) hold."""

from __future__ import annotations

import ast
import configparser
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
PACKAGES = ("clerk_app", "devices", "offline_cache", "printing", "sandbox", "ui")
LOWER = ("clerk_app", "devices", "offline_cache", "printing", "sandbox")
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    if not LINT_IMPORTS.exists():
        pytest.fail("lint-imports is not installed in this venv: run bash scripts/setup.sh (test extras)")
    return subprocess.run([str(LINT_IMPORTS), "--no-cache", "--config", str(root / ".importlinter")],
                          cwd=root, capture_output=True, text=True, timeout=120,
                          env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin", "NO_COLOR": "1"})


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def test_every_contract_is_kept():
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_the_two_services_lists_agree_and_name_every_clerk_app_subpackage():
    config = configparser.ConfigParser()
    config.read(ROOT / ".importlinter", encoding="utf-8")
    absolute = config["importlinter:contract:layers"]["layers"].strip().splitlines()[1]
    relative = config["importlinter:contract:clerk-app-two-layers"]["layers"].strip().splitlines()[0]
    services_absolute = {name.strip().removeprefix("clerk_app.") for name in absolute.split(":")}
    services_relative = {name.strip() for name in relative.split(":")}
    assert services_absolute == services_relative
    children = {p.stem if p.is_file() else p.name for p in (ROOT / "clerk_app").iterdir()
                if (p.suffix == ".py" and p.stem != "__init__") or (p / "__init__.py").exists()}
    assert children - {"domain", "errors", "i18n"} == services_relative


@pytest.fixture(scope="module")
def tree_copy(tmp_path_factory) -> Path:
    """The six packages and the contracts, copied so that a forbidden import can be added without touching ours."""
    root = tmp_path_factory.mktemp("tree")
    for package in PACKAGES:
        shutil.copytree(ROOT / package, root / package, ignore=shutil.ignore_patterns("__pycache__", "*.qm", "*.ts",
                                                                                       "*.json", "*.png"))
    shutil.copy(ROOT / ".importlinter", root / ".importlinter")
    return root


@pytest.mark.parametrize(("module", "line", "broken"), [
    ("devices/executor.py", "import offline_cache.db", "devices, offline_cache and printing are independent"),
    ("clerk_app/domain/masking.py", "import sandbox.app", "The domain is pure"),
    ("offline_cache/outbox.py", "import clerk_app.sync.engine", "Layers:"),
    ("devices/probes.py", "import ui.main_window", "Layers:"),
    ("sandbox/store.py", "import offline_cache.db", "The sandbox stands in"),
    ("clerk_app/domain/masking.py", "import sqlite3", "The domain is pure"),
    ("clerk_app/catalog/__init__.py", "import clerk_app.sync.engine", "No import cycles"),
])
def test_a_forbidden_import_breaks_a_contract(tree_copy: Path, module: str, line: str, broken: str):
    target = tree_copy / module
    original = target.read_text(encoding="utf-8")
    target.write_text(original + f"\n{line}  # added on purpose by the layering test\n", encoding="utf-8")
    try:
        result = _lint_imports(tree_copy)
    finally:
        target.write_text(original, encoding="utf-8")
    assert result.returncode == 1, result.stdout + result.stderr
    broken_section = result.stdout.split("Broken contracts", 1)[-1]
    assert broken in broken_section, result.stdout


def test_nothing_imports_main_py():
    # main.py is a single-file module, which import-linter's graph cannot hold.
    offenders = [f"{path.relative_to(ROOT)} imports main"
                 for package in PACKAGES for path in (ROOT / package).rglob("*.py")
                 if any(name == "main" or name.startswith("main.") for name in _imports(path))]
    assert not offenders, "\n".join(offenders)


def test_no_qt_widgets_below_ui():
    # import-linter sees external packages only as a whole (PySide6), so this submodule rule is checked here too
    # (and by ruff's banned-api rule).
    offenders = []
    for package in LOWER:
        for path in (ROOT / package).rglob("*.py"):
            for name in _imports(path):
                if name == "ui" or name.startswith(("ui.", "PySide6.QtWidgets", "PySide6.QtPrintSupport")):
                    offenders.append(f"{path.relative_to(ROOT)} imports {name}")
    assert not offenders, "\n".join(offenders)


_SQL = re.compile(r"^\s*(SELECT\s|INSERT\s+(OR\s+\w+\s+)?INTO\s|UPDATE\s+\w+\s+SET\s|DELETE\s+FROM\s|REPLACE\s+INTO\s"
                  r"|PRAGMA\s+\w|CREATE\s+(TABLE|INDEX|TRIGGER|VIEW)\s|DROP\s+\w|ALTER\s+TABLE\s|WITH\s+\w+\s+AS\b)",
                  re.IGNORECASE)
_SQL_CALLS = {"execute", "executemany", "executescript"}


def _sql_in(path: Path, root: Path = ROOT) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and _SQL.match(node.value):
            found.append(f"{path.relative_to(root)}:{node.lineno} SQL {node.value[:40]!r}")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _SQL_CALLS:
            found.append(f"{path.relative_to(root)}:{node.lineno} .{node.func.attr}()")
    return found


def test_services_and_domain_hold_no_sql():
    # The services open the unit of work (db.transaction()) and hand its connection to offline_cache repositories;
    # the statements themselves live in offline_cache. Put a new one in a repository function there.
    offenders = [hit for path in (ROOT / "clerk_app").rglob("*.py") for hit in _sql_in(path)]
    assert not offenders, "\n".join(offenders)


def test_the_sql_check_itself_catches_an_offender(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text('conn.execute("UPDATE cases SET status = ? WHERE case_uuid = ?", (1, 2))\n'
                   'db.query(f"SELECT sha256 FROM blobs WHERE sha256 IN ({marks})")\n'
                   'http.request("DELETE", url)\n', encoding="utf-8")
    found = _sql_in(bad, tmp_path)
    assert len(found) == 3 and "DELETE" not in " ".join(found)


def test_the_ast_check_itself_catches_an_offender(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from PySide6.QtWidgets import QWidget\nimport ui.main_window\nimport main\n")
    assert _imports(bad) == ["PySide6.QtWidgets", "ui.main_window", "main"]
