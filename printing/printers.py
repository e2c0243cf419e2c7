"""Printers the OS spooler offers (CUPS on Linux/macOS, the Windows spooler on Windows)."""

from __future__ import annotations

import importlib.util
import sys

from clerk_app.domain.probe import ProbeResult


def probe_printers() -> ProbeResult:
    if sys.platform == "win32":
        if importlib.util.find_spec("win32print") is None:
            return ProbeResult("printers", False, detail="pywin32 not installed")
        import win32print  # type: ignore[import-not-found]

        names = [p[2] for p in win32print.EnumPrinters(win32print.PRINTER_ENUM_LOCAL)]
        return ProbeResult("printers", True, names, f"{len(names)} printer(s)")
    if importlib.util.find_spec("cups") is None:
        return ProbeResult("printers", False, detail="pycups not installed")
    try:
        import cups

        names = sorted(cups.Connection().getPrinters())
    except Exception as exc:  # cups.IPPError / RuntimeError when cupsd is not running
        return ProbeResult("printers", False, detail=f"CUPS not reachable ({type(exc).__name__})")
    return ProbeResult("printers", True, names, f"{len(names)} printer(s)")
