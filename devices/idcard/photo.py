"""The card photo: a 1024-byte proprietary WLT block (FACTS.md §1.6).

There is no open decoder. If a vendor library is installed (``libwlt2bmp.so`` exporting ``unpack(src,
dst, flag)`` on Linux, ``libwlt2bmp.dll`` on Windows) it is loaded through ctypes; otherwise the photo
stays undecoded and the UI shows a placeholder. The decoded image is a 102x126 24-bit BMP of 38 862
bytes.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
from collections.abc import Callable

log = logging.getLogger("onewindow.devices.idcard.photo")

WLT_LEN = 1024
BMP_LEN = 38862
LIBRARY_NAMES = ("wlt2bmp", "wlt", "WltRS")
ENV_LIBRARY = "ONEWINDOW_WLT_LIBRARY"  # explicit path to a vendor decoder, for odd install locations

Decoder = Callable[[bytes], bytes | None]


def _load_unpack(path: str) -> Decoder | None:
    try:
        lib = ctypes.CDLL(path)
        unpack = lib.unpack
    except (OSError, AttributeError):
        return None
    unpack.argtypes = (ctypes.c_char_p, ctypes.c_char_p, ctypes.c_int)
    unpack.restype = ctypes.c_int

    def decode(wlt: bytes) -> bytes | None:
        src = ctypes.create_string_buffer(wlt, WLT_LEN)
        dst = ctypes.create_string_buffer(BMP_LEN)
        result = unpack(src, dst, 1)
        if result != 1:
            log.warning("vendor photo decoder returned %d", result)
            return None
        return dst.raw

    return decode


def find_vendor_decoder() -> Decoder | None:
    """The installed vendor decoder, or None (the normal case: the photo cannot be shown)."""
    candidates = [os.environ[ENV_LIBRARY]] if os.environ.get(ENV_LIBRARY) else []
    candidates += [p for p in (ctypes.util.find_library(n) for n in LIBRARY_NAMES) if p]
    for path in candidates:
        decoder = _load_unpack(path)
        if decoder is not None:
            log.info("vendor photo decoder loaded from %s", path)
            return decoder
    return None


_decoder: Decoder | None = None
_searched = False


def warm_up() -> None:
    """Look for the vendor decoder now (find_library runs ldconfig), not in the middle of the first read."""
    global _decoder, _searched
    if not _searched:
        _decoder = find_vendor_decoder()
        _searched = True


def decode_photo(wlt: bytes | None) -> bytes | None:
    if not wlt:
        return None
    warm_up()
    if _decoder is None:
        return None
    try:
        return _decoder(wlt)
    except OSError:
        log.warning("vendor photo decoder failed")
        return None
