"""Every toneless reading of each Chinese character, in a compact table, for the search index and typed queries.

The index and the query path need only per-character readings (``char_readings``) and the set of syllables.
pypinyin keeps those with its phrase table in 56 MB of dictionaries that stay for the life of the process; only
reading new names phrase by phrase (a catalog import) needs them. This table (``data/char_readings.tsv``, 0.4 MB:
one line per character, its readings comma-separated in pypinyin's order) loads into about 1 MB.
``python -m clerk_app.catalog.readings`` writes it from the installed pypinyin;
``tests/unit/catalog/test_readings.py`` fails when the two no longer agree (after a pypinyin upgrade).
"""

from __future__ import annotations

import bisect
import functools
import sys
from array import array
from pathlib import Path

TABLE_FILE = Path(__file__).resolve().parent / "data" / "char_readings.tsv"

_TONE_MAP = str.maketrans("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ", "aaaaeeeeiiiioooouuuuvvvvvnnnm")


def strip_tone(reading: str) -> str:
    return reading.translate(_TONE_MAP)


class ReadingTable:
    """Code points in order, each with the index of its readings among the distinct reading tuples."""

    def __init__(self, text: str) -> None:
        self._points = array("I")
        self._which = array("I")
        distinct: dict[tuple[str, ...], int] = {}
        for line in text.splitlines():
            char, _, readings = line.partition("\t")
            if len(char) != 1 or not readings:
                continue
            key = tuple(readings.split(","))
            self._points.append(ord(char))
            self._which.append(distinct.setdefault(key, len(distinct)))
        self._readings = list(distinct)

    def readings(self, char: str) -> tuple[str, ...]:
        if len(char) != 1:
            return ()
        point = ord(char)
        at = bisect.bisect_left(self._points, point)
        if at < len(self._points) and self._points[at] == point:
            return self._readings[self._which[at]]
        return ()

    def syllables(self) -> frozenset[str]:
        return frozenset(reading for readings in self._readings for reading in readings)


@functools.cache
def table() -> ReadingTable:
    return ReadingTable(TABLE_FILE.read_text(encoding="utf-8"))


def from_pypinyin() -> str:
    """The table's text as the installed pypinyin reads each character (loads pypinyin's dictionaries)."""
    from pypinyin.pinyin_dict import pinyin_dict

    lines = []
    for point in sorted(pinyin_dict):
        readings = dict.fromkeys(strip_tone(reading) for reading in pinyin_dict[point].split(","))
        lines.append(f"{chr(point)}\t{','.join(readings)}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    TABLE_FILE.write_text(from_pypinyin(), encoding="utf-8")
    sys.stdout.write(f"wrote {TABLE_FILE}\n")
