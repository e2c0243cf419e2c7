"""CJK fonts for PDFs. Documents must embed a TrueType font: a non-embedded CID font (STSong-Light) comes out as
garbage after a ghostscript-based print filter, so that fallback is used only when no TrueType CJK font exists and
``font_status()`` reports it."""

from __future__ import annotations

import functools
import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from printing import typesetting

log = logging.getLogger("onewindow.printing")

FONT_NAME = "OneWindowCJK"
FALLBACK_CID = "STSong-Light"

# reportlab reads TrueType outlines only (Noto CJK's CFF outlines are refused), hence WQY / SimSun first.
_CANDIDATES: list[tuple[str, int]] = [
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
    ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", 0),
    ("C:/Windows/Fonts/simsun.ttc", 0),
    ("C:/Windows/Fonts/simhei.ttf", 0),
    ("C:/Windows/Fonts/msyh.ttc", 0),
    ("/System/Library/Fonts/Supplemental/Songti.ttc", 0),
    ("/Library/Fonts/Arial Unicode.ttf", 0),
]


@dataclass(frozen=True)
class FontStatus:
    name: str
    path: str | None
    embedded: bool


def _candidates() -> list[tuple[str, int]]:
    override = os.environ.get("ONEWINDOW_CJK_FONT")
    found = [(override, 0)] if override else []
    bundle = getattr(sys, "_MEIPASS", None)  # the packaged workstation carries its own copy (scripts/package.sh)
    if bundle:
        found.append((str(Path(bundle) / "fonts" / "wqy-zenhei.ttc"), 0))
    if sys.platform == "win32":
        windir = os.environ.get("WINDIR", "C:/Windows")
        found += [(f"{windir}/Fonts/simsun.ttc", 0), (f"{windir}/Fonts/simhei.ttf", 0)]
    return found + _CANDIDATES


@functools.cache
def register_cjk_font() -> FontStatus:
    """Register the CJK font with reportlab once (and the Chinese line-breaking rules every paper wraps with);
    returns which font documents will use."""
    typesetting.install()
    for path, index in _candidates():
        if not Path(path).is_file():
            continue
        try:
            pdfmetrics.registerFont(TTFont(FONT_NAME, path, subfontIndex=index))
        except TTFError:
            log.info("font %s is not usable by reportlab", Path(path).name)
            continue
        return FontStatus(FONT_NAME, path, True)
    log.warning("no TrueType CJK font found; falling back to the non-embedded %s", FALLBACK_CID)
    pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK_CID))
    return FontStatus(FALLBACK_CID, None, False)


def font_status() -> FontStatus:
    return register_cjk_font()
