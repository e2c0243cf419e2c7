"""PySide6 reads every module imported after it to see whether it uses PySide6, and keeps what it read.

Its import hook (``shibokensupport.feature``, behind ``from __feature__ import ...``) asks ``inspect.getsource``,
which goes through ``linecache``: each imported file stays cached as a list of lines, ~14 MB of small strings for
the workstation's ~840 modules, never read again. ``ui.memory`` drops that cache after the first paint, but the
lines were allocated between the modules' own long-lived objects, and memory freed among live objects is memory
the Python allocator cannot give back (issue 11). ``install`` makes the hook read the file through its loader
instead, as one string freed at once; the answer ("PySide6" in the source) is the same.
"""

from __future__ import annotations

from types import ModuleType

import PySide6.QtCore  # noqa: F401  (sets up the import hook patched here)


def install() -> bool:
    """Patch the hook; False where this PySide6 has no such hook (nothing to do)."""
    try:
        from shibokensupport import feature
    except ImportError:
        return False
    original = getattr(feature, "_mod_uses_pyside", None)
    if original is None or getattr(original, "reads_through_loader", False):
        return original is not None

    def uses_pyside(module: ModuleType) -> bool:
        spec = getattr(module, "__spec__", None)
        get_source = getattr(getattr(spec, "loader", None), "get_source", None)
        if spec is None or get_source is None:
            return bool(original(module))
        try:
            source = get_source(spec.name)
        except Exception:  # noqa: BLE001 - an import must never fail here: whatever the hook itself would answer
            return bool(original(module))
        return source is not None and "PySide6" in source

    uses_pyside.reads_through_loader = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside
    return True
