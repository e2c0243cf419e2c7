"""MaterialPages editing, caps, duplicate detection, commit rows; PDF assembly, rotation and B-level watermark."""

from __future__ import annotations

import io

import pikepdf
import pypdfium2 as pdfium
import pytest

from clerk_app.pages.errors import BrokenImage, DuplicatePage, MaterialTooLarge
from clerk_app.pages.model import CasePages, MaterialPages, Page
from clerk_app.pages.pdf import PdfPage, assemble_pdf, watermark_text
from devices.scanner.base import DeviceInfo
from tests.unit.scanning import images

DEV = DeviceInfo("sane", "test:0", "Noname", "frontend-tester")


def page(n: int, size: int = 100) -> Page:
    return Page(f"{n:064x}", size, "image/jpeg", 1654, 2339, DEV)


def test_add_rotate_move_delete_notify() -> None:
    slot = MaterialPages("M1")
    seen: list[int] = []
    slot.subscribe(lambda s: seen.append(len(s)))
    slot.add([page(1), page(2), page(3)])
    slot.rotate(0)
    slot.rotate(0, 270)
    assert slot[0].rotation == 0
    slot.rotate(1, -90)
    assert slot[1].rotation == 270
    slot.move(2, 0)
    assert [p.sha256[-1] for p in slot] == ["3", "1", "2"]
    removed = slot.delete(1)
    assert removed.sha256 == page(1).sha256
    assert len(seen) == 6 and seen[-1] == 2


def test_cap_refuses_with_sizes_and_keeps_the_pages() -> None:
    slot = MaterialPages("M1", cap_bytes=250_000)
    slot.add([page(1, 100_000), page(2, 100_000)])
    with pytest.raises(MaterialTooLarge) as info:
        slot.add([page(3, 100_000)])
    assert "300 KB" in info.value.user_text() and "250 KB" in info.value.user_text()
    assert len(slot) == 2


def test_move_to_other_material_checks_its_cap_first() -> None:
    case = CasePages(cap_for=lambda code: 220 if code == "small" else None)
    big, small = case.slot("big"), case.slot("small")
    big.add([page(1), page(2, 150)])
    small.add([page(3)])
    with pytest.raises(MaterialTooLarge):
        big.move_to(1, small)
    assert len(big) == 2 and len(small) == 1
    big.move_to(0, small, 0)
    assert [p.sha256[-1] for p in small] == ["1", "3"]
    assert len(big) == 1


def test_the_same_page_cannot_be_in_the_case_twice() -> None:
    case = CasePages()
    case.slot("A").add([page(1)])
    with pytest.raises(DuplicatePage) as info:
        case.slot("B").add([page(1)])
    assert "A" in info.value.user_text()


def test_replace_page_for_a_rescan() -> None:
    slot = MaterialPages("M1", cap_bytes=300)
    slot.add([page(1), page(2)])
    slot.replace_page(1, page(9, 200))
    assert slot[1].sha256 == page(9).sha256
    with pytest.raises(MaterialTooLarge):
        slot.replace_page(0, page(8, 250))


def test_pages_for_commit_rows() -> None:
    case = CasePages()
    slot = case.slot("营业执照")
    slot.original_verified = True
    slot.add([page(1), page(2)])
    slot.rotate(1)
    rows = case.pages_for_commit()
    assert [(r.material_code, r.position) for r in rows] == [("营业执照", 0), ("营业执照", 1)]
    assert rows[1].details["rotation"] == 90
    assert rows[0].details["original_verified"] is True
    assert rows[0].details["device"] == {"kind": "sane", "id": "test:0", "make": "Noname",
                                         "model": "frontend-tester", "simulated": False}
    assert case.devices_used() == [DEV]


def _jpeg(angle: float = 0.0) -> bytes:
    return images.encode(images.text_page(827, 1170, angle=angle).convert("RGB"), "JPEG", quality=60,
                         dpi=(100, 100))


def test_assemble_is_lossless_and_rotates_with_the_page_entry() -> None:
    jpeg = _jpeg()
    png = images.encode(images.text_page(827, 1170).convert("1"), "PNG")
    data = assemble_pdf([PdfPage(jpeg), PdfPage(png, 90), PdfPage(jpeg, 180)])
    pdf = pikepdf.open(io.BytesIO(data))
    assert len(pdf.pages) == 3
    assert pdf.pages[1].obj.get("/Rotate") == 90 and pdf.pages[2].obj.get("/Rotate") == 180
    xobject = next(iter(pdf.pages[0].get_images().values()))
    assert xobject.read_raw_bytes() == jpeg  # the JPEG is embedded as is (DCTDecode passthrough)


def test_watermark_is_text_on_top_of_untouched_images() -> None:
    jpeg = _jpeg()
    mark = watermark_text("个体工商户登记")
    assert mark == "此件经与原件核对无误，仅供办理个体工商户登记使用"
    data = assemble_pdf([PdfPage(jpeg), PdfPage(jpeg, 90)], watermark=mark)
    doc = pdfium.PdfDocument(data)
    try:
        for index in range(2):
            text = doc[index].get_textpage().get_text_range()
            assert "此件经与原件核对无误" in text
    finally:
        doc.close()
    pdf = pikepdf.open(io.BytesIO(data))
    images_found = [img for p in pdf.pages for img in p.get_images().values()]
    assert images_found and all(img.read_raw_bytes() == jpeg for img in images_found)


def test_assemble_refuses_nothing_and_garbage() -> None:
    with pytest.raises(ValueError):
        assemble_pdf([])
    with pytest.raises(BrokenImage):
        assemble_pdf([PdfPage(b"not an image")])
