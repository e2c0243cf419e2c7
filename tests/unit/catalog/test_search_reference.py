"""The fast search (prefix bisection, dense walks, joined-string scans, early stop) against a brute-force reference
that scores every entry by the documented tiers, on a synthetic catalog."""

from __future__ import annotations

import tempfile
from functools import cache
from pathlib import Path
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from clerk_app.catalog import search
from clerk_app.catalog.importer import apply_changes
from clerk_app.catalog.pinyin import pinyin_keys
from clerk_app.catalog.search import SearchIndex
from clerk_app.catalog.service import CatalogService
from clerk_app.catalog.synthetic import generate_changes
from offline_cache.catalog_store import IndexRow
from offline_cache.db import Database


@cache
def index() -> SearchIndex:
    db = Database(Path(tempfile.mkdtemp()) / "reference.db")
    apply_changes(db, generate_changes(1500, seed=7))
    return CatalogService(db).index()


def reference_score(row: IndexRow, q: str) -> int:
    compact = q.replace(" ", "")
    latin = q.isascii()
    codes = [c.lower() for c in (row.code, row.basic_code, row.handling_item_code) if c]
    name = row.name.lower()
    keywords = [k.lower() for k in row.keywords]
    kw_pinyin = [*row.keyword_pinyin, *row.keyword_initials]
    department = (row.department.lower(), *pinyin_keys(row.department))
    tiers = [
        (1000, q in codes),
        (950, name == q),
        (900, name.startswith(q)),
        (850, any(c.startswith(q) for c in codes)),
        (800, latin and row.name_pinyin.startswith(compact)),
        (750, latin and row.name_initials.startswith(compact)),
        (700, any(k.startswith(q) for k in keywords)),
        (650, latin and any(k.startswith(compact) for k in kw_pinyin)),
        (600, q in name),
        (550, latin and compact in row.name_initials),
        (500, latin and compact in row.name_pinyin),
        (450, latin and any(compact in k for k in kw_pinyin)),
        (450, any(q in k for k in keywords)),
        (400, len(q) >= 3 and any(q in c for c in codes)),
        (350, len(compact) >= 2 and any(d.startswith(compact) for d in department)),
    ]
    return max((score for score, hit in tiers if hit), default=0)


def reference(q: str, limit: int, department: str | None) -> list[tuple[str, int]]:
    rows = index().rows
    scored = [(reference_score(row, q), i) for i, row in enumerate(rows)
              if row.kind == "item" and (department is None or row.department == department)]
    ranked = sorted((pair for pair in scored if pair[0] > 0), key=lambda pair: (-pair[0], pair[1]))[:limit]
    return [(rows[i].code, score) for score, i in ranked]


@st.composite
def queries(draw: st.DrawFn) -> str:
    row = draw(st.sampled_from(index().rows))
    source = draw(st.sampled_from([row.name, row.name_pinyin, row.name_initials, row.code, row.basic_code,
                                   *row.keywords, *row.keyword_pinyin]))
    start = draw(st.integers(0, max(0, len(source) - 1)))
    length = draw(st.integers(1, 8))
    return source[start:start + length].lower().strip() or "a"


@settings(max_examples=300, deadline=None)
@given(q=queries(), limit=st.sampled_from([1, 5, 20]),
       department=st.sampled_from([None, "不动产登记", "民政", "税务"]))
def test_search_matches_brute_force_reference(q: str, limit: int, department: str | None) -> None:
    if len(q.split()) != 1:
        return
    expected = reference(q, limit, department)
    for dense in (0, 512, 10**9):  # every prefix strategy: walk in entry order, or bisect and sort
        with mock.patch.object(search, "_DENSE", dense):
            hits = index().search(q, limit, department)
        assert [(h.item_code, h.score) for h in hits] == expected
