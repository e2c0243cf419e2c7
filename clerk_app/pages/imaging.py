"""Safe decoding of untrusted pictures: size limits before pixels are decoded, every decoder failure typed.

Pillow's own decompression-bomb guard is a warning below twice its limit; we check the header size first, so a
20,000 px picture is refused with a clear message before any memory is spent on it.
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
import warnings
from collections.abc import Iterator
from typing import Any

from PIL import Image, ImageOps, UnidentifiedImageError

from clerk_app.pages.errors import BrokenImage, ImageTooLarge, UnsupportedFile

log = logging.getLogger("onewindow.pages")

MAX_PIXELS = 80_000_000  # A3 at 600 dpi is 70 MP
MAX_SIDE = 16_000
Image.MAX_IMAGE_PIXELS = max(Image.MAX_IMAGE_PIXELS or 0, MAX_PIXELS)


def _megapixels(text: str) -> int:
    found = re.search(r"\((\d+) pixels\)", text)
    return int(found.group(1)) // 1_000_000 if found else 0


@contextlib.contextmanager
def decoding() -> Iterator[None]:
    """Warnings while decoding untrusted files: a bomb is an error, Pillow's "corrupt EXIF" style notes are not
    (the picture itself may be fine; a broken one fails on its own)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        yield


def check_size(width: int, height: int) -> None:
    if width <= 0 or height <= 0:
        raise BrokenImage()
    if width > MAX_SIDE or height > MAX_SIDE or width * height > MAX_PIXELS:
        raise ImageTooLarge(width=width, height=height, megapixels=width * height // 1_000_000)


def open_image(data: bytes) -> Image.Image:
    """Open (not yet decode) a picture, refusing oversize headers."""
    try:
        with decoding():
            image = Image.open(io.BytesIO(data))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageTooLarge(width="?", height="?", megapixels=_megapixels(str(exc))) from None
    except UnidentifiedImageError:
        raise UnsupportedFile() from None
    except Exception as exc:  # malformed headers raise many unrelated types inside Pillow's plugins
        log.info("picture header rejected: %s", type(exc).__name__)
        raise BrokenImage() from None
    check_size(*image.size)
    return image


def load(image: Image.Image) -> Image.Image:
    """Decode pixels; truncated or corrupt data becomes ``BrokenImage``."""
    try:
        with decoding():
            image.load()
    except MemoryError:
        raise ImageTooLarge(width=image.size[0], height=image.size[1],
                            megapixels=image.size[0] * image.size[1] // 1_000_000) from None
    except Exception as exc:
        log.info("picture data rejected: %s", type(exc).__name__)
        raise BrokenImage() from None
    return image


def exif_orientation(image: Image.Image) -> int:
    try:
        with decoding():
            return int(image.getexif().get(0x0112, 1) or 1)
    except Exception:  # broken EXIF blocks are common from phones; treat as upright
        return 1


def upright(image: Image.Image) -> Image.Image:
    """Apply EXIF orientation to the pixels (phones and cameras store pictures sideways and set a flag)."""
    if exif_orientation(image) == 1:
        return image
    try:
        with decoding():
            return ImageOps.exif_transpose(image)
    except Exception as exc:
        log.info("EXIF orientation ignored: %s", type(exc).__name__)
        return image


def to_working_mode(image: Image.Image) -> Image.Image:
    """Bring any decoded picture to 1, L or RGB: CMYK, 16-bit, float, palette and alpha included."""
    mode = image.mode
    if mode in ("1", "L", "RGB"):
        return image
    if mode.startswith("I;16") or mode in ("I", "F"):
        low: float
        high: float
        if mode.startswith("I;16"):
            image = image.convert("I")
            low, high = 0, 65535
        else:
            extrema: Any = image.getextrema()
            low, high = float(extrema[0]), float(extrema[1])
        scale = 255.0 / (high - low) if high > low else 1.0
        return image.point(lambda v: (v - low) * scale).convert("L")
    if mode in ("RGBA", "LA", "PA", "P", "RGBa", "La") or "A" in image.getbands():
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")  # CMYK, YCbCr, LAB, HSV


# APP1 (Exif, XMP) and APP13 (IPTC) carry a phone's GPS position, owner name and thumbnails; the orientation they
# may hold is already 1 (upright) for any file kept as is. APP0 (JFIF density), APP2 (ICC colour) and APP14 stay.
_DROPPED_MARKERS = {0xE1, 0xED}


def strip_jpeg_metadata(data: bytes) -> bytes:
    """Remove Exif/XMP/IPTC segments from a JPEG without touching the compressed image (lossless)."""
    if data[:2] != b"\xff\xd8":
        return data
    out = bytearray(data[:2])
    pos = 2
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            return data  # not a well-formed segment list: keep the file as it is
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker == 0xDA:  # start of scan: the rest is image data
            out += data[pos:]
            return bytes(out)
        length = int.from_bytes(data[pos + 2:pos + 4], "big")
        if length < 2 or pos + 2 + length > len(data):
            return data
        if marker not in _DROPPED_MARKERS:
            out += data[pos:pos + 2 + length]
        pos += 2 + length
    return data
