"""PySide6's import hook still learns which modules use PySide6, without keeping every imported file's lines."""

from __future__ import annotations

import linecache
import sys
from pathlib import Path

import pytest

from ui import pyside_sources


@pytest.fixture
def module_dir(tmp_path: Path) -> Path:
    sys.path.insert(0, str(tmp_path))
    yield tmp_path
    sys.path.remove(str(tmp_path))


def test_imported_modules_leave_no_lines_cached(module_dir: Path) -> None:
    assert pyside_sources.install()
    (module_dir / "ow_plain_module.py").write_text("VALUE = 1\n" * 50, encoding="utf-8")
    linecache.clearcache()
    __import__("ow_plain_module")  # through builtins.__import__, where the hook sits
    assert str(module_dir / "ow_plain_module.py") not in linecache.cache


def test_the_hook_answers_as_before(module_dir: Path) -> None:
    from shibokensupport import feature

    assert pyside_sources.install() and pyside_sources.install()  # once patched, a second call changes nothing
    (module_dir / "ow_qt_module.py").write_text("from PySide6.QtCore import QObject\n", encoding="utf-8")
    (module_dir / "ow_other_module.py").write_text("import json\n", encoding="utf-8")
    qt, other = __import__("ow_qt_module"), __import__("ow_other_module")
    assert feature._mod_uses_pyside(qt) is True  # noqa: SLF001 - the hook's own question
    assert feature._mod_uses_pyside(other) is False  # noqa: SLF001
    assert feature._mod_uses_pyside(sys) is False  # noqa: SLF001 - built in: no source, as inspect finds none
    # What the hook decided: a module using PySide6 gets the "no feature" default (0), any other is ignored (-1).
    assert feature.pyside_feature_dict.get("ow_qt_module") == 0
    assert feature.pyside_feature_dict.get("ow_other_module") == -1


def test_a_loader_that_fails_leaves_the_answer_to_the_hook_itself() -> None:
    import types
    from importlib.machinery import ModuleSpec

    from shibokensupport import feature

    class BrokenLoader:
        def get_source(self, name: str) -> str:
            raise RuntimeError("the loader broke")

    module = types.ModuleType("ow_broken_source")
    module.__spec__ = ModuleSpec("ow_broken_source", BrokenLoader())  # type: ignore[arg-type]
    assert pyside_sources.install()
    assert feature._mod_uses_pyside(module) is False  # noqa: SLF001 - inspect finds no source either: no exception
