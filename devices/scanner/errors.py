"""Typed scanner errors. Each carries English source text translated (context "errors") when shown to the clerk.

Messages never include file names or image content: a file name can be an applicant's name.
"""

from __future__ import annotations

from clerk_app.errors import DeviceBusy, DeviceError, DeviceNotFound
from clerk_app.i18n import QT_TRANSLATE_NOOP


class ScannerError(DeviceError):
    message = QT_TRANSLATE_NOOP("errors", "The scanner reported an error: {reason}")


class NoScanner(DeviceNotFound):
    message = QT_TRANSLATE_NOOP("errors", "No scanner or document camera is connected or switched on.")


class ScannerGone(DeviceNotFound):
    message = QT_TRANSLATE_NOOP(
        "errors", "The selected scanner is no longer available. Check the cable and power, then choose it again."
    )


class ScannerBusy(DeviceBusy):
    message = QT_TRANSLATE_NOOP(
        "errors", "The scanner is busy (another program or scan is using it). Wait a moment and try again."
    )


class PaperJam(ScannerError):
    message = QT_TRANSLATE_NOOP(
        "errors", "Paper jam in the scanner. Open the feeder, remove the paper and scan again."
    )


class CoverOpen(ScannerError):
    message = QT_TRANSLATE_NOOP("errors", "The scanner cover is open. Close it and scan again.")


class NoDocuments(ScannerError):
    message = QT_TRANSLATE_NOOP("errors", "There is no paper in the document feeder. Put the pages in and scan again.")


class ScannerIOFailure(ScannerError):
    message = QT_TRANSLATE_NOOP(
        "errors", "The connection to the scanner failed during the scan. Check the cable and scan again."
    )


class ScannerNotReady(ScannerError):
    message = QT_TRANSLATE_NOOP("errors", "The scanner is warming up or not ready. Wait a moment and scan again.")


class CameraNoFrame(ScannerError):
    message = QT_TRANSLATE_NOOP(
        "errors", "The document camera has not delivered a picture yet. Check that it is connected and try again."
    )


class UnsupportedSetting(ScannerError):
    message = QT_TRANSLATE_NOOP("errors", "The scanner does not support this setting: {setting}")
