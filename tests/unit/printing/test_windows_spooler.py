"""The Windows spooler path, written against pywin32's win32print and exercised here with a fake module."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from printing.errors import PrintJobFailed
from printing.spooler import PrintJob, WindowsSpooler

pytestmark = pytest.mark.windows_only


class FakeWin32Print:
    PRINTER_ENUM_LOCAL = 2
    PRINTER_ENUM_CONNECTIONS = 4
    JOB_STATUS_ERROR = 0x2
    JOB_STATUS_DELETED = 0x100

    def __init__(self, job_status: int | None = None) -> None:
        self.calls: list[tuple[str, Any]] = []
        self.written = b""
        self.job_status = job_status

    def EnumPrinters(self, flags: int) -> list[tuple[int, str, str, str]]:  # noqa: N802 - pywin32 names
        self.calls.append(("EnumPrinters", flags))
        return [(8388608, "HP,HP LaserJet,", "HP LaserJet", ""), (8388608, "X", "XP-80C", "")]

    def GetDefaultPrinter(self) -> str:  # noqa: N802
        return "HP LaserJet"

    def OpenPrinter(self, name: str) -> SimpleNamespace:  # noqa: N802
        self.calls.append(("OpenPrinter", name))
        return SimpleNamespace(name=name)

    def ClosePrinter(self, handle: object) -> None:  # noqa: N802
        self.calls.append(("ClosePrinter", None))

    def StartDocPrinter(self, handle: object, level: int, info: tuple[str, None, str]) -> int:  # noqa: N802
        self.calls.append(("StartDocPrinter", info))
        return 42

    def StartPagePrinter(self, handle: object) -> None:  # noqa: N802
        self.calls.append(("StartPagePrinter", None))

    def WritePrinter(self, handle: object, data: bytes) -> int:  # noqa: N802
        self.written += data
        return len(data)

    def EndPagePrinter(self, handle: object) -> None:  # noqa: N802
        self.calls.append(("EndPagePrinter", None))

    def EndDocPrinter(self, handle: object) -> None:  # noqa: N802
        self.calls.append(("EndDocPrinter", None))

    def GetJob(self, handle: object, job_id: int, level: int) -> dict[str, int]:  # noqa: N802
        if self.job_status is None:
            raise RuntimeError("job not found")  # pywintypes.error: the job has left the queue
        return {"JobId": job_id, "Status": self.job_status}


def test_raw_pdf_job_and_handle_discipline() -> None:
    fake = FakeWin32Print()
    spooler = WindowsSpooler(fake)
    assert spooler.printers() == ["HP LaserJet", "XP-80C"] and spooler.default_printer() == "HP LaserJet"
    job = spooler.submit("XP-80C", b"%PDF-1.4 receipt", "受理回执-1")
    assert job == PrintJob("XP-80C", "42") and fake.written == b"%PDF-1.4 receipt"
    assert ("StartDocPrinter", ("受理回执-1", None, "RAW")) in fake.calls
    names = [c[0] for c in fake.calls]
    assert names.count("OpenPrinter") == names.count("ClosePrinter")
    assert names.index("EndDocPrinter") < names.index("ClosePrinter")
    assert spooler.wait(job, 1.0) == "completed"


def test_error_status_is_reported() -> None:
    spooler = WindowsSpooler(FakeWin32Print(job_status=0x2))
    with pytest.raises(PrintJobFailed):
        spooler.wait(PrintJob("HP LaserJet", "42"), 1.0)
