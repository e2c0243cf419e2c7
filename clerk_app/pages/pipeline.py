"""The page pipeline: upright, optional auto-crop and deskew, colour mode, size policy, encoding, thumbnails.

Pure Pillow: deskew uses a projection profile on a reduced copy (rows of text give the sharpest row profile when
level), auto-crop compares against the border colour. A file that already meets the policy is stored byte for byte:
re-encoding a small JPEG only makes it bigger and worse.
"""

from __future__ import annotations

import functools
import io
import logging
import math
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from PIL import Image, ImageFilter, ImageStat

from clerk_app.pages import imaging
from clerk_app.pages.policy import PagePolicy
from devices.scanner.base import ColourMode

log = logging.getLogger("onewindow.pages")

A4_LONG_INCH = 11.69
FLOOR_RATIO = 1.5
HUFFMAN_SAVING = 0.94  # an optimised JPEG of a scan is 5–7 % smaller than the same encode without
SPLIT_RESIZE_PIXELS = 2_000_000  # below this a second thread costs more than it saves


@dataclass(frozen=True)
class ProcessedPage:
    data: bytes
    mime: str
    width: int
    height: int
    dpi: int
    kept_original: bool = False


def _mode_of(image: Image.Image) -> ColourMode:
    return {"1": ColourMode.BW, "L": ColourMode.GRAY}.get(image.mode, ColourMode.COLOUR)


def process_bytes(data: bytes, policy: PagePolicy, dpi: int | None = None) -> ProcessedPage:
    image = imaging.open_image(data)
    fmt = image.format
    imaging.load(image)  # a file kept byte for byte must still decode completely
    if _can_keep(data, image, policy):
        width, height = image.size
        kept = imaging.strip_jpeg_metadata(data) if fmt == "JPEG" else data
        return ProcessedPage(kept, "image/jpeg" if fmt == "JPEG" else "image/png", width, height,
                             _dpi(image, dpi), kept_original=True)
    return process_image(imaging.upright(image), policy, _dpi(image, dpi))


def _can_keep(data: bytes, image: Image.Image, policy: PagePolicy) -> bool:
    if image.format not in ("JPEG", "PNG") or len(data) > policy.max_page_bytes:
        return False
    if policy.autocrop or policy.deskew or imaging.exif_orientation(image) != 1:
        return False
    if image.mode not in ("1", "L", "RGB") or max(image.size) > policy.long_edge * 1.1:
        return False
    if image.format == "PNG" and image.mode == "RGB":
        return False  # an RGB PNG photo is usually much smaller as JPEG
    return policy.mode is None or policy.mode is _mode_of(image) or (
        policy.mode is ColourMode.GRAY and image.mode == "1")


def _dpi(image: Image.Image, hint: int | None) -> int:
    if hint:
        return int(hint)
    info = image.info.get("dpi")
    try:
        if info and float(info[0]) >= 50:
            return round(float(info[0]))
    except (TypeError, ValueError, IndexError):
        pass
    return max(72, round(max(image.size) / A4_LONG_INCH))  # assume a full A4 page


def process_image(image: Image.Image, policy: PagePolicy, dpi: int | None = None) -> ProcessedPage:
    dpi = dpi or _dpi(image, None)
    image = imaging.to_working_mode(image)
    if policy.autocrop:
        image = autocrop(image)
    # the skew angle is measured on the full picture (on a reduced copy) but applied after downsizing: rotating
    # a 300 dpi page costs four times as much as rotating the stored size
    angle = skew_angle(image) if policy.deskew else 0.0
    target = policy.mode or _mode_of(image)
    if abs(angle) >= 0.2:
        # shrink so that the canvas grown by the rotation just fits the long edge: one resize, one rotation
        rad = math.radians(abs(angle))
        width, height = image.size
        grown = max(width * math.cos(rad) + height * math.sin(rad), width * math.sin(rad) + height * math.cos(rad))
        image, dpi = _fit(image, int(policy.long_edge * max(image.size) / grown) - 2, dpi)
        image = rotate(image, angle)
    else:
        image, dpi = _fit(image, policy.long_edge, dpi)
    image = convert_mode(image, target)
    return encode(image, policy, dpi)


def _fit(image: Image.Image, long_edge: int, dpi: int) -> tuple[Image.Image, int]:
    if max(image.size) <= long_edge:
        return image, dpi
    scale = long_edge / max(image.size)
    size = (max(1, round(image.size[0] * scale)), max(1, round(image.size[1] * scale)))
    if image.mode == "1":
        image = image.resize(size, Image.Resampling.NEAREST)
    else:
        # Pillow's bilinear filter widens with the scale (a triangle over 1.5 source pixels from 300 to 200 dpi), so
        # it does not alias; bicubic cost 60 % more on every page for a difference the JPEG encode then buries
        image = resize(image, size, Image.Resampling.BILINEAR)
    return image, max(1, round(dpi * scale))


@functools.cache
def _resize_helper() -> ThreadPoolExecutor | None:
    return ThreadPoolExecutor(1, thread_name_prefix="page-resize") if (os.cpu_count() or 1) >= 2 else None


def resize(image: Image.Image, size: tuple[int, int], resample: Image.Resampling) -> Image.Image:
    """``Image.resize``, with the lower half on a second core for a large page: Pillow releases the GIL while it
    resamples, and the resize is most of a 300 dpi page's time. Each half reads its source rows through ``box``
    and Pillow's filter reaches past a box's edge into the rest of the picture, so the seam matches a single
    resize (up to float rounding of the box, one grey level on a few pixels)."""
    helper = _resize_helper()
    width, height = size
    if helper is None or height < 2 or image.size[0] * image.size[1] < SPLIT_RESIZE_PIXELS:
        return image.resize(size, resample)
    top_rows = height // 2
    seam = top_rows * image.size[1] / height
    lower = helper.submit(image.resize, (width, height - top_rows), resample, (0, seam, image.size[0], image.size[1]))
    upper = image.resize((width, top_rows), resample, (0, 0, image.size[0], seam))
    out = Image.new(image.mode, size)
    out.paste(upper, (0, 0))
    out.paste(lower.result(), (0, top_rows))
    return out


def convert_mode(image: Image.Image, mode: ColourMode) -> Image.Image:
    if mode is ColourMode.COLOUR:
        return image.convert("RGB") if image.mode == "1" else image
    if mode is ColourMode.GRAY:
        return image.convert("L") if image.mode != "L" else image
    if image.mode == "1":
        return image
    gray = image.convert("L")
    threshold = otsu_threshold(gray)
    return gray.point(lambda v: 255 if v > threshold else 0, mode="1")


def otsu_threshold(gray: Image.Image) -> int:
    hist = gray.histogram()[:256]
    total = sum(hist)
    sum_all = sum(i * h for i, h in enumerate(hist))
    weight_b = sum_b = 0.0
    best, best_var = 127, -1.0
    for t in range(256):
        weight_b += hist[t]
        if weight_b == 0:
            continue
        weight_f = total - weight_b
        if weight_f == 0:
            break
        sum_b += t * hist[t]
        mean_b = sum_b / weight_b
        mean_f = (sum_all - sum_b) / weight_f
        between = weight_b * weight_f * (mean_b - mean_f) ** 2
        if between > best_var:
            best, best_var = t, between
    return best


def encode(image: Image.Image, policy: PagePolicy, dpi: int) -> ProcessedPage:
    if image.mode == "1":
        out = io.BytesIO()
        image.save(out, "PNG", dpi=(dpi, dpi))
        return ProcessedPage(out.getvalue(), "image/png", image.size[0], image.size[1], dpi)
    quality = policy.jpeg_quality
    data, optimised = _jpeg(image, quality, dpi, optimise=True), True  # most pages fit at once
    for _attempt in range(8):
        ratio = len(data) * (1.0 if optimised else HUFFMAN_SAVING) / policy.max_page_bytes
        if ratio <= 1.0 and optimised:
            break
        if ratio <= 1.0:
            data, optimised = _jpeg(image, quality, dpi, optimise=True), True
            continue
        if quality > policy.min_quality:
            # far over: go straight to the quality floor instead of trying every step on the way (at the floor a
            # scan is about 0.65 of its size at 75, so past ~1.5 no step on the way can fit)
            quality = policy.min_quality if ratio > FLOOR_RATIO else max(policy.min_quality, quality - 10)
        else:
            # quality alone is not enough (a dense colour photo): give up resolution, keep a legibility floor;
            # JPEG size grows roughly with the pixel count
            if max(image.size) <= 1000:
                break
            scale = max(0.5, min(0.9, (1 / ratio) ** 0.5 * 0.95))
            image = resize(image, (round(image.size[0] * scale), round(image.size[1] * scale)),
                           Image.Resampling.BILINEAR)
            dpi = max(1, round(dpi * scale))
            # the scale leaves a 10 % margin: this encode is expected to be the page kept, so it is optimised
            data, optimised = _jpeg(image, quality, dpi, optimise=True), True
            continue
        # The search's trials skip Huffman optimisation (it is two thirds of an encode's time); the page kept is
        # optimised: a dense photo took five optimised encodes before it fitted.
        data, optimised = _jpeg(image, quality, dpi, optimise=False), False
    if not optimised:
        data = _jpeg(image, quality, dpi, optimise=True)
    return ProcessedPage(data, "image/jpeg", image.size[0], image.size[1], dpi)


def _jpeg(image: Image.Image, quality: int, dpi: int, optimise: bool) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality, optimize=optimise, dpi=(dpi, dpi))
    return out.getvalue()


# --- geometry ----------------------------------------------------------------------------------------------------
def _reduced_gray(image: Image.Image, long_edge: int) -> tuple[Image.Image, float]:
    gray = image.convert("L")
    scale = min(1.0, long_edge / max(gray.size))
    if scale < 1.0:
        gray = gray.resize((max(1, round(gray.size[0] * scale)), max(1, round(gray.size[1] * scale))),
                           Image.Resampling.BOX)
    return gray, scale


def autocrop(image: Image.Image, tolerance: int = 40) -> Image.Image:
    """Crop to the paper: pixels clearly lighter than a dark border (desk, black lid) enclose the document."""
    gray, scale = _reduced_gray(image, 600)
    w, h = gray.size
    if w < 20 or h < 20:
        return image
    strips = [gray.crop((0, 0, w, 3)), gray.crop((0, h - 3, w, h)), gray.crop((0, 0, 3, h)),
              gray.crop((w - 3, 0, w, h))]
    border = round(sum(ImageStat.Stat(s).median[0] for s in strips) / 4)
    if border > 170:
        return image  # light surroundings (white scanner lid, the paper itself): no paper edge to find
    mask = gray.point(lambda v: 255 if v > border + tolerance else 0).filter(ImageFilter.MedianFilter(5))
    box = mask.getbbox()
    if box is None:
        return image
    area = (box[2] - box[0]) * (box[3] - box[1])
    if area > 0.95 * w * h or area < 0.10 * w * h:
        return image  # nothing to crop, or only a speck: keep the page whole rather than guess
    margin = 2
    full = (max(0, round((box[0] - margin) / scale)), max(0, round((box[1] - margin) / scale)),
            min(image.size[0], round((box[2] + margin) / scale)),
            min(image.size[1], round((box[3] + margin) / scale)))
    return image.crop(full)


def _profile_score(ink: Image.Image, angle: float) -> float:
    rotated = ink.rotate(angle, resample=Image.Resampling.NEAREST, fillcolor=0)
    profile = rotated.resize((1, rotated.size[1]), Image.Resampling.BOX)
    return float(ImageStat.Stat(profile).var[0])


def skew_angle(image: Image.Image, max_angle: float = 6.0) -> float:
    """Angle (degrees, counter-clockwise) that levels the text lines; 0.0 when no text structure is found."""
    gray, _scale = _reduced_gray(image, 900)
    threshold = min(otsu_threshold(gray), 200)
    ink = gray.point(lambda v: 255 if v < threshold else 0)
    if ImageStat.Stat(ink).mean[0] < 1.0:
        return 0.0
    candidates = [a / 2 for a in range(int(-max_angle * 2), int(max_angle * 2) + 1)]
    scores = {a: _profile_score(ink, a) for a in candidates}
    coarse = max(scores, key=lambda a: scores[a])
    fine = [coarse + d / 10 for d in range(-4, 5)]
    scores.update({a: _profile_score(ink, a) for a in fine if a not in scores})
    best = max(scores, key=lambda a: scores[a])
    if scores[best] <= scores.get(0.0, 0.0) * 1.02:
        return 0.0
    return round(best, 1)


def deskew(image: Image.Image) -> Image.Image:
    angle = skew_angle(image)
    return rotate(image, angle) if abs(angle) >= 0.2 else image


def rotate(image: Image.Image, angle: float) -> Image.Image:
    """Turn by ``angle`` degrees counter-clockwise, growing the canvas and filling the corners with paper white."""
    fill: int | tuple[int, int, int] = 255 if image.mode in ("L", "1") else (255, 255, 255)
    source = image.convert("L") if image.mode == "1" else image
    # bilinear: at the small angles of a skewed scan it is as legible as bicubic and twice as fast
    return source.rotate(angle, resample=Image.Resampling.BILINEAR, expand=True, fillcolor=fill)


def thumbnail(data: bytes, size: int = 200) -> bytes:
    image = imaging.open_image(data)
    image.draft("RGB", (size * 2, size * 2))  # JPEG decodes at a fraction of full size: fast
    imaging.load(image)
    image = imaging.to_working_mode(imaging.upright(image))
    if image.mode == "1":
        image = image.convert("L")
    image.thumbnail((size, size), Image.Resampling.BILINEAR)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()
