"""Synthetic test pictures: a text-like A4 page, photos with EXIF orientation, CMYK, 16-bit, huge headers."""

from __future__ import annotations

import io
import random

from PIL import Image, ImageDraw


def text_page(width: int = 1654, height: int = 2339, angle: float = 0.0, seed: int = 1) -> Image.Image:
    """Black "text lines" on white, like a printed form."""
    rnd = random.Random(seed)
    page = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(page)
    line_h = max(6, height // 70)
    y = height // 10
    while y < height * 0.9:
        x = width // 10
        while x < width * 0.85:
            word = rnd.randint(width // 40, width // 12)
            draw.rectangle((x, y, x + word, y + line_h), fill=rnd.randint(0, 60))
            x += word + width // 60
        y += line_h * 3
    if angle:
        page = page.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
    return page


def encode(image: Image.Image, fmt: str = "JPEG", **params: object) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **params)
    return out.getvalue()


def photo(width: int = 3000, height: int = 4000, seed: int = 2) -> Image.Image:
    """A noisy colour photograph (hard to compress)."""
    rnd = random.Random(seed)
    small = Image.new("RGB", (width // 20, height // 20))
    small.putdata([(rnd.randint(0, 255), rnd.randint(0, 255), rnd.randint(0, 255))
                   for _ in range((width // 20) * (height // 20))])
    return small.resize((width, height), Image.Resampling.BICUBIC)


def exif_rotated_jpeg(orientation: int = 6) -> bytes:
    """A 400×200 (landscape as stored) picture, red on the left, whose EXIF says "rotate 90° clockwise"."""
    image = Image.new("RGB", (400, 200), "white")
    ImageDraw.Draw(image).rectangle((0, 0, 99, 199), fill=(255, 0, 0))
    exif = Image.Exif()
    exif[0x0112] = orientation
    return encode(image, "JPEG", quality=90, exif=exif.tobytes())


def huge_png_header(width: int = 20_000, height: int = 20_000) -> bytes:
    """A PNG whose header claims a huge size (the pixel data is tiny and invalid): a decompression bomb probe."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 100)) + \
        chunk(b"IEND", b"")
