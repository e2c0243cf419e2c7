"""Qt-free models of the pages of a case: one ``MaterialPages`` per material slot, grouped in ``CasePages``.

Pages are references into the encrypted blob store (sha256) plus what the archive needs: size, format, pixel size,
the device that captured them and a rotation applied losslessly when the PDF is assembled. Listeners are plain
callables so the Qt widget can refresh; mutate models on one thread (the GUI thread) only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from clerk_app.pages.errors import DuplicatePage, MaterialTooLarge
from devices.scanner.base import DeviceInfo


@dataclass(frozen=True)
class Page:
    sha256: str
    size: int
    mime: str
    width: int
    height: int
    device: DeviceInfo
    dpi: int = 200
    rotation: int = 0  # clockwise degrees: 0, 90, 180, 270
    captured_at: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))

    def details(self) -> dict[str, Any]:
        return {"mime": self.mime, "size": self.size, "width": self.width, "height": self.height,
                "dpi": self.dpi, "rotation": self.rotation, "device": self.device.as_dict(),
                "captured_at": self.captured_at}


@dataclass(frozen=True)
class PageCommitRow:
    """One row for ``case_blobs`` (role 'page'), returned by ``CasePages.pages_for_commit``."""

    material_code: str
    sha256: str
    position: int
    details: dict[str, Any]
    size: int
    mime: str


Listener = Callable[["MaterialPages"], None]


class MaterialPages:
    def __init__(self, material_code: str, cap_bytes: int | None = None,
                 owner: CasePages | None = None) -> None:
        self.material_code = material_code
        self.cap_bytes = cap_bytes
        self._original_verified = False
        self._pages: list[Page] = []
        self._listeners: list[Listener] = []
        self._owner = owner

    # --- reading ---------------------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._pages)

    def __iter__(self) -> Iterator[Page]:
        return iter(list(self._pages))

    def __getitem__(self, index: int) -> Page:
        return self._pages[index]

    @property
    def pages(self) -> tuple[Page, ...]:
        return tuple(self._pages)

    @property
    def original_verified(self) -> bool:
        """B-level: the clerk checked the paper original; the archived PDF carries the watermark."""
        return self._original_verified

    @original_verified.setter
    def original_verified(self, verified: bool) -> None:
        if bool(verified) != self._original_verified:
            self._original_verified = bool(verified)
            self._changed()

    @property
    def total_bytes(self) -> int:
        return sum(p.size for p in self._pages)

    # --- listening -------------------------------------------------------------------------------------------
    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _changed(self) -> None:
        for listener in list(self._listeners):
            listener(self)

    # --- editing ---------------------------------------------------------------------------------------------
    def check_fits(self, extra_bytes: int, replacing: int = 0) -> None:
        total = self.total_bytes - replacing + extra_bytes
        if self.cap_bytes is not None and total > self.cap_bytes:
            raise MaterialTooLarge(total_kb=(total + 999) // 1000, limit_kb=self.cap_bytes // 1000)

    def add(self, pages: Iterable[Page], index: int | None = None) -> None:
        new = list(pages)
        self.check_fits(sum(p.size for p in new))
        for page in new:
            self._check_duplicate(page.sha256)
        at = len(self._pages) if index is None else max(0, min(index, len(self._pages)))
        self._pages[at:at] = new
        self._changed()

    def _check_duplicate(self, sha256: str) -> None:
        holders = self._owner.holders_of(sha256) if self._owner else (
            [self.material_code] if any(p.sha256 == sha256 for p in self._pages) else [])
        if holders:
            raise DuplicatePage(material=holders[0])

    def rotate(self, index: int, degrees: int = 90) -> None:
        page = self._pages[index]
        self._pages[index] = replace(page, rotation=(page.rotation + degrees) % 360)
        self._changed()

    def move(self, src: int, dst: int) -> None:
        page = self._pages.pop(src)
        self._pages.insert(max(0, min(dst, len(self._pages))), page)
        self._changed()

    def delete(self, index: int) -> Page:
        page = self._pages.pop(index)
        self._changed()
        return page

    def replace_page(self, index: int, page: Page) -> None:
        """Rescan of one page: the new page takes the old one's place and keeps its rotation reset."""
        self.check_fits(page.size, replacing=self._pages[index].size)
        if page.sha256 != self._pages[index].sha256:
            self._check_duplicate(page.sha256)
        self._pages[index] = page
        self._changed()

    def move_to(self, index: int, other: MaterialPages, dst: int | None = None) -> None:
        """Drag a page to another material; checks the other material's cap before anything changes."""
        if other is self:
            self.move(index, len(self._pages) if dst is None else dst)
            return
        page = self._pages[index]
        other.check_fits(page.size)
        self._pages.pop(index)
        at = len(other._pages) if dst is None else max(0, min(dst, len(other._pages)))
        other._pages.insert(at, page)
        self._changed()
        other._changed()

    def clear(self) -> None:
        self._pages.clear()
        self._changed()


class CasePages:
    """All material slots of one case being accepted."""

    def __init__(self, cap_for: Callable[[str], int | None] | None = None) -> None:
        self._slots: dict[str, MaterialPages] = {}
        self._cap_for = cap_for or (lambda _code: None)

    def slot(self, material_code: str) -> MaterialPages:
        slot = self._slots.get(material_code)
        if slot is None:
            slot = MaterialPages(material_code, self._cap_for(material_code), owner=self)
            self._slots[material_code] = slot
        return slot

    def slots(self) -> list[MaterialPages]:
        return list(self._slots.values())

    def holders_of(self, sha256: str) -> list[str]:
        return [code for code, slot in self._slots.items() if any(p.sha256 == sha256 for p in slot.pages)]

    def pages_for_commit(self) -> list[PageCommitRow]:
        rows = []
        for code, slot in self._slots.items():
            for position, page in enumerate(slot.pages):
                details = page.details() | {"original_verified": slot.original_verified}
                rows.append(PageCommitRow(code, page.sha256, position, details, page.size, page.mime))
        return rows

    def devices_used(self) -> list[DeviceInfo]:
        seen: dict[str, DeviceInfo] = {}
        for slot in self._slots.values():
            for page in slot.pages:
                seen.setdefault(page.device.key, page.device)
        return list(seen.values())
