"""Pinyin keys for search: full pinyin and initials of Chinese text (``bdcdj`` finds 不动产登记).

pypinyin picks readings by phrase; a few government-service terms it gets wrong are corrected once with
``load_phrases_dict``. Personal names need surname readings (单 shàn, 曾 zēng ...), unlike the everyday
reading; ``person_name_keys`` applies the surname table to the first character(s) only.
"""

from __future__ import annotations

import functools
import re

from pypinyin import Style, lazy_pinyin, load_phrases_dict

# Terms in item names whose phrase reading pypinyin's dictionary does not get right or lacks.
_PHRASE_OVERRIDES: dict[str, list[list[str]]] = {
    "重新": [["chóng"], ["xīn"]],
    "重复": [["chóng"], ["fù"]],
    "补发": [["bǔ"], ["fā"]],
    "换发": [["huàn"], ["fā"]],
    "核发": [["hé"], ["fā"]],
    "颁发": [["bān"], ["fā"]],
    "签发": [["qiān"], ["fā"]],
    "发放": [["fā"], ["fàng"]],
    "转移": [["zhuǎn"], ["yí"]],
    "调解": [["tiáo"], ["jiě"]],
    "藏族": [["zàng"], ["zú"]],
    "行医": [["xíng"], ["yī"]],
    "银行": [["yín"], ["háng"]],
    "参保": [["cān"], ["bǎo"]],
    "宅基地": [["zhái"], ["jī"], ["dì"]],
}

# Surname readings that differ from the common reading of the character (复姓 first: longest match wins).
SURNAME_READINGS: dict[str, tuple[str, ...]] = {
    "尉迟": ("yu", "chi"),
    "万俟": ("mo", "qi"),
    "长孙": ("zhang", "sun"),
    "单于": ("chan", "yu"),
    "澹台": ("tan", "tai"),
    "令狐": ("ling", "hu"),
    "宰父": ("zai", "fu"),
    "单": ("shan",),
    "曾": ("zeng",),
    "解": ("xie",),
    "仇": ("qiu",),
    "朴": ("piao",),
    "查": ("zha",),
    "盖": ("ge",),
    "区": ("ou",),
    "乐": ("yue",),
    "覃": ("qin",),
    "缪": ("miao",),
    "翟": ("zhai",),
    "召": ("shao",),
    "繁": ("po",),
    "曲": ("qu",),
    "秘": ("bi",),
    "黑": ("he",),
    "员": ("yun",),
    "能": ("nai",),
    "厍": ("she",),
    "种": ("chong",),
    "祭": ("zhai",),
    "重": ("chong",),
    "沈": ("shen",),
    "折": ("she",),
    "卜": ("bu",),
    "朝": ("chao",),
    "尉": ("yu",),
    "阚": ("kan",),
    "乜": ("nie",),
    "隗": ("wei",),
    "逄": ("pang",),
    "相": ("xiang",),
    "虢": ("guo",),
    "华": ("hua",),
    "任": ("ren",),
    "句": ("gou",),
    "纪": ("ji",),
    "戚": ("qi",),
    "蕃": ("pi",),
    "谌": ("chen",),
    "要": ("yao",),
}

_ALNUM = re.compile(r"[0-9a-z]+")


@functools.cache
def _install_overrides() -> None:
    load_phrases_dict(_PHRASE_OVERRIDES)


def _syllables(text: str) -> list[str]:
    _install_overrides()
    out: list[str] = []
    for part in lazy_pinyin(text.lower(), style=Style.NORMAL, errors="default", v_to_u=False):
        out.extend(_ALNUM.findall(part.lower()))
    return out


def pinyin_keys(text: str) -> tuple[str, str]:
    """(full pinyin, initials) of ``text``, lowercase, no separators; Latin letters and digits kept."""
    syllables = _syllables(text)
    return "".join(syllables), "".join(_initial(s) for s in syllables)


def _initial(syllable: str) -> str:
    # A run of Latin letters or digits ("ic", "12") is kept whole: people type codes and acronyms as they are.
    return syllable if not _is_pinyin(syllable) else syllable[0]


@functools.cache
def _pinyin_syllable_set() -> frozenset[str]:
    from pypinyin.constants import PINYIN_DICT

    found: set[str] = set()
    for readings in PINYIN_DICT.values():
        for reading in readings.split(","):
            found.add(_strip_tone(reading))
    return frozenset(found)


_TONE_MAP = str.maketrans("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ", "aaaaeeeeiiiioooouuuuvvvvvnnnm")


def _strip_tone(reading: str) -> str:
    return reading.translate(_TONE_MAP)


def _is_pinyin(token: str) -> bool:
    return not token.isdigit() and token in _pinyin_syllable_set()


def person_name_keys(name: str) -> tuple[str, str]:
    """(full pinyin, initials) of a personal name, reading the surname with its surname pronunciation."""
    for length in (2, 1):
        surname = name[:length]
        if len(surname) == length and surname in SURNAME_READINGS:
            head = list(SURNAME_READINGS[surname])
            tail = _syllables(name[length:])
            syllables = head + tail
            return "".join(syllables), "".join(s[0] for s in syllables)
    return pinyin_keys(name)
