"""Pinyin keys for search: full pinyin and initials of Chinese text (``bdcdj`` finds 不动产登记).

pypinyin picks readings by phrase; a few government-service terms it gets wrong are corrected once with
``load_phrases_dict``. Personal names need surname readings (单 shàn, 曾 zēng ...), unlike the everyday
reading; ``person_name_keys`` applies the surname table to the first character(s) only.
"""

from __future__ import annotations

import functools
import re

from clerk_app.catalog.readings import table

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
    from pypinyin import load_phrases_dict

    load_phrases_dict(_PHRASE_OVERRIDES)


def _syllables(text: str) -> list[str]:
    # pypinyin (56 MB of dictionaries, kept once loaded) is imported only here: reading a new name phrase by
    # phrase at a catalog import. The index and the typed queries use the compact table (readings.py).
    from pypinyin import Style, lazy_pinyin

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
    return table().syllables()


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


# Characters read two (or more) ways in everyday Mandarin, with the readings clerks actually type. Search indexes a
# name under each of them (``reading_variants``), so 重度 is found as zd… and as cd…, 长期 as cq… and zq….
# pypinyin's dictionary also lists archaic readings (身 juān, 份 bīn …); indexing those would only add noise.
POLYPHONES: dict[str, tuple[str, ...]] = {
    "重": ("zhong", "chong"), "长": ("chang", "zhang"), "行": ("xing", "hang"), "调": ("tiao", "diao"),
    "单": ("dan", "shan", "chan"), "还": ("huan", "hai"), "乐": ("le", "yue"), "传": ("chuan", "zhuan"),
    "藏": ("cang", "zang"), "省": ("sheng", "xing"), "降": ("jiang", "xiang"), "给": ("gei", "ji"),
    "参": ("can", "shen", "cen"), "系": ("xi", "ji"), "种": ("zhong", "chong"), "朝": ("chao", "zhao"),
    "曾": ("ceng", "zeng"), "解": ("jie", "xie"), "率": ("lv", "shuai"), "校": ("xiao", "jiao"),
    "会": ("hui", "kuai"), "差": ("cha", "chai", "ci"), "大": ("da", "dai"), "都": ("du", "dou"),
    "便": ("bian", "pian"), "和": ("he", "huo", "hu"), "数": ("shu", "shuo"), "提": ("ti", "di"),
    "血": ("xue", "xie"), "宿": ("su", "xiu"), "薄": ("bo", "bao"), "露": ("lu", "lou"), "模": ("mo", "mu"),
    "强": ("qiang", "jiang"), "合": ("he", "ge"), "车": ("che", "ju"), "区": ("qu", "ou"), "弹": ("dan", "tan"),
    "卡": ("ka", "qia"), "地": ("di", "de"), "得": ("de", "dei"), "假": ("jia",), "没": ("mei", "mo"),
    "奇": ("qi", "ji"), "亲": ("qin", "qing"), "色": ("se", "shai"), "识": ("shi", "zhi"), "属": ("shu", "zhu"),
    "似": ("si", "shi"), "着": ("zhe", "zhao", "zhuo"), "折": ("zhe", "she"), "称": ("cheng", "chen"),
    "盛": ("sheng", "cheng"), "乘": ("cheng", "sheng"), "度": ("du", "duo"), "恶": ("e", "wu"), "核": ("he", "hu"),
    "劲": ("jin", "jing"), "圈": ("quan", "juan"), "卷": ("juan", "quan"), "壳": ("ke", "qiao"), "累": ("lei", "lv"),
    "了": ("le", "liao"), "绿": ("lv", "lu"), "秘": ("mi", "bi"), "迫": ("po", "pai"), "塞": ("sai", "se"),
    "石": ("shi", "dan"), "熟": ("shu", "shou"), "说": ("shuo", "shui"), "吓": ("xia", "he"), "削": ("xiao", "xue"),
    "叶": ("ye", "xie"), "遗": ("yi", "wei"), "扎": ("zha", "za"), "择": ("ze", "zhai"), "粘": ("nian", "zhan"),
    "殖": ("zhi", "shi"), "综": ("zong", "zeng"), "期": ("qi", "ji"), "否": ("fou", "pi"), "仇": ("chou", "qiu"),
    "查": ("cha", "zha"), "盖": ("gai", "ge"), "朴": ("pu", "piao"), "翟": ("zhai", "di"), "将": ("jiang", "qiang"),
    "觉": ("jue", "jiao"), "片": ("pian",), "舍": ("she",), "转": ("zhuan",), "伯": ("bo", "bai"),
    "畜": ("chu", "xu"), "的": ("de", "di"), "囤": ("tun", "dun"), "号": ("hao",), "划": ("hua",),
    "屏": ("ping", "bing"), "泊": ("bo", "po"), "曝": ("pu", "bao"), "任": ("ren",), "尉": ("wei", "yu"),
    "占": ("zhan",), "应": ("ying",), "华": ("hua",), "沈": ("shen",), "宁": ("ning",), "处": ("chu",),
    "供": ("gong",), "发": ("fa",), "分": ("fen",), "为": ("wei",), "与": ("yu",), "少": ("shao",),
    "冲": ("chong",), "兴": ("xing",), "量": ("liang",), "相": ("xiang",), "难": ("nan",), "间": ("jian",),
    "教": ("jiao",), "载": ("zai",), "正": ("zheng",), "只": ("zhi",), "中": ("zhong",), "看": ("kan",),
    "空": ("kong",), "干": ("gan",), "更": ("geng",), "好": ("hao",), "当": ("dang",), "倒": ("dao",),
    "散": ("san",), "丧": ("sang",), "扇": ("shan",), "几": ("ji",), "济": ("ji",), "禁": ("jin",),
    "据": ("ju",), "结": ("jie",), "场": ("chang",), "创": ("chuang",), "铺": ("pu",), "殷": ("yin", "yan"),
}


@functools.cache
def char_readings(char: str) -> tuple[str, ...]:
    """Every toneless reading pypinyin knows for one character (empty for a non-Chinese character)."""
    return table().readings(char)


@functools.cache
def _readings_longest_first(char: str) -> tuple[str, ...]:
    return tuple(sorted(char_readings(char), key=len, reverse=True))


def align_syllables(text: str, full: str) -> list[tuple[str, str]] | None:
    """Split ``full`` (the stored full pinyin of ``text``) into (character or Latin run, syllable) pairs.

    The stored pinyin was read phrase by phrase at import (slow); re-reading 50,000 names to build the index would
    take half a minute, so the index recovers each character's syllable from the stored string instead.
    None when the two do not line up (a pinyin library change): the caller then indexes the main reading only.
    """
    out: list[tuple[str, str]] = []
    at = 0
    run = ""
    for char in text.lower() + "\n":
        if char.isascii() and char.isalnum():
            run += char
            continue
        if run:
            if not full.startswith(run, at):
                return None
            out.append((run, run))
            at += len(run)
            run = ""
        readings = _readings_longest_first(char)
        if not readings:
            continue  # punctuation, brackets: not in the pinyin
        for reading in readings:
            if full.startswith(reading, at):
                out.append((char, reading))
                at += len(reading)
                break
        else:
            return None
    return out if at == len(full) else None


def reading_variants(syllables: list[tuple[str, str]]) -> list[list[str]]:
    """Syllable lists of the other readings: each polyphone read each other way, one character at a time."""
    main = [syllable for _, syllable in syllables]
    variants: list[list[str]] = []
    for position, (unit, syllable) in enumerate(syllables):
        for reading in POLYPHONES.get(unit, ()):
            if reading != syllable:
                variants.append([*main[:position], reading, *main[position + 1 :]])
    return variants


def initial_of(syllable: str) -> str:
    return _initial(syllable)
