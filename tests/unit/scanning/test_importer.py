"""File import: multi-page PDF and TIFF, broken and oversized files, and the service storing pages encrypted."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from clerk_app.pages import importer
from clerk_app.pages.errors import BrokenImage, FileTooLarge, PageError, TooManyPages, UnsupportedFile
from clerk_app.pages.pdf import PdfPage, assemble_pdf
from tests.unit.scanning import images


def _pdf(pages: int) -> bytes:
    jpeg = images.encode(images.text_page(827, 1170).convert("RGB"), "JPEG", quality=50, dpi=(100, 100))
    return assemble_pdf([PdfPage(jpeg)] * pages)


def test_multi_page_pdf_is_rasterised_page_by_page() -> None:
    sources = list(importer.expand(_pdf(3)))
    assert len(sources) == 3
    for source in sources:
        assert source.image is not None and source.dpi == 200
        assert source.image.size == pytest.approx((1654, 2339), abs=3)


def test_pdf_with_too_many_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importer, "MAX_PDF_PAGES", 2)
    with pytest.raises(TooManyPages):
        list(importer.expand(_pdf(3)))


def test_truncated_pdf_is_broken() -> None:
    data = _pdf(2)
    with pytest.raises(BrokenImage):
        list(importer.expand(data[: len(data) // 3]))


def test_multi_page_tiff_gives_every_frame() -> None:
    frames = [Image.new("L", (300, 400), shade) for shade in (0, 128, 255)]
    out = io.BytesIO()
    frames[0].save(out, "TIFF", save_all=True, append_images=frames[1:], dpi=(300, 300))
    sources = list(importer.expand(out.getvalue()))
    assert [s.image.getpixel((1, 1)) for s in sources if s.image] == [0, 128, 255]
    assert sources[0].dpi == 300


def test_single_picture_is_passed_on_as_bytes() -> None:
    data = images.encode(Image.new("RGB", (30, 40)), "PNG")
    (source,) = importer.expand(data)
    assert source.data == data and source.image is None


def test_empty_and_unknown_files() -> None:
    with pytest.raises(BrokenImage):
        list(importer.expand(b""))
    with pytest.raises(UnsupportedFile):
        list(importer.expand(b"PK\x03\x04 a zip file, not a page"))


def test_oversized_file_is_refused_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importer, "MAX_FILE_BYTES", 1000)
    big = tmp_path / "big.jpg"
    big.write_bytes(b"\xff" * 2000)
    with pytest.raises(FileTooLarge):
        importer.read_file(big)
    with pytest.raises(UnsupportedFile):
        importer.read_file(tmp_path / "missing.jpg")


_VALID_PDF = _pdf(2)
_VALID_TIFF = images.encode(Image.new("L", (60, 80), 100), "TIFF", save_all=True,
                            append_images=[Image.new("L", (60, 80), 200)])


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["pdf", "tiff"]), st.integers(min_value=0, max_value=4000), st.binary(max_size=64))
def test_corrupted_pdf_and_tiff_give_typed_errors_or_pages(kind: str, at: int, noise: bytes) -> None:
    valid = _VALID_PDF if kind == "pdf" else _VALID_TIFF
    at = at % len(valid)
    mutated = valid[:at] + noise + valid[at + len(noise):]
    try:
        for source in importer.expand(mutated):
            assert source.image is not None or source.data is not None
    except PageError:
        pass
