"""The scanning service the UI and CLI use: capture from a device or file → page pipeline → encrypted blob store.

Runs off the GUI thread (the caller's worker); the device part runs on the device's own stack thread. Pages are
stored as soon as each is processed, so a jam or cancel never loses the pages before it.
"""

from __future__ import annotations

import functools
import logging
import queue
from collections.abc import Callable, Iterable
from pathlib import Path

from clerk_app.pages import importer, pipeline
from clerk_app.pages.model import MaterialPages, Page
from clerk_app.pages.policy import PagePolicy, PolicyBook
from devices.scanner.base import CancelToken, DeviceInfo, ProgressCallback, RawPage, ScanSettings
from devices.scanner.service import ScannerService
from offline_cache.blobs import BlobStore

log = logging.getLogger("onewindow.pages")

FILE_DEVICE = DeviceInfo("file", "import", "", "file import")

PageCallback = Callable[[Page], None]


class ScanningService:
    def __init__(self, blobs: BlobStore, scanners: ScannerService, policies: PolicyBook | None = None,
                 training: bool = False, resolution: int = 300) -> None:
        self.blobs = blobs
        self.resolution = resolution  # dpi asked of scanners; the policy decides what is stored
        self.scanners = scanners
        self.policies = policies or PolicyBook()
        self.training = training
        self._thumbs = functools.lru_cache(maxsize=256)(self._make_thumbnail)

    # --- capture ---------------------------------------------------------------------------------------------
    def _store(self, source: importer.PageSource, device: DeviceInfo, policy: PagePolicy) -> Page:
        if source.image is not None:
            processed = pipeline.process_image(source.image, policy, source.dpi)
        else:
            assert source.data is not None
            processed = pipeline.process_bytes(source.data, policy, source.dpi)
        sha = self.blobs.put(processed.data)
        return Page(sha, len(processed.data), processed.mime, processed.width, processed.height, device,
                    dpi=processed.dpi)

    def ingest(self, raw: RawPage, policy: PagePolicy) -> list[Page]:
        """One device delivery → stored pages (a dropped PDF or TIFF can hold several)."""
        if raw.image is not None:
            return [self._store(importer.PageSource(image=raw.image, dpi=raw.dpi), raw.device, policy)]
        assert raw.data is not None
        return [self._store(src, raw.device, policy) for src in importer.expand(raw.data)]

    def scan(self, device_key: str, settings: ScanSettings, material_code: str | None = None,
             on_page: PageCallback | None = None, token: CancelToken | None = None,
             progress: ProgressCallback | None = None, **adjust: bool) -> list[Page]:
        """``adjust``: the clerk's per-scan choices over the material's policy (``autocrop``, ``deskew``)."""
        policy = self.policies.policy_for(material_code).with_(**adjust)
        if policy.mode is None:
            policy = policy.with_(mode=settings.mode)
        token = token or CancelToken()
        # the device thread only reads pages; they are processed here, so the feeder keeps moving while the
        # previous page is encoded. Two pages in flight bound the memory (a 300 dpi colour page is 26 MB raw).
        pending: queue.Queue[object] = queue.Queue(maxsize=2)
        done = object()
        future = self.scanners.scan_async(device_key, settings, pending.put, token, progress)
        future.add_done_callback(lambda _f: pending.put(done))
        stored: list[Page] = []
        failure: BaseException | None = None
        while (item := pending.get()) is not done:
            if failure is not None:
                continue  # drain so the device thread is never stuck on a full queue
            try:
                assert isinstance(item, RawPage)
                for page in self.ingest(item, policy):
                    stored.append(page)
                    if on_page is not None:
                        on_page(page)
            except BaseException as exc:  # stop the device, then report this error after it has stopped
                failure = exc
                token.cancel()
        if failure is not None:
            raise failure
        future.result()  # the device's own error (jam, cover open ...) after the pages before it were kept
        return stored

    def import_files(self, paths: Iterable[Path], material_code: str | None = None,
                     on_page: PageCallback | None = None, token: CancelToken | None = None,
                     **adjust: bool) -> list[Page]:
        policy = self.policies.policy_for(material_code).with_(**adjust)
        stored: list[Page] = []
        for path in paths:
            for source in importer.expand(importer.read_file(Path(path))):
                if token is not None:
                    token.raise_if_cancelled()
                page = self._store(source, FILE_DEVICE, policy)
                stored.append(page)
                if on_page is not None:
                    on_page(page)
        return stored

    def import_bytes(self, data: bytes, device: DeviceInfo, material_code: str | None = None) -> list[Page]:
        """Camera frames and other in-memory captures."""
        return self.ingest(RawPage(device, 0, data=data), self.policies.policy_for(material_code))

    # --- reading ---------------------------------------------------------------------------------------------
    def page_bytes(self, page: Page | str) -> bytes:
        return self.blobs.get(page if isinstance(page, str) else page.sha256)

    def _make_thumbnail(self, sha256: str, size: int) -> bytes:
        return pipeline.thumbnail(self.blobs.get(sha256), size)

    def thumbnail(self, page: Page, size: int = 160) -> bytes:
        return self._thumbs(page.sha256, size)

    def cap_for(self, material_code: str) -> int:
        return self.policies.cap_for(material_code)

    # --- output ----------------------------------------------------------------------------------------------
    def material_pdf(self, slot: MaterialPages, purpose: str | None = None, archived: bool = True,
                     footer: str | None = None) -> bytes:
        """The material as one PDF. The archived copy of a verified original carries the B-level watermark."""
        # img2pdf and pikepdf (~0.3 s to import) load with the first PDF, not on the path to the first paint
        from clerk_app.pages.pdf import PdfPage, assemble_pdf, watermark_text

        pages = [PdfPage(self.blobs.get(p.sha256), p.rotation) for p in slot.pages]
        mark = watermark_text(purpose) if archived and slot.original_verified else None
        return assemble_pdf(pages, watermark=mark, footer=footer)

    def close(self) -> None:
        self.scanners.close()
