"""Every translation file is complete and compiled, so no English leaks onto the clerk's screen."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

I18N = Path(__file__).resolve().parents[3] / "ui" / "i18n"
TS_FILES = sorted(I18N.glob("*_zh_CN.ts"))


def _finished(translation: ET.Element) -> bool:
    if translation.get("type") in ("unfinished", "vanished", "obsolete"):
        return translation.get("type") != "unfinished"
    forms = translation.findall("numerusform")
    texts = [form.text for form in forms] if forms else [translation.text]
    return all((text or "").strip() for text in texts)


def test_there_are_translation_files():
    assert TS_FILES


@pytest.mark.parametrize("ts", TS_FILES, ids=lambda p: p.name)
def test_translation_file_is_finished_and_compiled(ts):
    unfinished = [
        message.findtext("source")
        for message in ET.parse(ts).iter("message")
        if not _finished(message.find("translation"))
    ]
    assert not unfinished, f"{ts.name}: untranslated {unfinished[:5]}"
    assert ts.with_suffix(".qm").exists(), f"{ts.name} is not compiled (scripts/i18n.sh)"
