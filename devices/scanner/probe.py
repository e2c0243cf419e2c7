"""``doctor`` probe for document cameras (Qt Multimedia video inputs). Never raises."""

from __future__ import annotations

from clerk_app.domain.probe import ProbeResult


def probe_camera() -> ProbeResult:
    try:
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtMultimedia import QMediaDevices
    except (ImportError, OSError) as exc:  # Linux: Qt Multimedia needs libpulse0 even for video
        return ProbeResult("camera", False, detail=f"Qt Multimedia not usable ({str(exc)[:80]})")
    if QCoreApplication.instance() is None:
        return ProbeResult("camera", False, detail="needs a Qt application")
    names = [device.description() for device in QMediaDevices.videoInputs()]
    return ProbeResult("camera", True, names, f"{len(names)} document camera(s)")
