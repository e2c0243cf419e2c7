"""What device stacks this machine can see, for ``doctor`` and the status bar. Never raises: a missing library or
daemon is a finding, not an error."""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable

from clerk_app.domain.probe import ProbeResult


def probe_pcsc() -> ProbeResult:
    if importlib.util.find_spec("smartcard") is None:
        return ProbeResult("pcsc", False, detail="pyscard not installed")
    try:
        from smartcard.System import readers

        names = [str(r) for r in readers()]
    except Exception as exc:  # pyscard raises several unrelated types when pcscd is absent
        return ProbeResult("pcsc", False, detail=f"PC/SC service not available ({type(exc).__name__})")
    return ProbeResult("pcsc", True, names, f"{len(names)} reader(s)")


def probe_serial() -> ProbeResult:
    try:
        from serial.tools import list_ports
    except ImportError:
        return ProbeResult("serial", False, detail="pyserial not installed")
    ports = [p.device for p in list_ports.comports()]
    return ProbeResult("serial", True, ports, f"{len(ports)} port(s)")


def probe_sane() -> ProbeResult:
    if importlib.util.find_spec("sane") is None:
        return ProbeResult("sane", False, detail="python-sane not installed")
    try:
        import sane

        sane.init()
        try:
            devices = [f"{d[0]} ({d[1]} {d[2]})" for d in sane.get_devices(localOnly=True)]
        finally:
            sane.exit()
    except Exception as exc:
        return ProbeResult("sane", False, detail=f"SANE not usable ({type(exc).__name__})")
    detail = f"{len(devices)} scanner(s)"
    if os.environ.get("SANE_CONFIG_DIR"):
        detail += f", config {os.environ['SANE_CONFIG_DIR']}"
    return ProbeResult("sane", True, devices, detail)


def _probe_camera() -> ProbeResult:
    from devices.scanner.probe import probe_camera

    return probe_camera()


PROBES: dict[str, Callable[[], ProbeResult]] = {
    "pcsc": probe_pcsc,
    "serial": probe_serial,
    "sane": probe_sane,
    "camera": _probe_camera,
}


def probe_all() -> list[ProbeResult]:
    return [probe() for probe in PROBES.values()]
