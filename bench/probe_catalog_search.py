"""Hit rates of the catalog search on a probe set of how clerks really type (issue 20).

    .venv/bin/python bench/probe_catalog_search.py [--verbose]

The corpus is bench/data/probe_catalog_names.tsv: 97 item names (department, name) with NO keywords, so a
synonym probe can only hit through the shipped synonym table, not through keywords someone typed into the item.
A probe hits when one of its accepted item names is among the first 5 results (also reported: first result).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from clerk_app.catalog.importer import apply_changes  # noqa: E402
from clerk_app.catalog.service import CatalogService  # noqa: E402
from offline_cache.db import Database  # noqa: E402

CORPUS = Path(__file__).resolve().parent / "data" / "probe_catalog_names.tsv"

# (class, query, accepted names: any of them in the top 5 is a hit)
PROBES: list[tuple[str, str, tuple[str, ...]]] = [
    # polyphones read the other way
    ("polyphone", "cdcjr", ("重度残疾人护理补贴申领", "困难残疾人生活补贴和重度残疾人护理补贴")),
    ("polyphone", "chongducanjiren", ("重度残疾人护理补贴申领", "困难残疾人生活补贴和重度残疾人护理补贴")),
    ("polyphone", "zqhlbx", ("长期护理保险待遇申请",)),
    ("polyphone", "zhangqihuli", ("长期护理保险待遇申请",)),
    ("polyphone", "zxhf", ("农药经营许可证重新核发",)),
    ("polyphone", "diaojie", ("人民调解申请",)),
    ("polyphone", "shanweicanbao", ("单位参保登记",)),
    # typos in Chinese: a common wrong character
    ("typo_zh", "身分证补领", ("居民身份证补领",)),
    ("typo_zh", "身份正", ("居民身份证补领", "居民身份证换领", "居民身份证首次申领", "临时居民身份证核发")),
    ("typo_zh", "不动铲", ("不动产登记资料查询", "不动产变更登记", "不动产更正登记", "不动产预告登记",
                         "不动产权证书补发", "不动产转移登记（存量房买卖）")),
    ("typo_zh", "营业职照补领", ("营业执照补领",)),
    ("typo_zh", "结婚等记", ("内地居民结婚登记",)),
    ("typo_zh", "低保申清", ("最低生活保障申请",)),
    ("typo_zh", "失业保险经", ("失业保险金申领",)),
    ("typo_zh", "残急人证", ("残疾人证核发", "残疾人证换领")),
    # typos in pinyin and initials: one insert, delete, substitution or swap
    ("typo_pinyin", "buodngchan", ("不动产登记资料查询", "不动产变更登记", "不动产更正登记", "不动产预告登记",
                                   "不动产权证书补发", "不动产转移登记（存量房买卖）")),
    ("typo_pinyin", "jiehundenji", ("内地居民结婚登记",)),
    ("typo_pinyin", "shehuibaozhnagka", ("社会保障卡申领", "社会保障卡补换")),
    ("typo_pinyin", "hukuoqianchu", ("户口迁出登记",)),
    ("typo_pinyin", "sfzlb", ("居民身份证补领",)),
    ("typo_pinyin", "yyzzbk", ("营业执照补领",)),
    ("typo_pinyin", "bdcdjj", ("不动产登记资料查询",)),
    ("typo_pinyin", "zuidishenghuobaozang", ("最低生活保障申请",)),
    # mixed full pinyin and initials, or Chinese and pinyin
    ("mixed", "bdcdengji", ("不动产登记资料查询", "不动产变更登记", "不动产更正登记", "不动产预告登记",
                            "不动产转移登记（存量房买卖）", "不动产抵押权首次登记", "不动产抵押权注销登记")),
    ("mixed", "sfzbuling", ("居民身份证补领",)),
    ("mixed", "shebaokabh", ("社会保障卡补换",)),
    ("mixed", "jiehundj", ("内地居民结婚登记",)),
    ("mixed", "营业zhizhao", ("营业执照补领",)),
    ("mixed", "hukouqcdj", ("户口迁出登记",)),
    # several words in another order
    ("reordered", "补领身份证", ("居民身份证补领",)),
    ("reordered", "补发不动产权证书", ("不动产权证书补发",)),
    ("reordered", "注销个体工商户", ("个体工商户注销登记",)),
    ("reordered", "换领残疾人证", ("残疾人证换领",)),
    ("reordered", "结婚登记", ("内地居民结婚登记",)),
    ("reordered", "申领失业保险金", ("失业保险金申领",)),
    ("reordered", "补换社会保障卡", ("社会保障卡补换",)),
    # everyday names (synonym table)
    ("synonym", "医保", ("城乡居民基本医疗保险参保登记", "医疗费用手工报销", "基本医疗保险关系转移接续")),
    ("synonym", "社保卡", ("社会保障卡申领", "社会保障卡补换")),
    ("synonym", "sbk", ("社会保障卡申领", "社会保障卡补换")),
    ("synonym", "户口本", ("居民户口簿补领",)),
    ("synonym", "低保", ("最低生活保障申请",)),
    ("synonym", "公积金", ("住房公积金提取",)),
    ("synonym", "残疾证", ("残疾人证核发", "残疾人证换领")),
    ("synonym", "公租房", ("公共租赁住房申请",)),
    ("synonym", "个体户", ("个体工商户设立登记", "个体工商户变更登记", "个体工商户注销登记")),
    ("synonym", "准生证", ("生育登记",)),
    ("synonym", "五保", ("特困人员救助供养",)),
    ("synonym", "房产证", ("不动产权证书补发", "国有建设用地使用权及房屋所有权首次登记")),
    ("synonym", "上户口", ("出生登记",)),
    ("synonym", "失业金", ("失业保险金申领",)),
    ("synonym", "新农合", ("城乡居民基本医疗保险参保登记",)),
    ("synonym", "种粮补贴", ("耕地地力保护补贴申领",)),
]


def corpus_document() -> dict:
    items = []
    for number, line in enumerate(CORPUS.read_text(encoding="utf-8").splitlines(), 1):
        department, name = line.split("\t")
        items.append({
            "implementation_code": f"PROBE-{number:03d}", "basic_code": f"{number:012d}", "version": 1,
            "name": name, "item_type": "公共服务", "department": department, "handling_type": "即办件",
            "materials": [{"code": "id", "name": "居民身份证", "necessity": "必要"}],
        })
    return {"format": "onewindow.catalog-changes", "format_version": 1, "next_cursor": "probe", "items": items}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    db = Database(Path(tempfile.mkdtemp(prefix="probe-catalog-")) / "probe.db")
    apply_changes(db, corpus_document())
    service = CatalogService(db)
    top1: dict[str, list[bool]] = defaultdict(list)
    top5: dict[str, list[bool]] = defaultdict(list)
    for kind, query, accepted in PROBES:
        names = [hit.name for hit in service.search(query, 5)]
        top1[kind].append(bool(names) and names[0] in accepted)
        top5[kind].append(any(name in accepted for name in names))
        if args.verbose:
            print(f"{'HIT ' if top5[kind][-1] else 'MISS'} {kind:<12} {query:<22} -> {'、'.join(names[:3]) or '—'}")
    print(f"probe set: {len(PROBES)} queries over {len(corpus_document()['items'])} item names (no keywords)")
    total1 = total5 = 0
    for kind, hits in top5.items():
        n = len(hits)
        total1 += sum(top1[kind])
        total5 += sum(hits)
        print(f"  {kind:<12} {n:3d} probes  top-5 hit {sum(hits):3d}/{n:<3d}  first {sum(top1[kind]):3d}/{n}")
    print(f"  {'all':<12} {len(PROBES):3d} probes  top-5 hit {total5:3d}/{len(PROBES):<3d}  first {total1:3d}/"
          f"{len(PROBES)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
