"""A synthetic catalog of any size (benchmarks, tests): realistic-looking names, materials and 情形.

Deterministic for a given ``seed``. Names combine subjects and actions the way real item lists do, so prefix and
pinyin searches hit many items at once, as in a real district catalog.
"""

from __future__ import annotations

import random
from typing import Any

from clerk_app.catalog.training import load_training_changes

SUBJECTS = (  # noqa: SIM905 - a word list reads better as text
    "居民身份证 户口 居住证 护照 社会保障卡 失业保险金 养老保险 医疗保险 生育保险 工伤保险 "
    "低保 特困供养 临时救助 高龄津贴 结婚 离婚 收养 不动产 房屋所有权 土地使用权 抵押权 "
    "地役权 宅基地 林权 海域使用权 个体工商户 农民专业合作社 有限责任公司 食品经营 药品零售 "
    "医疗器械经营 特种设备 计量器具 广告 营业执照 出生医学证明 生育服务 医师执业 护士执业 诊所 "
    "公共场所卫生 饮用水供水单位 农药经营 兽药经营 种子生产经营 动物防疫条件 生猪定点屠宰 "
    "渔业捕捞 农机购置补贴 耕地地力保护补贴 土地经营权流转 乡村建设规划 建设用地规划 建设工程规划 "
    "施工许可 建筑业企业资质 燃气经营 城市道路占用 户外广告设施 排水许可 公共租赁住房 住房公积金 "
    "契税 车辆购置税 增值税发票 个人所得税 残疾人证 优待证 烈士褒扬金 伤残抚恤 民办学校 "
    "教师资格 校外培训机构 文化经营 网吧 娱乐场所 出版物零售 旅行社 体育经营 道路运输经营 "
    "出租汽车 驾驶员培训 船舶登记 危险化学品经营 烟花爆竹经营 消防安全检查 劳务派遣 人力资源服务 "
    "职业技能等级 职称评审 社会团体 民办非企业单位 基金会 殡葬服务 养老机构 慈善组织 法律援助 "
    "公证 人民调解 防返贫监测 雨露计划 小额信贷 取水许可 河道采砂 水土保持方案 环境影响评价 "
    "排污许可 林木采伐 野生动物驯养 "
).split()
ACTIONS = (  # noqa: SIM905
    "首次申领 换领 补领 核发 登记 变更登记 注销登记 延续 备案 审批 认定 申请 申报 发放 "
    "转移接续 查询 证明出具 撤销 年检 补贴申领 资格确认 许可 信息变更 "
).split()
QUALIFIERS = ("", "", "", "（个人）", "（单位）", "（简易程序）", "（告知承诺制）", "（跨省通办）")
DEPARTMENTS = (
    "公安户政",
    "人社",
    "医保",
    "民政",
    "不动产登记",
    "市场监管",
    "卫健",
    "农业农村",
    "自然资源",
    "税务",
    "住房城乡建设",
    "交通运输",
    "教育",
    "文化旅游",
    "水利",
    "生态环境",
    "林业",
    "应急管理",
    "司法",
    "退役军人",
)


def generate_changes(count: int, seed: int = 1, next_cursor: str = "synthetic-1") -> dict[str, Any]:
    """A snapshot catalog-changes document with ``count`` items (and a bundle per 500 items)."""
    rng = random.Random(seed)
    templates = load_training_changes()["items"]
    names: set[str] = set()
    items: list[dict[str, Any]] = []
    while len(items) < count:
        name = rng.choice(SUBJECTS) + rng.choice(ACTIONS) + rng.choice(QUALIFIERS)
        if name in names:
            name = f"{name}（{len(items)}）"
        names.add(name)
        template = templates[len(items) % len(templates)]
        serial = len(items) + 1
        department = DEPARTMENTS[rng.randrange(len(DEPARTMENTS))]
        basic = f"{DEPARTMENTS.index(department):02d}{serial:07d}000"
        record = dict(template)
        record.update(
            implementation_code=f"5116{basic}-511602000000-000-{template['implementing_body']['credit_code']}-1-00",
            basic_code=basic,
            handling_item_code=f"{basic}-{serial:05d}",
            name=name,
            department=department,
            keywords=rng.sample(SUBJECTS, 2),
            version=1,
        )
        items.append(record)
    bundles = []
    for index in range(count // 500):
        members = rng.sample(items, 3)
        bundles.append(
            {
                "code": f"YJS-SYN-{index:04d}",
                "version": 1,
                "name": f"{members[0]['name'][:4]}联办一件事{index}",
                "lead_department": members[0]["department"],
                "items": [m["implementation_code"] for m in members],
                "shared_materials": [],
                "situations": [],
            }
        )
    return {
        "format": "onewindow.catalog-changes",
        "format_version": 1,
        "mode": "snapshot",
        "cursor": None,
        "next_cursor": next_cursor,
        "has_more": False,
        "items": items,
        "bundles": bundles,
    }
