"""ScanningService with the simulated scanner and a watched folder: pages stored encrypted, one thread per stack."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from clerk_app.errors import Cancelled
from clerk_app.pages.commit import archive_material_pdfs, link_material_pdfs, link_pages
from clerk_app.pages.model import CasePages
from clerk_app.pages.service import ScanningService
from devices.scanner.base import CancelToken, ColourMode, PaperSource, ScanSettings
from devices.scanner.errors import NoDocuments, PaperJam, ScannerGone
from devices.scanner.folder import WatchedFolder
from devices.scanner.service import ScannerService
from devices.scanner.simulated import SimulatedScanner
from tests.unit.scanning import images


@pytest.fixture
def simulated() -> SimulatedScanner:
    return SimulatedScanner(feeder_pages=3)


@pytest.fixture
def service(workstation: Any, simulated: SimulatedScanner, tmp_path: Path) -> Any:
    drop = tmp_path / "drop"
    drop.mkdir()
    scanners = ScannerService({"simulated": lambda: simulated,
                               "folder": lambda: WatchedFolder([drop], settle_seconds=0.0)})
    svc = ScanningService(workstation.blobs, scanners, training=True)
    svc.drop = drop  # type: ignore[attr-defined]
    yield svc
    svc.close()


def test_sources_are_listed_with_make_model_and_the_simulated_one_is_labelled(service: Any) -> None:
    sources = service.scanners.list_sources()
    assert [s.kind for s in sources] == ["folder", "simulated"]  # real sources first
    assert sources[1].simulated and sources[1].model == "培训模拟扫描仪"
    caps = service.scanners.capabilities("simulated:training-0")
    assert caps.has_adf and 300 in caps.resolutions


def test_feeder_scan_stores_encrypted_pages_with_device_info(service: Any, workstation: Any) -> None:
    stored_on: list[str] = []
    read_on: list[str] = []
    pages = service.scan("simulated:training-0", ScanSettings(resolution=150, source=PaperSource.ADF),
                         on_page=lambda p: stored_on.append(threading.current_thread().name),
                         progress=lambda i, f: read_on.append(threading.current_thread().name))
    assert len(pages) == 3
    # the device is read on its own stack thread; pages are processed and stored on the caller's thread
    assert read_on and all(name.startswith("dev-scanner-simulated") for name in read_on)
    assert set(stored_on) == {threading.current_thread().name}
    for page in pages:
        stored = workstation.blobs.path_for(page.sha256).read_bytes()
        assert b"JFIF" not in stored[:64]  # encrypted at rest
        assert service.page_bytes(page)[:2] == b"\xff\xd8"
        assert page.device.simulated and page.device.kind == "simulated"
        assert page.size <= 300_000
    assert service.thumbnail(pages[0])[:4] == b"\x89PNG"


def test_black_and_white_scan_gives_one_bit_pages(service: Any) -> None:
    (page,) = service.scan("simulated:training-0", ScanSettings(resolution=150, mode=ColourMode.BW))
    assert page.mime == "image/png"


def test_jam_keeps_the_pages_before_it(service: Any, simulated: SimulatedScanner) -> None:
    received = []

    class JamOnSecond(SimulatedScanner):
        pass

    original = simulated.scan

    def scan(*args: Any) -> Any:
        for index, page in enumerate(original(*args)):
            if index == 1:
                raise PaperJam()
            yield page

    simulated.scan = scan  # type: ignore[method-assign]
    with pytest.raises(PaperJam):
        service.scan("simulated:training-0", ScanSettings(resolution=150, source=PaperSource.ADF),
                     on_page=received.append)
    assert len(received) == 1


def test_cancel_before_start_and_unknown_device(service: Any) -> None:
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        service.scan("simulated:training-0", ScanSettings(), token=token)
    with pytest.raises(ScannerGone):
        service.scan("sane:nothing", ScanSettings())


def test_watched_folder_imports_each_file_once(service: Any) -> None:
    drop: Path = service.drop
    (drop / "a.jpg").write_bytes(images.encode(images.text_page(600, 850).convert("RGB"), "JPEG", quality=50))
    from clerk_app.pages.pdf import PdfPage, assemble_pdf

    jpeg = images.encode(images.text_page(600, 850).convert("RGB"), "JPEG", quality=40)
    (drop / "b.pdf").write_bytes(assemble_pdf([PdfPage(jpeg), PdfPage(jpeg)]))
    (drop / "notes.txt").write_text("ignored")
    old = time.time() - 10
    os.utime(drop / "a.jpg", (old, old))
    key = f"folder:{drop}"
    pages = service.scan(key, ScanSettings())
    assert len(pages) == 3  # one picture + a two-page PDF
    assert sorted(p.name for p in (drop / "imported").iterdir()) == ["a.jpg", "b.pdf"]
    with pytest.raises(NoDocuments):
        service.scan(key, ScanSettings())


def test_import_files_and_commit_rows(service: Any, workstation: Any, tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    path.write_bytes(images.exif_rotated_jpeg())
    case = CasePages(cap_for=service.cap_for)
    slot = case.slot("身份证明")
    slot.add(service.import_files([path], "身份证明"))
    slot.original_verified = True
    assert (slot[0].width, slot[0].height) == (200, 400)
    pdf_rows = archive_material_pdfs(service, case, "个体工商户登记")
    assert pdf_rows[0].details["watermarked"] is True
    import uuid

    case_uuid = str(uuid.uuid4())
    with workstation.db.transaction() as conn:
        # minimal applicant and case rows (the acceptance area writes the real ones in the same transaction)
        conn.execute("INSERT INTO applicants VALUES ('a1', 'person', '111', 'x', x'00', 'test', '2026-01-01')")
        conn.execute("INSERT INTO cases (case_uuid, case_number, applicant_uuid, item_codes, status, centre_code,"
                     " window_code, clerk_id, created_at) VALUES (?, 'N1', 'a1', '[]', 'accepted', 'c', 'w', 'k',"
                     " '2026-01-01')", (case_uuid,))
        assert link_pages(conn, case_uuid, case.pages_for_commit()) == 1
        assert link_material_pdfs(conn, case_uuid, pdf_rows) == 1
    roles = {row[0] for row in workstation.db.query("SELECT role FROM case_blobs WHERE case_uuid = ?",
                                                     (case_uuid,))}
    assert roles == {"page", "material_pdf"}


def test_files_that_are_bad_raise_typed_errors_not_crashes(service: Any, tmp_path: Path) -> None:
    from clerk_app.pages.errors import PageError

    bad = tmp_path / "bad.png"
    bad.write_bytes(images.huge_png_header())
    with pytest.raises(PageError):
        service.import_files([bad])
    truncated = tmp_path / "t.jpg"
    data = images.encode(Image.new("RGB", (500, 500), "red"), "JPEG")
    truncated.write_bytes(data[:200])
    with pytest.raises(PageError):
        service.import_files([truncated])


def test_a_processing_error_stops_the_feeder_and_is_raised(service: Any, simulated: SimulatedScanner,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from clerk_app.pages import pipeline
    from clerk_app.pages.errors import BrokenImage

    simulated.feeder_pages = 50
    calls: list[int] = []

    def broken(*_args: Any, **_kwargs: Any) -> Any:
        calls.append(1)
        raise BrokenImage()

    monkeypatch.setattr(pipeline, "process_image", broken)
    with pytest.raises(BrokenImage):
        service.scan("simulated:training-0", ScanSettings(resolution=75, source=PaperSource.ADF))
    assert len(calls) == 1  # the device was cancelled: no page after the failure was processed
    # the device thread is free again
    monkeypatch.undo()
    assert len(service.scan("simulated:training-0", ScanSettings(resolution=75))) == 1


def test_the_clerks_adjustments_reach_the_pipeline(service: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from clerk_app.pages import pipeline

    seen = []
    real = pipeline.process_image

    def spy(image: Any, policy: Any, dpi: Any = None) -> Any:
        seen.append((policy.autocrop, policy.deskew, policy.mode))
        return real(image, policy, dpi)

    monkeypatch.setattr(pipeline, "process_image", spy)
    service.scan("simulated:training-0", ScanSettings(resolution=75, mode=ColourMode.GRAY), deskew=True)
    service.scan("simulated:training-0", ScanSettings(resolution=75), autocrop=True)
    assert seen == [(False, True, ColourMode.GRAY), (True, False, ColourMode.COLOUR)]


def test_each_training_scan_is_a_new_sheet_not_a_duplicate(service: Any) -> None:
    """A trainee scanning the same material twice must not be told it is a duplicate page: each simulated scan
    is another sheet (its running number printed on it), as paper at a real scanner is."""
    settings = ScanSettings(resolution=150)
    (first,) = service.scan("simulated:training-0", settings)
    (second,) = service.scan("simulated:training-0", settings)
    assert first.sha256 != second.sha256
