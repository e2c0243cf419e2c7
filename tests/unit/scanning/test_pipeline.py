"""Page pipeline on synthetic pictures: every bad input gets a typed error, every good one a correct page."""

from __future__ import annotations

import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageChops

from clerk_app.pages import pipeline
from clerk_app.pages.errors import BrokenImage, ImageTooLarge, PageError, UnsupportedFile
from clerk_app.pages.policy import PagePolicy
from devices.scanner.base import ColourMode
from tests.unit.scanning import images


def decode(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def test_a4_300dpi_colour_scan_fits_the_default_page_cap() -> None:
    page = images.text_page(2480, 3508).convert("RGB")
    result = pipeline.process_image(page, PagePolicy(), 300)
    assert len(result.data) <= 300_000
    assert (result.width, result.height) == (1654, 2339)
    assert result.dpi == 200
    assert result.mime == "image/jpeg"
    assert decode(result.data).info["dpi"][0] == pytest.approx(200, abs=1)


def test_dense_photo_is_squeezed_under_the_cap() -> None:
    result = pipeline.process_image(images.photo(), PagePolicy(), None)
    assert len(result.data) <= 300_000
    assert max(result.width, result.height) >= 1000  # still legible, not a thumbnail


@settings(max_examples=20, deadline=None)
@given(width=st.integers(1500, 2000), height=st.integers(1400, 2200), scale=st.floats(0.3, 0.95),
       mode=st.sampled_from(["L", "RGB"]), seed=st.integers(0, 2**16))
def test_a_large_page_resized_in_two_halves_matches_one_resize(width: int, height: int, scale: float, mode: str,
                                                               seed: int) -> None:
    picture = images.photo(width, height, seed=seed).convert(mode)
    size = (max(1, round(width * scale)), max(2, round(height * scale)))
    assert width * height >= pipeline.SPLIT_RESIZE_PIXELS  # the split path, not the small-page shortcut
    halves = pipeline.resize(picture, size, Image.Resampling.BILINEAR)
    whole = picture.resize(size, Image.Resampling.BILINEAR)
    assert halves.size == whole.size and halves.mode == whole.mode
    extrema = ImageChops.difference(halves, whole).getextrema()
    highest = extrema[1] if mode == "L" else max(high for _low, high in extrema)
    assert highest <= 1  # no seam: at most a grey level of rounding where the halves meet


def _huffman_tables(data: bytes) -> list[bytes]:
    """The DHT segments of a JPEG (an encode without optimisation writes the standard tables of Annex K)."""
    tables, at = [], 2
    while at + 4 <= len(data) and data[at] == 0xFF and data[at + 1] != 0xDA:
        length = int.from_bytes(data[at + 2:at + 4], "big")
        if data[at + 1] == 0xC4:
            tables.append(data[at + 4:at + 2 + length])
        at += 2 + length
    return tables


STANDARD_TABLES = _huffman_tables(images.encode(images.photo(64, 64), "JPEG", quality=75, optimize=False))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(side=st.integers(300, 1400), budget=st.integers(15_000, 400_000), seed=st.integers(0, 2**16))
def test_the_size_search_meets_the_cap_with_an_optimised_page(side: int, budget: int, seed: int) -> None:
    """Trials skip Huffman optimisation; what is stored is an optimised encode, within the cap unless the page
    is at the legibility floor, and a page that fits at the policy's quality is stored at that quality."""
    picture = images.photo(side, side * 4 // 3, seed=seed)
    policy = PagePolicy(max_page_bytes=budget)
    result = pipeline.encode(picture, policy, 200)
    assert len(result.data) <= budget or max(result.width, result.height) <= 1000
    assert STANDARD_TABLES and _huffman_tables(result.data) and _huffman_tables(result.data) != STANDARD_TABLES
    first = io.BytesIO()
    picture.save(first, "JPEG", quality=policy.jpeg_quality, optimize=True, dpi=(200, 200))
    if len(first.getvalue()) <= budget:
        assert result.data == first.getvalue()  # nothing given up when the page fits as it is


def test_small_jpeg_is_kept_byte_for_byte() -> None:
    data = images.encode(images.text_page(800, 1100).convert("RGB"), "JPEG", quality=40)
    result = pipeline.process_bytes(data, PagePolicy())
    assert result.kept_original
    assert result.data == data


def test_small_jpeg_is_reencoded_when_gray_is_required() -> None:
    data = images.encode(images.text_page(800, 1100).convert("RGB"), "JPEG", quality=40)
    result = pipeline.process_bytes(data, PagePolicy(mode=ColourMode.GRAY))
    assert not result.kept_original
    assert decode(result.data).mode == "L"


def test_exif_orientation_is_applied_to_the_pixels() -> None:
    result = pipeline.process_bytes(images.exif_rotated_jpeg(6), PagePolicy())
    image = decode(result.data)
    assert image.size == (200, 400)  # stored landscape, shown portrait
    # orientation 6 turns the picture clockwise: the red left band ends up on top
    assert image.getpixel((100, 20))[0] > 200 and image.getpixel((100, 20))[1] < 60
    assert image.getpixel((100, 380))[1] > 200
    assert pipeline.thumbnail(result.data, 100)


def test_cmyk_jpeg_becomes_rgb() -> None:
    data = images.encode(Image.new("CMYK", (300, 400), (0, 255, 255, 0)), "JPEG")
    image = decode(pipeline.process_bytes(data, PagePolicy()).data)
    assert image.mode == "RGB"
    red, green, blue = image.getpixel((150, 200))
    assert red > 200 and green < 60 and blue < 60


def test_16_bit_gray_png_is_scaled_not_clipped() -> None:
    gray16 = Image.new("I;16", (300, 400), 32768)
    data = images.encode(gray16, "PNG")
    image = decode(pipeline.process_bytes(data, PagePolicy()).data)
    assert image.mode == "L"
    assert 120 <= image.getpixel((10, 10)) <= 135


def test_16_bit_tiff_and_alpha_png() -> None:
    tiff = images.encode(Image.new("I;16", (200, 300), 65535), "TIFF")
    assert decode(pipeline.process_bytes(tiff, PagePolicy()).data).getpixel((5, 5)) > 245
    rgba = Image.new("RGBA", (200, 300), (0, 0, 0, 0))
    result = pipeline.process_bytes(images.encode(rgba, "PNG"), PagePolicy())
    assert decode(result.data).convert("RGB").getpixel((5, 5)) == (255, 255, 255)  # transparent = paper


def test_huge_picture_is_refused_before_decoding() -> None:
    with pytest.raises(ImageTooLarge) as info:
        pipeline.process_bytes(images.huge_png_header(20_000, 20_000), PagePolicy())
    assert "400" in info.value.user_text()


def test_long_thin_picture_over_the_side_limit_is_refused() -> None:
    with pytest.raises(ImageTooLarge):
        pipeline.process_bytes(images.huge_png_header(20_000, 100), PagePolicy())


def test_truncated_jpeg_is_a_broken_image() -> None:
    data = images.encode(images.photo(600, 800), "JPEG", quality=90)
    with pytest.raises(BrokenImage):
        pipeline.process_bytes(data[: len(data) // 2], PagePolicy(mode=ColourMode.GRAY))


def test_garbage_is_unsupported() -> None:
    with pytest.raises(UnsupportedFile):
        pipeline.process_bytes(b"this is not a picture at all" * 10, PagePolicy())


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(min_size=0, max_size=600), st.sampled_from(["PNG", "JPEG", "TIFF", "GIF", "BMP"]),
       st.integers(min_value=0, max_value=400))
def test_corrupted_files_never_crash(noise: bytes, fmt: str, cut: int) -> None:
    valid = images.encode(Image.new("RGB", (40, 30), (10, 200, 30)), fmt)
    mutated = valid[:cut] + noise + valid[cut + len(noise):]
    try:
        result = pipeline.process_bytes(mutated, PagePolicy())
    except PageError:
        return
    assert decode(result.data).size[0] > 0


def test_black_and_white_mode_gives_a_small_one_bit_png() -> None:
    result = pipeline.process_image(images.text_page(2480, 3508), PagePolicy(mode=ColourMode.BW), 300)
    image = decode(result.data)
    assert image.mode == "1"
    assert result.mime == "image/png"
    assert len(result.data) < 150_000


@pytest.mark.parametrize("angle", [-3.0, 2.0, 4.5])
def test_deskew_finds_the_angle(angle: float) -> None:
    page = images.text_page(1240, 1754, angle=angle)
    assert pipeline.skew_angle(page) == pytest.approx(-angle, abs=0.35)


def test_straight_page_is_not_rotated() -> None:
    page = images.text_page(1240, 1754)
    assert pipeline.deskew(page) is page


def test_autocrop_cuts_the_dark_desk_around_the_paper() -> None:
    desk = Image.new("RGB", (1600, 2000), (40, 35, 30))
    desk.paste(images.text_page(1000, 1400).convert("RGB"), (300, 250))
    cropped = pipeline.autocrop(desk)
    assert cropped.size[0] == pytest.approx(1000, abs=25)
    assert cropped.size[1] == pytest.approx(1400, abs=25)


def test_autocrop_leaves_a_full_page_alone() -> None:
    page = images.text_page(1000, 1400)
    assert pipeline.autocrop(page) is page


def test_otsu_threshold_splits_two_levels() -> None:
    image = Image.new("L", (100, 100), 30)
    image.paste(220, (0, 0, 50, 100))
    assert 30 <= pipeline.otsu_threshold(image) < 220


def test_deskew_in_the_pipeline_straightens_and_keeps_the_long_edge() -> None:
    skewed = images.text_page(2480, 3508, angle=2.5).convert("RGB")
    result = pipeline.process_image(skewed, PagePolicy(deskew=True), 300)
    assert max(result.width, result.height) <= 2339
    assert abs(pipeline.skew_angle(decode(result.data))) <= 0.3
    assert len(result.data) <= 300_000


def test_kept_jpeg_loses_its_gps_and_owner_metadata_but_not_a_pixel() -> None:
    image = images.text_page(800, 1100).convert("RGB")
    exif = Image.Exif()
    exif[0x013B] = "Applicant Name"  # Artist
    exif[0x8825] = {2: (30.0, 15.0, 0.0)}  # GPS latitude
    exif[0x0112] = 1
    data = images.encode(image, "JPEG", quality=40, exif=exif.tobytes(), dpi=(150, 150))
    result = pipeline.process_bytes(data, PagePolicy())
    assert result.kept_original and len(result.data) < len(data)
    assert b"Applicant Name" in data and b"Applicant Name" not in result.data
    kept = decode(result.data)
    assert not kept.getexif()
    assert kept.info["dpi"][0] == pytest.approx(150, abs=1)  # JFIF density stays
    assert kept.tobytes() == decode(data).tobytes()


def test_strip_jpeg_metadata_leaves_other_data_alone() -> None:
    from clerk_app.pages.imaging import strip_jpeg_metadata

    assert strip_jpeg_metadata(b"not a jpeg") == b"not a jpeg"
    truncated = b"\xff\xd8\xff\xe1\x00\x40abc"
    assert strip_jpeg_metadata(truncated) == truncated
