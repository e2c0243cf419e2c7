"""Writes clerk_app/catalog/data/training.json, the bundled training catalog of the fictional 清河区 (region 511602),
and the sandbox platform's own copy of it, sandbox/data/catalog.json.

Run ``python data/catalog/build_training.py`` after editing the tables below; commit all three files. Items,
materials, limits and 情形 follow the shape of published county guides (办事指南); bodies and phone numbers
are fictional.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from stdnum.cn import uscc

REGION = "511602"
REGION12 = REGION + "000000"
HALL = "清河区政务服务中心一楼综合窗口（清河大道88号）"
HOURS = "周一至周五 上午9:00-12:00，下午13:30-17:30（法定节假日除外）"
TOWN_HALL = "青石镇便民服务中心（青石镇中街12号）"


# 收费环节 of a few charged items (the others do not state it: the workstation does not guess), so training shows
# both holds: 办结前收费 holds 出件, 受理前收费 holds the decision (docs/acceptance.md "Fees").
FEE_STAGES = {"不动产权证书补发": "before_conclusion", "临时居民身份证核发": "before_acceptance"}


def credit_code(serial: int, kind: str = "11") -> str:
    body = f"{kind}{REGION}{'MB' if kind == '11' else '00'}{serial:07d}"
    return body + uscc.calc_check_digit(body)


# department key: (shown department, implementing body, body serial, consultation phone)
DEPTS = {
    "ga": ("公安户政", "清河区公安分局", 1010001, "0826-2301110"),
    "rs": ("人社", "清河区人力资源和社会保障局", 1010002, "0826-12333"),
    "yb": ("医保", "清河区医疗保障局", 1010003, "0826-2305012"),
    "mz": ("民政", "清河区民政局", 1010004, "0826-2306020"),
    "bdc": ("不动产登记", "清河区不动产登记中心", 1010005, "0826-2307030"),
    "sj": ("市场监管", "清河区市场监督管理局", 1010006, "0826-12315"),
    "wj": ("卫健", "清河区卫生健康局", 1010007, "0826-2308040"),
    "ny": ("农业农村", "清河区农业农村局", 1010008, "0826-2309050"),
    "zr": ("自然资源", "清河区自然资源局", 1010009, "0826-2310060"),
    "sw": ("税务", "国家税务总局清河区税务局", 1010010, "0826-12366"),
    "xc": ("乡村振兴", "清河区乡村振兴局", 1010011, "0826-2311070"),
    "cl": ("残联", "清河区残疾人联合会", 1010012, "0826-2312080"),
    "tw": ("退役军人", "清河区退役军人事务局", 1010013, "0826-2313090"),
    "zj": ("住房城乡建设", "清河区住房和城乡建设局", 1010014, "0826-2314100"),
    "jt": ("交通运输", "清河区交通运输局", 1010015, "0826-2315110"),
    "jy": ("教育", "清河区教育局", 1010016, "0826-2316120"),
    "wl": ("文化旅游", "清河区文化广播电视和旅游局", 1010017, "0826-2317130"),
    "sf": ("司法", "清河区司法局", 1010018, "0826-2318140"),
    "sl": ("水利", "清河区水利局", 1010019, "0826-2319150"),
    "ly": ("林业", "清河区林业局", 1010021, "0826-2321160"),
    "yj": ("应急管理", "清河区应急管理局", 1010022, "0826-2322170"),
    "sh": ("生态环境", "广安市清河生态环境局", 1010023, "0826-2323180"),
    "cg": ("城市管理", "清河区综合行政执法局", 1010024, "0826-2324190"),
}
TOWN = ("青石镇人民政府", 1010020, "0826-2520001")

# material key: (name, necessity, paper form, originals, copies, e-licence, source, extra)
M = {
    "id": ("申请人居民身份证", "必要", "原件和复印件", 1, 1, "居民身份证", "政府部门核发", {}),
    "hukou": ("居民户口簿", "必要", "原件", 1, 0, "居民户口簿", "政府部门核发", {}),
    "photo": ("近期免冠彩色照片（白底，2寸）", "必要", "原件", 2, 0, None, "申请人自备", {"paper_spec": "35mm×49mm"}),
    "form": (
        "申请表",
        "必要",
        "原件",
        1,
        0,
        None,
        "申请人自备",
        {
            "blank_form_ref": "forms/{code}.docx",
            "sample_ref": "samples/{code}.pdf",
            "fill_instructions": "用黑色签字笔填写，字迹工整，不得涂改。",
        },
    ),
    "poa": ("授权委托书", "必要", "原件", 1, 0, None, "申请人自备", {"blank_form_ref": "forms/授权委托书.docx"}),
    "agent_id": ("代理人居民身份证", "必要", "原件和复印件", 1, 1, "居民身份证", "政府部门核发", {}),
    "marriage": ("结婚证", "必要", "原件和复印件", 1, 1, "结婚证", "政府部门核发", {}),
    "single": ("无配偶声明书", "必要", "原件", 1, 0, None, "申请人自备", {}),
    "birth_cert": ("出生医学证明", "必要", "原件和复印件", 1, 1, "出生医学证明", "政府部门核发", {}),
    "licence": ("营业执照", "必要", "原件和复印件", 1, 1, "营业执照", "政府部门核发", {}),
    "lease": ("经营场所使用证明（房产证或租赁合同）", "必要", "复印件", 0, 1, "不动产权证书", "申请人自备", {}),
    "property": (
        "不动产权证书（或房屋所有权证、土地使用证）",
        "必要",
        "原件",
        1,
        0,
        "不动产权证书",
        "政府部门核发",
        {},
    ),
    "contract": ("不动产买卖合同（网签备案）", "必要", "原件", 1, 0, None, "申请人自备", {}),
    "tax_proof": (
        "契税完税凭证",
        "必要",
        "复印件",
        0,
        1,
        None,
        "共享获取",
        {"source_note": "税务部门共享推送，可免提交"},
    ),
    "loan": ("借款合同及抵押合同", "必要", "原件", 1, 0, None, "申请人自备", {}),
    "bank_cert": ("银行营业执照及负责人身份证明", "必要", "复印件", 0, 1, None, "申请人自备", {}),
    "release": ("解除抵押证明（债务履行完毕证明）", "必要", "原件", 1, 0, None, "申请人自备", {}),
    "survey": ("不动产权籍调查表、宗地图及房产测绘报告", "必要", "原件", 1, 0, None, "第三方机构出具", {}),
    "planning": ("建设工程规划核实意见", "必要", "复印件", 0, 1, None, "政府部门核发", {}),
    "bank_card": ("本人社会保障卡或银行卡", "必要", "原件", 1, 0, "社会保障卡", "申请人自备", {}),
    "labour": ("劳动合同或用工证明", "必要", "复印件", 0, 1, None, "申请人自备", {}),
    "termination": ("解除或终止劳动关系证明", "必要", "原件", 1, 0, None, "申请人自备", {}),
    "income": (
        "家庭收入及财产状况申报表",
        "必要",
        "原件",
        1,
        0,
        None,
        "申请人自备",
        {"blank_form_ref": "forms/家庭经济状况申报表.docx"},
    ),
    "authz": ("家庭经济状况核对授权书", "必要", "原件", 1, 0, None, "申请人自备", {}),
    "disability": ("中华人民共和国残疾人证", "必要", "原件和复印件", 1, 1, "残疾人证", "政府部门核发", {}),
    "medical": ("二级以上医院诊断证明及病历资料", "必要", "原件", 1, 0, None, "医疗机构出具", {}),
    "invoice": ("医疗费用发票及费用明细清单", "必要", "原件", 1, 0, None, "医疗机构出具", {}),
    "death": ("居民死亡医学证明（推断）书", "必要", "原件", 1, 0, None, "医疗机构出具", {}),
    "cremation": ("火化证明", "必要", "原件", 1, 0, None, "殡葬服务机构出具", {}),
    "move_cert": ("准予迁入证明或迁移证件", "必要", "原件", 1, 0, None, "政府部门核发", {}),
    "house_proof": ("合法稳定住所证明（房产证明或租赁登记）", "必要", "复印件", 0, 1, "不动产权证书", "申请人自备", {}),
    "residence": ("居住登记信息（在本地居住满半年证明）", "必要", "原件", 1, 0, None, "共享获取", {}),
    "food_plan": ("食品经营场所平面图及设备布局图", "必要", "原件", 1, 0, None, "申请人自备", {}),
    "food_safety": ("食品安全管理制度及从业人员健康证明", "必要", "复印件", 0, 1, None, "申请人自备", {}),
    "articles": ("公司章程", "必要", "原件", 1, 0, None, "申请人自备", {}),
    "members": ("成员名册及出资清单", "必要", "原件", 1, 0, None, "申请人自备", {}),
    "land_contract": ("农村土地承包经营权证或承包合同", "必要", "复印件", 0, 1, None, "政府部门核发", {}),
    "transfer_contract": ("土地经营权流转合同", "必要", "原件", 2, 0, None, "申请人自备", {}),
    "village_opinion": ("村（居）民委员会审核意见", "必要", "原件", 1, 0, None, "村（社区）出具", {}),
    "homestead_form": ("农村宅基地和建房（规划许可）申请表", "必要", "原件", 1, 0, None, "申请人自备", {}),
    "site_plan": ("建房设计图或通用图", "必要", "原件", 1, 0, None, "申请人自备", {}),
    "neighbours": ("相邻权利人意见", "非必要", "原件", 1, 0, None, "申请人自备", {}),
    "invoice_goods": ("购机发票及农机具照片", "必要", "复印件", 0, 1, None, "申请人自备", {}),
    "land_list": ("耕地面积确认清册（村组公示后）", "必要", "原件", 1, 0, None, "村（社区）出具", {}),
    "tax_invoice_req": ("代开发票申请表及合同协议", "必要", "原件", 1, 0, None, "申请人自备", {}),
    "pension_form": ("城乡居民基本养老保险参保登记表", "必要", "原件", 1, 0, None, "申请人自备", {}),
    "retire_form": ("城乡居民养老保险待遇领取申请表", "必要", "原件", 1, 0, None, "申请人自备", {}),
    "edu": ("学籍证明或录取通知书", "必要", "复印件", 0, 1, None, "学校出具", {}),
    "pledge": ("个人诚信承诺书", "必要", "原件", 1, 0, None, "申请人自备", {}),
    "diploma": ("医学学历证书及执业资格证书", "必要", "原件和复印件", 1, 1, None, "政府部门核发", {}),
    "health_exam": ("健康体检证明", "必要", "原件", 1, 0, None, "医疗机构出具", {}),
    "veteran": ("退役证件（退伍证或退出现役证明）", "必要", "原件和复印件", 1, 1, None, "政府部门核发", {}),
    "hygiene": ("卫生检测报告及卫生管理制度", "必要", "原件", 1, 0, None, "第三方机构出具", {}),
    "old_cert": ("原证件（损坏的须交回）", "非必要", "原件", 1, 0, None, "申请人自备", {}),
    "news_notice": ("遗失声明登报证明或书面遗失声明", "必要", "原件", 1, 0, None, "申请人自备", {}),
    "kin": ("亲属关系证明（户口簿或公安机关出具的证明）", "必要", "原件", 1, 0, None, "申请人自备", {}),
    "loan_plan": ("创业项目计划书及经营场所证明", "必要", "原件", 1, 0, None, "申请人自备", {}),
    "training_cert": ("培训合格证书或职业技能等级证书", "必要", "复印件", 0, 1, None, "第三方机构出具", {}),
    "vehicle": ("机动车行驶证", "必要", "原件和复印件", 1, 1, "机动车行驶证", "政府部门核发", {}),
    "driving": ("机动车驾驶证", "必要", "原件和复印件", 1, 1, "机动车驾驶证", "政府部门核发", {}),
    "qual_cert": ("专业技术人员资格证明及设施设备清单", "必要", "复印件", 0, 1, None, "申请人自备", {}),
    "site_photo": ("经营场所照片（门头及内部）", "必要", "原件", 1, 0, None, "申请人自备", {}),
    "plan_doc": ("方案文本及设计图纸", "必要", "原件", 1, 0, None, "第三方机构出具", {}),
    "env_report": ("环境影响评价文件", "必要", "原件", 1, 0, None, "第三方机构出具", {}),
    "safety_doc": ("安全管理制度及应急预案", "必要", "原件", 1, 0, None, "申请人自备", {}),
    "staff_list": ("从业人员名单及资格证明", "必要", "复印件", 0, 1, None, "申请人自备", {}),
}

AGENT = {
    "code": "agent",
    "question": "是否委托他人代为办理？",
    "default": "self",
    "options": [
        {"code": "self", "label": "本人办理"},
        {"code": "agent", "label": "委托代理人办理", "adds": ["poa", "agent_id"]},
    ],
}


def q(code: str, question: str, default: str, *options: tuple) -> dict:
    out = []
    for option in options:
        entry: dict = {"code": option[0], "label": option[1]}
        if len(option) > 2 and option[2]:
            entry["adds"] = list(option[2])
        if len(option) > 3 and option[3]:
            entry["removes"] = list(option[3])
        out.append(entry)
    return {"code": code, "question": question, "default": default, "options": out}


ELIC = q(
    "elicence",
    "申请人是否授权调用电子证照？",
    "no",
    ("no", "否，提交纸质材料"),
    ("yes", "是，调用电子证照免提交", (), ("hukou",)),
)

# (dept, basic suffix, name, type, handling, legal days, promised days, fee, result(name, type), keywords,
#  materials, extra materials present only via situations, situations, tags, level, flags)
ITEMS: list[tuple] = []


def item(
    dept,
    name,
    itype,
    handling,
    legal,
    promised,
    materials,
    situations=(),
    keywords=(),
    fee=None,
    result=None,
    tags=(),
    town=False,
    conditions="",
    visits=1,
    online=True,
    basis="",
    process=None,
    unit="working_days",
    special=(),
    express=False,
    appointment=False,
    terminal=False,
    extra=None,
):
    ITEMS.append(
        dict(
            unit=unit,
            special=list(special),
            express=express,
            appointment=appointment,
            terminal=terminal,
            extra=extra or {},
            dept=dept,
            name=name,
            itype=itype,
            handling=handling,
            legal=legal,
            promised=promised,
            materials=list(materials),
            situations=list(situations),
            keywords=list(keywords),
            fee=fee,
            result=result,
            tags=list(tags),
            town=town,
            conditions=conditions,
            visits=visits,
            online=online,
            basis=basis,
            process=process,
        )
    )


XN = ("12+X",)
# -- 公安户政
item(
    "ga",
    "居民身份证首次申领",
    "行政确认",
    "承诺件",
    60,
    20,
    ["hukou", "photo"],
    [q("age", "申请人年龄段？", "adult", ("adult", "已满16周岁"), ("minor", "未满16周岁（监护人陪同）", ["kin"]))],
    ["办身份证", "第一次办身份证"],
    fee=("居民身份证工本费", "20元/证", "发改价格〔2005〕436号"),
    result=("中华人民共和国居民身份证", "证照"),
    basis="《中华人民共和国居民身份证法》第八条、第九条",
    conditions="具有本辖区常住户口的中国公民，年满十六周岁的应当申领居民身份证。",
)
item(
    "ga",
    "居民身份证换领",
    "行政确认",
    "承诺件",
    60,
    15,
    ["old_cert", "hukou", "photo"],
    [ELIC],
    ["身份证到期", "换身份证"],
    fee=("居民身份证工本费", "20元/证", "发改价格〔2005〕436号"),
    result=("中华人民共和国居民身份证", "证照"),
    basis="《中华人民共和国居民身份证法》第十一条",
)
item(
    "ga",
    "居民身份证补领",
    "行政确认",
    "承诺件",
    60,
    15,
    ["hukou", "photo"],
    [ELIC],
    ["身份证丢了", "补办身份证"],
    fee=("居民身份证工本费", "40元/证", "发改价格〔2005〕436号"),
    result=("中华人民共和国居民身份证", "证照"),
    basis="《中华人民共和国居民身份证法》第十一条",
)
item(
    "ga",
    "临时居民身份证核发",
    "行政确认",
    "即办件",
    3,
    0,
    ["hukou", "photo"],
    keywords=["临时身份证"],
    fee=("临时居民身份证工本费", "10元/证", "发改价格〔2005〕436号"),
    result=("临时居民身份证", "证照"),
)
item(
    "ga",
    "出生登记",
    "行政确认",
    "即办件",
    10,
    0,
    ["birth_cert", "hukou", "marriage", "id"],
    [
        q(
            "parents",
            "父母婚姻状况？",
            "married",
            ("married", "父母为合法婚姻"),
            ("unmarried", "非婚生育", ["pledge"], ["marriage"]),
        ),
        AGENT,
    ],
    ["新生儿上户口", "报户口", "上户口"],
    result=("居民户口簿（登记页）", "证照"),
    tags=XN,
    town=True,
    basis="《中华人民共和国户口登记条例》第七条",
)
item(
    "ga",
    "死亡人员户口注销",
    "行政确认",
    "即办件",
    10,
    0,
    ["death", "hukou", "id"],
    [AGENT],
    ["销户", "死亡销户"],
    result=("户口注销证明", "其他"),
    tags=XN,
    town=True,
)
item(
    "ga",
    "户口迁入登记（投靠类）",
    "行政许可",
    "承诺件",
    20,
    10,
    ["hukou", "id", "kin", "house_proof", "form"],
    [
        q(
            "relation",
            "投靠关系？",
            "spouse",
            ("spouse", "夫妻投靠", ["marriage"]),
            ("parent", "父母投靠子女"),
            ("child", "子女投靠父母", ["birth_cert"]),
        ),
        AGENT,
    ],
    ["投靠落户", "迁户口"],
    result=("准予迁入证明", "批文"),
    tags=XN,
    town=True,
)
item(
    "ga",
    "户口迁出登记",
    "行政确认",
    "即办件",
    10,
    0,
    ["hukou", "id", "move_cert"],
    [AGENT],
    ["迁出户口"],
    result=("户口迁移证", "证照"),
    tags=XN,
    town=True,
)
item(
    "ga",
    "户籍证明出具",
    "公共服务",
    "即办件",
    5,
    0,
    ["id", "hukou"],
    [AGENT],
    ["开户籍证明", "亲属关系证明"],
    result=("户籍证明", "其他"),
    tags=XN,
    town=True,
    online=True,
)
item(
    "ga",
    "居住证申领",
    "行政确认",
    "承诺件",
    15,
    10,
    ["id", "photo", "residence"],
    [
        q(
            "basis",
            "申领依据？",
            "work",
            ("work", "合法稳定就业", ["labour"]),
            ("house", "合法稳定住所", ["house_proof"]),
            ("study", "连续就读", ["edu"]),
        )
    ],
    ["流动人口居住证", "办居住证"],
    result=("居住证", "证照"),
    tags=XN,
    town=True,
    conditions="离开常住户口所在地，到本区居住半年以上，符合合法稳定就业、住所或连续就读条件之一。",
)
item(
    "ga",
    "姓名变更登记",
    "行政确认",
    "承诺件",
    20,
    10,
    ["hukou", "id", "form"],
    [q("minor", "变更人是否未成年？", "adult", ("adult", "成年人"), ("minor", "未成年人（父母双方同意）", ["kin"]))],
    ["改名字", "更名"],
    result=("居民户口簿变更页", "证照"),
)
item(
    "ga",
    "分户登记",
    "行政确认",
    "承诺件",
    20,
    5,
    ["hukou", "id", "house_proof", "form"],
    [AGENT],
    ["分户口"],
    result=("居民户口簿", "证照"),
)
# -- 人社
item(
    "rs",
    "就业登记",
    "公共服务",
    "即办件",
    5,
    0,
    ["id", "labour"],
    [q("type", "就业形式？", "employed", ("employed", "单位就业"), ("flexible", "灵活就业", ["pledge"], ["labour"]))],
    ["就业创业证"],
    result=("就业创业证登记记录", "其他"),
    tags=XN,
    town=True,
)
item(
    "rs",
    "失业登记",
    "公共服务",
    "即办件",
    5,
    0,
    ["id", "termination"],
    [AGENT],
    ["失业证"],
    result=("失业登记记录", "其他"),
    tags=XN,
    town=True,
)
item(
    "rs",
    "失业保险金申领",
    "行政给付",
    "承诺件",
    20,
    10,
    ["id", "termination", "bank_card"],
    [AGENT],
    ["领失业金", "失业金"],
    result=("失业保险金核定通知", "其他"),
    basis="《失业保险条例》第十四条",
    conditions="非因本人意愿中断就业、已办理失业登记并有求职要求，且失业前缴纳失业保险费满一年。",
)
item(
    "rs",
    "灵活就业人员参保登记",
    "行政确认",
    "即办件",
    5,
    0,
    ["id", "form"],
    [AGENT],
    ["个体参保", "自由职业交社保"],
    result=("参保登记记录", "其他"),
    tags=XN,
    town=True,
)
item(
    "rs",
    "城乡居民基本养老保险参保登记",
    "行政确认",
    "即办件",
    5,
    0,
    ["id", "hukou", "pension_form"],
    [AGENT],
    ["农村养老保险", "城乡居民养老"],
    result=("参保登记记录", "其他"),
    tags=XN,
    town=True,
)
item(
    "rs",
    "城乡居民基本养老保险待遇申领",
    "行政给付",
    "承诺件",
    20,
    10,
    ["id", "hukou", "retire_form", "bank_card"],
    [AGENT],
    ["领养老金", "养老金申领"],
    result=("待遇核定表", "其他"),
    tags=XN,
    town=True,
)
item(
    "rs",
    "社会保障卡申领",
    "公共服务",
    "承诺件",
    20,
    10,
    ["id", "photo", "form"],
    [AGENT],
    ["办社保卡", "社保卡"],
    fee=None,
    result=("社会保障卡", "证照"),
    tags=XN,
    town=True,
)
item(
    "rs",
    "社会保障卡补换",
    "公共服务",
    "承诺件",
    20,
    10,
    ["id", "form"],
    [q("reason", "补换原因？", "lost", ("lost", "遗失"), ("broken", "损坏或信息变更", ["old_cert"])), AGENT],
    ["社保卡丢了", "补社保卡"],
    fee=("社会保障卡补换工本费", "20元/张", "川发改价格〔2016〕476号"),
    result=("社会保障卡", "证照"),
)
item(
    "rs",
    "基本养老保险关系转移接续",
    "公共服务",
    "承诺件",
    45,
    15,
    ["id", "form"],
    [AGENT],
    ["养老保险转移", "社保转移"],
    result=("基本养老保险关系转移接续联系函", "其他"),
)
item(
    "rs",
    "创业担保贷款申请",
    "公共服务",
    "承诺件",
    30,
    15,
    ["id", "licence", "loan_plan", "pledge"],
    [
        q(
            "married",
            "申请人婚姻状况？",
            "single",
            ("single", "未婚或离异"),
            ("married", "已婚（配偶共同申请）", ["marriage"]),
        )
    ],
    ["创业贷款", "贴息贷款"],
    result=("创业担保贷款审核意见", "批文"),
    tags=XN,
    town=True,
)
item(
    "rs",
    "就业困难人员认定",
    "行政确认",
    "承诺件",
    20,
    10,
    ["id", "form"],
    [
        q(
            "kind",
            "困难类型？",
            "age",
            ("age", "大龄失业人员"),
            ("disabled", "残疾人员", ["disability"]),
            ("low", "低保家庭成员", ["income"]),
        )
    ],
    ["就困认定"],
    result=("就业困难人员认定结果", "其他"),
    tags=XN,
    town=True,
)
item(
    "rs",
    "职业技能培训补贴申领",
    "行政给付",
    "承诺件",
    30,
    20,
    ["id", "training_cert", "bank_card", "form"],
    [],
    ["培训补贴"],
    result=("补贴发放通知", "其他"),
)
# -- 医保
item(
    "yb",
    "城乡居民基本医疗保险参保登记",
    "行政确认",
    "即办件",
    5,
    0,
    ["id", "hukou"],
    [
        q(
            "who",
            "参保人类型？",
            "adult",
            ("adult", "成年居民"),
            ("student", "在校学生", ["edu"]),
            ("newborn", "新生儿", ["birth_cert"], ["id"]),
        ),
        AGENT,
    ],
    ["医保参保", "农村合作医疗", "交医保"],
    result=("参保登记记录", "其他"),
    tags=XN,
    town=True,
)
item(
    "yb",
    "异地就医备案",
    "公共服务",
    "即办件",
    5,
    0,
    ["id", "form"],
    [
        q(
            "kind",
            "备案类型？",
            "resident",
            ("resident", "异地长期居住", ["house_proof"]),
            ("referral", "转诊转院", ["medical"]),
            ("temp", "临时外出就医"),
        )
    ],
    ["异地报销备案", "跨省就医"],
    result=("异地就医备案凭证", "其他"),
    tags=XN,
    town=True,
)
item(
    "yb",
    "门诊慢特病待遇认定",
    "行政确认",
    "承诺件",
    30,
    15,
    ["id", "medical", "form"],
    [AGENT],
    ["慢性病认定", "特殊病"],
    result=("门诊慢特病待遇认定结果", "其他"),
)
item(
    "yb",
    "医疗费用手工报销",
    "行政给付",
    "承诺件",
    30,
    20,
    ["id", "invoice", "medical", "bank_card"],
    [AGENT],
    ["医疗报销", "零星报销"],
    result=("报销结算单", "其他"),
)
item(
    "yb",
    "生育保险待遇申领",
    "行政给付",
    "承诺件",
    30,
    15,
    ["id", "birth_cert", "medical", "bank_card"],
    [AGENT],
    ["生育津贴"],
    result=("生育保险待遇核定结果", "其他"),
)
item(
    "yb",
    "基本医疗保险关系转移接续",
    "公共服务",
    "承诺件",
    45,
    15,
    ["id", "form"],
    [],
    ["医保转移"],
    result=("转移接续联系函", "其他"),
)
# -- 民政
item(
    "mz",
    "内地居民结婚登记",
    "行政确认",
    "即办件",
    1,
    0,
    ["id", "hukou", "photo"],
    [q("history", "双方婚姻状况？", "first", ("first", "均为初婚"), ("divorced", "一方或双方离异", ["single"]))],
    ["领结婚证", "结婚"],
    result=("结婚证", "证照"),
    basis="《婚姻登记条例》第五条",
    conditions="男女双方共同到场，均无配偶，且符合《民法典》规定的结婚条件。",
    online=False,
)
item(
    "mz",
    "内地居民离婚登记",
    "行政确认",
    "即办件",
    1,
    0,
    ["id", "hukou", "marriage", "photo"],
    [],
    ["离婚"],
    result=("离婚证", "证照"),
    conditions="双方自愿离婚并对子女抚养、财产处理达成一致。申请后须经30日离婚冷静期，期满后30日内双方亲自到场申请发证。",
    online=False,
    visits=2,
    basis="《中华人民共和国民法典》第一千零七十七条；《婚姻登记条例》第十一条",
    # Not a 30 working-day 承诺件: 30 calendar days of 冷静期 (民法典 §1077) run before registration, which is then
    # done on the spot when both parties come back within the next 30 days (otherwise the application lapses).
    special=[
        {
            "kind": "冷静期",
            "name": "离婚冷静期",
            "time_limit": {"value": 30, "unit": "calendar_days", "note": "自婚姻登记机关收到离婚登记申请之日起"},
            "basis": "《中华人民共和国民法典》第一千零七十七条",
        }
    ],
    appointment=True,
    extra={
        "legal_bases": [
            {"law": "中华人民共和国民法典", "article": "第一千零七十七条、第一千零七十八条", "level": "法律"},
            {"law": "婚姻登记条例", "document_number": "国务院令第387号", "level": "行政法规"},
        ],
        "faq": [
            {
                "question": "冷静期内可以撤回离婚申请吗？",
                "answer": "可以。冷静期内任何一方不愿意离婚的，可以向婚姻登记机关撤回离婚登记申请。",
            }
        ],
    },
)
item(
    "mz",
    "补领婚姻登记证",
    "行政确认",
    "即办件",
    1,
    0,
    ["id", "hukou", "photo"],
    [],
    ["补结婚证"],
    result=("婚姻登记证（补发）", "证照"),
    online=False,
)
item(
    "mz",
    "最低生活保障申请",
    "行政给付",
    "承诺件",
    30,
    20,
    ["id", "hukou", "income", "authz"],
    [
        q(
            "disabled",
            "家庭成员中是否有重度残疾人或重病患者？",
            "no",
            ("no", "否"),
            ("yes", "是", ["disability", "medical"]),
        ),
        AGENT,
    ],
    ["低保", "吃低保"],
    result=("低保审批决定", "批文"),
    tags=XN,
    town=True,
    basis="《社会救助暂行办法》第十一条",
)
item(
    "mz",
    "特困人员救助供养",
    "行政给付",
    "承诺件",
    30,
    20,
    ["id", "hukou", "income", "authz"],
    [q("care", "供养方式？", "home", ("home", "分散供养"), ("centre", "集中供养（入住敬老院）", ["health_exam"]))],
    ["五保", "特困供养"],
    result=("特困人员供养证", "证照"),
    tags=XN,
    town=True,
)
item(
    "mz",
    "临时救助",
    "行政给付",
    "承诺件",
    15,
    10,
    ["id", "hukou", "form", "authz"],
    [
        q(
            "cause",
            "困难原因？",
            "accident",
            ("accident", "突发事件或意外伤害"),
            ("illness", "重大疾病", ["medical", "invoice"]),
        )
    ],
    ["急难救助", "临时困难"],
    result=("临时救助审批结果", "其他"),
    tags=XN,
    town=True,
)
item(
    "mz",
    "高龄津贴申领",
    "行政给付",
    "承诺件",
    20,
    10,
    ["id", "hukou", "bank_card"],
    [AGENT],
    ["老人补贴", "高龄补贴"],
    result=("高龄津贴发放通知", "其他"),
    tags=XN,
    town=True,
)
item(
    "mz",
    "困难残疾人生活补贴和重度残疾人护理补贴",
    "行政给付",
    "承诺件",
    30,
    15,
    ["id", "disability", "bank_card", "form"],
    [AGENT],
    ["残疾人两项补贴"],
    result=("补贴审批结果", "其他"),
    tags=XN,
    town=True,
)
item(
    "mz",
    "社会团体成立登记",
    "行政许可",
    "承诺件",
    60,
    30,
    ["form", "articles", "members", "lease"],
    [],
    ["成立协会"],
    result=("社会团体法人登记证书", "证照"),
)
item(
    "mz",
    "惠民殡葬补贴申领",
    "行政给付",
    "承诺件",
    20,
    10,
    ["death", "cremation", "kin", "bank_card"],
    [AGENT],
    ["丧葬补贴", "殡葬费减免"],
    result=("补贴发放通知", "其他"),
)
# -- 不动产登记
BDC_AGENT = q(
    "agent",
    "是否委托代理人办理？",
    "self",
    ("self", "权利人本人办理"),
    ("agent", "委托代理人办理（公证委托书）", ["poa", "agent_id"]),
)
item(
    "bdc",
    "国有建设用地使用权及房屋所有权首次登记",
    "行政确认",
    "承诺件",
    30,
    5,
    ["id", "form", "survey", "planning", "tax_proof"],
    [BDC_AGENT],
    ["新房办证", "首次登记"],
    fee=("不动产登记费", "住宅80元/件", "财税〔2016〕79号"),
    result=("不动产权证书", "证照"),
    basis="《不动产登记暂行条例》第十四条、第二十条",
)
item(
    "bdc",
    "不动产转移登记（存量房买卖）",
    "行政确认",
    "承诺件",
    30,
    5,
    ["id", "form", "property", "contract", "tax_proof"],
    [
        q(
            "married",
            "卖方婚姻状况？",
            "single",
            ("single", "未婚或离异"),
            ("married", "已婚（配偶同意出售）", ["marriage"]),
        ),
        BDC_AGENT,
    ],
    ["二手房过户", "过户", "房屋买卖"],
    fee=("不动产登记费", "住宅80元/件", "财税〔2016〕79号"),
    result=("不动产权证书", "证照"),
)
item(
    "bdc",
    "不动产抵押权首次登记",
    "行政确认",
    "承诺件",
    30,
    3,
    ["id", "form", "property", "loan", "bank_cert"],
    [BDC_AGENT],
    ["抵押登记", "房贷抵押"],
    fee=("不动产登记费", "80元/件", "财税〔2016〕79号"),
    result=("不动产登记证明", "证照"),
)
item(
    "bdc",
    "不动产抵押权注销登记",
    "行政确认",
    "即办件",
    30,
    0,
    ["form", "release", "bank_cert"],
    [],
    ["解押", "注销抵押"],
    result=("注销登记记录", "其他"),
)
item(
    "bdc",
    "不动产变更登记",
    "行政确认",
    "承诺件",
    30,
    5,
    ["id", "form", "property"],
    [q("reason", "变更事由？", "name", ("name", "权利人姓名变更", ["kin"]), ("area", "面积或用途变更", ["survey"]))],
    ["房产证改名"],
    fee=("不动产登记费", "免收", "财税〔2016〕79号"),
    result=("不动产权证书", "证照"),
)
item(
    "bdc",
    "不动产更正登记",
    "行政确认",
    "承诺件",
    30,
    10,
    ["id", "form", "property"],
    [BDC_AGENT],
    ["登记错误更正"],
    result=("不动产权证书", "证照"),
)
item(
    "bdc",
    "不动产权证书补发",
    "行政确认",
    "承诺件",
    30,
    15,
    ["id", "form", "news_notice"],
    [BDC_AGENT],
    ["房产证丢了", "补房产证"],
    fee=("证书工本费", "10元/本", "财税〔2016〕79号"),
    result=("不动产权证书", "证照"),
)
item(
    "bdc",
    "不动产预告登记",
    "行政确认",
    "承诺件",
    30,
    3,
    ["id", "form", "contract"],
    [BDC_AGENT],
    ["期房预告"],
    result=("不动产登记证明", "证照"),
)
item(
    "bdc",
    "宅基地使用权及房屋所有权首次登记",
    "行政确认",
    "承诺件",
    30,
    10,
    ["id", "hukou", "form", "survey", "village_opinion"],
    [BDC_AGENT],
    ["农房确权", "宅基地办证"],
    fee=("不动产登记费", "免收", "财税〔2016〕79号"),
    result=("不动产权证书", "证照"),
    tags=XN,
    town=True,
)
item(
    "bdc",
    "不动产登记资料查询",
    "公共服务",
    "即办件",
    1,
    0,
    ["id", "form"],
    [BDC_AGENT],
    ["查档", "房产查询", "查房产"],
    result=("不动产登记资料查询结果证明", "其他"),
)
# -- 市场监管
item(
    "sj",
    "个体工商户设立登记",
    "行政许可",
    "即办件",
    15,
    0,
    ["id", "form", "lease"],
    [q("food", "是否从事食品经营？", "no", ("no", "否"), ("yes", "是（另需办理食品经营许可）"))],
    ["办营业执照", "个体户注册", "开店"],
    result=("营业执照", "证照"),
    tags=XN,
    town=True,
    basis="《促进个体工商户发展条例》；《市场主体登记管理条例》第二十一条",
)
item(
    "sj",
    "个体工商户变更登记",
    "行政许可",
    "即办件",
    15,
    0,
    ["id", "form", "licence"],
    [q("what", "变更事项？", "name", ("name", "名称或经营范围"), ("place", "经营场所", ["lease"]))],
    ["个体户变更"],
    result=("营业执照", "证照"),
    tags=XN,
    town=True,
)
item(
    "sj",
    "个体工商户注销登记",
    "行政许可",
    "即办件",
    15,
    0,
    ["id", "form", "licence"],
    [],
    ["个体户注销"],
    result=("准予注销登记通知书", "批文"),
    tags=XN,
    town=True,
)
item(
    "sj",
    "有限责任公司设立登记",
    "行政许可",
    "承诺件",
    15,
    1,
    ["id", "form", "articles", "lease", "members"],
    [AGENT],
    ["注册公司", "开公司"],
    result=("营业执照", "证照"),
)
item(
    "sj",
    "食品经营许可",
    "行政许可",
    "承诺件",
    20,
    10,
    ["id", "form", "licence", "food_plan", "food_safety"],
    [AGENT],
    ["食品许可证", "餐饮许可"],
    result=("食品经营许可证", "证照"),
    basis="《中华人民共和国食品安全法》第三十五条",
)
item(
    "sj",
    "小餐饮经营登记",
    "行政许可",
    "即办件",
    10,
    0,
    ["id", "form", "lease", "food_safety"],
    [],
    ["小吃店登记"],
    result=("小餐饮经营登记证", "证照"),
    tags=XN,
    town=True,
)
item(
    "sj",
    "农民专业合作社设立登记",
    "行政许可",
    "承诺件",
    15,
    3,
    ["id", "form", "articles", "members"],
    [AGENT],
    ["合作社注册"],
    result=("营业执照", "证照"),
    tags=XN,
    town=True,
)
item(
    "sj",
    "营业执照补领",
    "行政许可",
    "即办件",
    15,
    0,
    ["id", "form", "news_notice"],
    [],
    ["执照丢了"],
    result=("营业执照", "证照"),
)
# -- 卫健
item(
    "wj",
    "出生医学证明首次签发",
    "公共服务",
    "即办件",
    10,
    0,
    ["id", "medical", "form"],
    [q("parents", "父母是否均到场？", "both", ("both", "父母双方到场"), ("one", "一方到场（另一方授权）", ["poa"]))],
    ["出生证明"],
    result=("出生医学证明", "证照"),
)
item(
    "wj",
    "出生医学证明补发",
    "公共服务",
    "承诺件",
    30,
    15,
    ["id", "hukou", "form", "news_notice"],
    [],
    ["补出生证"],
    result=("出生医学证明（补发）", "证照"),
)
item(
    "wj",
    "生育登记",
    "公共服务",
    "即办件",
    1,
    0,
    ["id", "hukou"],
    [
        q(
            "married",
            "夫妻双方婚姻状况？",
            "married",
            ("married", "已婚", ["marriage"]),
            ("other", "其他情形", ["pledge"]),
        )
    ],
    ["准生证", "生育服务证", "生育登记服务"],
    result=("生育登记服务单", "其他"),
    tags=XN,
    town=True,
)
item(
    "wj",
    "独生子女父母光荣证办理",
    "公共服务",
    "承诺件",
    20,
    10,
    ["id", "hukou", "marriage", "photo"],
    [],
    ["独生子女证"],
    result=("独生子女父母光荣证", "证照"),
    tags=XN,
    town=True,
)
item(
    "wj",
    "农村部分计划生育家庭奖励扶助",
    "行政给付",
    "承诺件",
    60,
    30,
    ["id", "hukou", "marriage", "form"],
    [],
    ["计生奖扶", "奖励扶助金"],
    result=("奖励扶助资格确认", "其他"),
    tags=XN,
    town=True,
)
item(
    "wj",
    "医师执业注册",
    "行政许可",
    "承诺件",
    20,
    10,
    ["id", "diploma", "health_exam", "form", "photo"],
    [],
    ["医师注册"],
    result=("医师执业证书", "证照"),
)
item(
    "wj",
    "公共场所卫生许可",
    "行政许可",
    "承诺件",
    20,
    5,
    ["id", "licence", "form", "hygiene"],
    [],
    ["卫生许可证"],
    result=("公共场所卫生许可证", "证照"),
)
# -- 农业农村
item(
    "ny",
    "耕地地力保护补贴申领",
    "行政给付",
    "承诺件",
    30,
    20,
    ["id", "land_list", "bank_card"],
    [AGENT],
    ["种粮补贴", "惠农补贴", "耕地补贴"],
    result=("补贴发放清册", "其他"),
    tags=XN,
    town=True,
)
item(
    "ny",
    "农机购置与应用补贴申请",
    "行政给付",
    "承诺件",
    30,
    20,
    ["id", "invoice_goods", "bank_card", "form"],
    [],
    ["农机补贴"],
    result=("补贴审核结果", "其他"),
    tags=XN,
    town=True,
)
item(
    "ny",
    "农村土地经营权流转合同备案",
    "公共服务",
    "即办件",
    10,
    0,
    ["id", "land_contract", "transfer_contract"],
    [],
    ["土地流转"],
    result=("流转合同备案回执", "其他"),
    tags=XN,
    town=True,
)
item(
    "ny",
    "农村村民宅基地审批",
    "行政许可",
    "承诺件",
    20,
    15,
    ["id", "hukou", "homestead_form", "site_plan", "village_opinion", "neighbours"],
    [q("kind", "建房类型？", "new", ("new", "新建"), ("rebuild", "原址翻建", ["property"]))],
    ["宅基地申请", "农村建房审批", "批宅基地"],
    result=("农村宅基地批准书", "证照"),
    tags=XN,
    town=True,
    basis="《中华人民共和国土地管理法》第六十二条",
    conditions="本集体经济组织成员，一户只能拥有一处宅基地。",
)
item(
    "ny",
    "农业技术咨询与推广服务",
    "公共服务",
    "即办件",
    5,
    0,
    ["form"],
    [],
    ["农技服务", "农技推广", "种植技术"],
    result=("技术服务记录", "无"),
    tags=XN,
    town=True,
)
item(
    "ny",
    "农药经营许可",
    "行政许可",
    "承诺件",
    20,
    15,
    ["id", "form", "licence", "lease"],
    [],
    ["卖农药"],
    result=("农药经营许可证", "证照"),
)
item(
    "ny",
    "动物防疫条件合格证核发",
    "行政许可",
    "承诺件",
    20,
    15,
    ["id", "form", "site_plan"],
    [],
    ["养殖场防疫"],
    result=("动物防疫条件合格证", "证照"),
)
# -- 自然资源
item(
    "zr",
    "乡村建设规划许可证核发",
    "行政许可",
    "承诺件",
    20,
    10,
    ["id", "form", "site_plan", "village_opinion"],
    [],
    ["乡村规划许可"],
    result=("乡村建设规划许可证", "证照"),
    tags=XN,
    town=True,
)
item(
    "zr",
    "建设用地规划许可证核发",
    "行政许可",
    "承诺件",
    20,
    10,
    ["form", "licence", "site_plan"],
    [],
    ["用地规划许可"],
    result=("建设用地规划许可证", "证照"),
)
item(
    "zr",
    "临时用地审批",
    "行政许可",
    "承诺件",
    20,
    15,
    ["form", "site_plan", "land_contract"],
    [],
    ["临时用地"],
    result=("临时用地批复", "批文"),
)
# -- 税务
item(
    "sw",
    "代开增值税发票（自然人）",
    "公共服务",
    "即办件",
    1,
    0,
    ["id", "tax_invoice_req"],
    [AGENT],
    ["代开发票"],
    result=("增值税发票", "其他"),
)
item(
    "sw",
    "存量房交易税费申报",
    "行政征收",
    "即办件",
    1,
    0,
    ["id", "contract", "property"],
    [q("only", "是否家庭唯一住房且满五年？", "no", ("no", "否"), ("yes", "是（申请免征个人所得税）", ["pledge"]))],
    ["二手房交税", "契税申报"],
    result=("完税凭证", "其他"),
)
item("sw", "开具无欠税证明", "公共服务", "即办件", 1, 0, ["id"], [AGENT], ["无欠税证明"], result=("无欠税证明", "其他"))
item(
    "sw",
    "个体工商户税务信息确认",
    "公共服务",
    "即办件",
    1,
    0,
    ["id", "licence"],
    [],
    ["税务登记", "新办纳税人"],
    result=("税务信息确认表", "其他"),
)
item(
    "sw",
    "发票领用",
    "行政许可",
    "即办件",
    1,
    0,
    ["id", "licence"],
    [AGENT],
    ["领发票", "申领发票"],
    result=("发票领用簿", "其他"),
)
item(
    "sw",
    "车辆购置税申报",
    "行政征收",
    "即办件",
    1,
    0,
    ["id", "invoice_goods"],
    [AGENT],
    ["购置税"],
    result=("车辆购置税完税证明", "其他"),
)
# -- 乡村振兴 (扶贫脱贫)
item(
    "xc",
    "防止返贫监测对象识别申请",
    "公共服务",
    "承诺件",
    15,
    15,
    ["id", "hukou", "income", "authz"],
    [AGENT],
    ["防返贫", "扶贫监测", "脱贫户"],
    result=("监测对象认定结果", "其他"),
    tags=XN,
    town=True,
)
item(
    "xc",
    "雨露计划职业教育补助申请",
    "行政给付",
    "承诺件",
    30,
    20,
    ["id", "hukou", "edu", "bank_card"],
    [],
    ["雨露计划"],
    result=("补助发放通知", "其他"),
    tags=XN,
    town=True,
)
item(
    "xc",
    "脱贫人口小额信贷申请",
    "公共服务",
    "承诺件",
    20,
    10,
    ["id", "hukou", "loan_plan"],
    [],
    ["扶贫小额信贷", "扶贫贷款"],
    result=("贷款推荐意见", "其他"),
    tags=XN,
    town=True,
)
# -- 残联
item(
    "cl",
    "残疾人证核发",
    "行政确认",
    "承诺件",
    30,
    15,
    ["id", "hukou", "photo", "form"],
    [AGENT],
    ["办残疾证"],
    result=("中华人民共和国残疾人证", "证照"),
    tags=XN,
    town=True,
)
item(
    "cl",
    "残疾人证换领",
    "行政确认",
    "承诺件",
    30,
    15,
    ["id", "disability", "photo"],
    [AGENT],
    ["残疾证到期"],
    result=("中华人民共和国残疾人证", "证照"),
)
# -- 退役军人
item(
    "tw",
    "退役军人优待证申领",
    "公共服务",
    "承诺件",
    30,
    20,
    ["id", "veteran", "photo"],
    [AGENT],
    ["优待证"],
    result=("退役军人优待证", "证照"),
)
item(
    "tw",
    "退役士兵自主就业一次性经济补助发放",
    "行政给付",
    "承诺件",
    30,
    15,
    ["id", "veteran", "bank_card"],
    [],
    ["退伍补助"],
    result=("补助发放通知", "其他"),
)
# -- 住房城乡建设
item(
    "zj",
    "公共租赁住房申请",
    "公共服务",
    "承诺件",
    60,
    30,
    ["id", "hukou", "income", "authz", "form"],
    [q("married", "婚姻状况？", "single", ("single", "单身"), ("married", "已婚", ["marriage"]))],
    ["公租房", "廉租房"],
    result=("公租房保障资格", "其他"),
)
item(
    "zj",
    "商品房买卖合同网签备案",
    "公共服务",
    "即办件",
    3,
    0,
    ["id", "contract"],
    [],
    ["网签", "合同备案"],
    result=("备案证明", "其他"),
)
item(
    "zj",
    "住房公积金提取",
    "公共服务",
    "即办件",
    3,
    0,
    ["id", "bank_card"],
    [
        q(
            "reason",
            "提取原因？",
            "buy",
            ("buy", "购买自住住房", ["contract", "tax_proof"]),
            ("rent", "租房", ["house_proof"]),
            ("retire", "离退休"),
        )
    ],
    ["提公积金"],
    result=("提取审批结果", "其他"),
)

def _limit(text: str) -> tuple[int, str]:
    return (int(text[:-1]), "calendar_days") if text.endswith("c") else (int(text), "working_days")


def _county_rows() -> None:
    """The one-line items of county_items.py (see its docstring for the columns)."""
    from county_items import ROWS

    for line in ROWS.splitlines():
        dept, name, itype, handling, legal, promised, materials, fee, flags, keywords = line.split("|")
        legal_days, unit = _limit(legal)
        promised_days, _ = _limit(promised)
        marks = [] if flags == "-" else flags.split(",")
        special = []
        extra: dict = {}
        for mark in marks:
            if mark.startswith("D="):
                extra["deciding_body"] = {"name": mark[2:]}
            if mark.startswith("J="):
                extra["joint_bodies"] = [{"name": body} for body in mark[2:].split(";")]
            if mark.startswith("SP="):
                kind, days, basis = mark[3:].split(":", 2)
                value, days_unit = _limit(days)
                special.append({"kind": kind, "time_limit": {"value": value, "unit": days_unit}, "basis": basis})
        item(
            dept,
            name,
            itype,
            handling,
            legal_days,
            promised_days,
            materials.split(","),
            [AGENT] if itype in ("行政确认", "行政给付", "公共服务") and "id" in materials else [],
            [k for k in keywords.split(",") if k],
            fee=tuple(fee.split(":", 2)) if fee != "-" else None,
            result=(name.removesuffix("申请").removesuffix("申领") + "结果", "其他"),
            tags=XN if "T" in marks else (),
            town="T" in marks,
            online="O" not in marks,
            unit=unit,
            special=special,
            express="E" in marks,
            appointment="A" in marks,
            terminal="S" in marks,
            extra=extra,
        )


sys.path.insert(0, str(Path(__file__).resolve().parent))
_county_rows()

BUNDLES = [
    dict(
        code="YJS-511602-CSYJS",
        name="新生儿出生一件事",
        lead="卫健",
        description="一次提交，同时办理出生医学证明、出生登记（上户口）、城乡居民医保参保和社会保障卡申领。",
        keywords=["出生一件事", "新生儿"],
        promised=10,
        items=["出生医学证明首次签发", "出生登记", "城乡居民基本医疗保险参保登记", "社会保障卡申领"],
        shared=[
            (
                "s_parent_id",
                "父母双方居民身份证",
                "id",
                ["出生医学证明首次签发", "出生登记", "城乡居民基本医疗保险参保登记", "社会保障卡申领"],
            ),
            ("s_hukou", "居民户口簿（拟落户户主页及本人页）", "hukou", ["出生登记", "城乡居民基本医疗保险参保登记"]),
        ],
        situations=[q("sscard", "是否同时申领社会保障卡？", "yes", ("yes", "是"), ("no", "否"))],
        skip={"sscard": {"no": ["社会保障卡申领"]}},
        # The bundle issues the 出生医学证明 itself: 出生登记 must not ask the parents for it.
        produced=[("出生医学证明首次签发", "出生医学证明", [("出生登记", "birth_cert")])],
    ),
    dict(
        code="YJS-511602-GTKY",
        name="个体工商户开办一件事",
        lead="市场监管",
        description="营业执照、食品经营许可（如需）和税务信息确认一窗受理、并联办理。",
        keywords=["开店一件事", "开饭店"],
        promised=3,
        items=["个体工商户设立登记", "食品经营许可", "个体工商户税务信息确认"],
        shared=[
            (
                "s_operator_id",
                "经营者居民身份证",
                "id",
                ["个体工商户设立登记", "食品经营许可", "个体工商户税务信息确认"],
            )
        ],
        situations=[q("food", "是否从事食品经营？", "yes", ("yes", "是"), ("no", "否"))],
        skip={"food": {"no": ["食品经营许可"]}},
    ),
    dict(
        code="YJS-511602-CLFJY",
        name="二手房交易登记一件事",
        lead="不动产登记",
        description="存量房交易税费申报与不动产转移登记一窗受理，税费缴纳后即时登簿。",
        keywords=["二手房一件事", "房屋过户"],
        promised=5,
        items=["存量房交易税费申报", "不动产转移登记（存量房买卖）"],
        shared=[
            ("s_buyer_seller_id", "买卖双方居民身份证", "id", ["存量房交易税费申报", "不动产转移登记（存量房买卖）"]),
            (
                "s_contract",
                "不动产买卖合同（网签备案）",
                "contract",
                ["存量房交易税费申报", "不动产转移登记（存量房买卖）"],
            ),
        ],
        situations=[],
        skip={},
    ),
    dict(
        code="YJS-511602-SHYJS",
        name="身后一件事",
        lead="民政",
        description="死亡户口注销、惠民殡葬补贴和养老保险待遇处理一次办结。",
        keywords=["逝者一件事", "丧事"],
        promised=10,
        items=["死亡人员户口注销", "惠民殡葬补贴申领"],
        shared=[("s_death", "居民死亡医学证明（推断）书", "death", ["死亡人员户口注销", "惠民殡葬补贴申领"])],
        situations=[],
        skip={},
    ),
]


ORGANISATION_WORDS = ("公司", "合作社", "社会团体", "食品经营", "卫生许可", "农药", "动物防疫", "建设用地", "临时用地")


def service_objects(spec: dict) -> list[str]:
    if any(word in spec["name"] for word in ORGANISATION_WORDS):
        return ["企业法人", "非法人企业", "其他组织"]
    if "个体工商户" in spec["name"] or "发票领用" in spec["name"]:
        return ["自然人", "非法人企业"]
    return ["自然人"]


# 通办 in training: a few items of the neighbouring 前锋区 (region 511603), as the province's catalog lists every
# area's items. Within their 通办范围 清河区's window accepts them (跨域通办, decided by 前锋区's body);
# 个体工商户设立登记 is 全县(区) only: refused here with the reason (docs/online.md, "通办").
NEIGHBOUR = "511603"
NEIGHBOUR_ITEMS = {  # name in 清河区's table: (前锋区 body, body serial, scope, result delivery)
    "居民身份证换领": ("广安市公安局前锋区分局", 3010001, "全国", ["窗口领取", "邮政寄递"]),
    "社会保障卡补换": ("前锋区人力资源和社会保障局", 3010002, "全市", ["窗口领取"]),
    "个体工商户设立登记": ("前锋区市场监督管理局", 3010006, "全县(区)", ["窗口领取"]),
}


def neighbour_items(records: list[dict]) -> list[dict]:
    out = []
    for record in records:
        spec = NEIGHBOUR_ITEMS.get(record["name"])
        if spec is None:
            continue
        body_name, serial, scope, methods = spec
        code = f"11{NEIGHBOUR}MB{serial:07d}"
        code += uscc.calc_check_digit(code)
        item = json.loads(json.dumps(record))
        impl = f"{NEIGHBOUR}{item['basic_code'][:8]}-{NEIGHBOUR}000000-000-{code}-1-00"
        item.update(
            implementation_code=impl,
            handling_item_code=f"{impl}-001",
            implementing_body={"name": body_name, "credit_code": code, "nature": "法定机关",
                               "region_code": NEIGHBOUR + "000000"},
            scope=scope,
            location="前锋区政务服务中心综合窗口（前锋大道1号）",
            consultation_phone="0826-2401" + str(serial)[-3:],
            legal_basis=item["legal_basis"].replace("清河区", "前锋区"),
            keywords=[*item["keywords"], "前锋区"],
            result_delivery={**item["result_delivery"], "methods": methods},
        )
        out.append(item)
    return out


def build() -> dict:
    counters: dict[str, int] = {}
    records = []
    codes_by_name: dict[str, str] = {}
    for index, spec in enumerate(ITEMS):
        dept_key = spec["dept"]
        dept, body_name, serial, phone = DEPTS[dept_key]
        counters[dept_key] = counters.get(dept_key, 0) + 1
        if spec["town"]:
            body_name, serial, phone = TOWN
        body_code = credit_code(serial)
        dept_no = list(DEPTS).index(dept_key) + 1
        basic = f"{dept_no:02d}{'0' if spec['itype'] != '公共服务' else '2'}{counters[dept_key]:03d}{index + 1:03d}000"
        impl = f"{REGION}{basic[:8]}-{REGION12}-000-{body_code}-1-00"
        used = list(spec["materials"])
        for situation in spec["situations"]:
            for option in situation["options"]:
                for code in option.get("adds", []) + option.get("removes", []):
                    if code not in used:
                        used.append(code)
        materials = []
        for code in used:
            name, necessity, paper, originals, copies, elicence, source, extra = M[code]
            if code == "form":
                name = spec["name"] + "申请表"
            material = {
                "code": code,
                "name": name,
                "necessity": necessity,
                "paper_form": paper,
                "original_count": originals,
                "copy_count": copies,
                "paper_spec": "A4",
                "electronic_accepted": True,
                "source_channel": source,
                "deferrable": necessity == "必要"
                and code in ("photo", "tax_proof", "village_opinion", "news_notice", "health_exam"),
                "elicence_type": elicence,
            }
            for key, value in extra.items():
                material[key] = value.format(code=basic) if isinstance(value, str) else value
            materials.append(material)
        legal, promised = spec["legal"], spec["promised"]
        handling = spec["handling"]
        record = {
            "implementation_code": impl,
            "basic_code": basic,
            "handling_item_code": f"{impl}-001",
            "version": 2,  # 2: 实施清单 elements added (issue 20); a home holding version 1 takes the new one
            "name": spec["name"],
            "keywords": spec["keywords"],
            "item_type": spec["itype"],
            "department": dept,
            "implementing_body": {
                "name": body_name,
                "credit_code": body_code,
                "nature": "法定机关",
                "region_code": REGION12,
                # Tax is vertically administered: reviewed by the next-higher tax organ (行政复议法 §27), not by the
                # 本级人民政府 that the centre's default names.
                **({"reconsideration_body": "国家税务总局清河区税务局的上一级税务局"} if dept_key == "sw" else {}),
            },
            "exercise_level": "镇(乡、街道)级" if spec["town"] else "县级",
            "power_source": "上级下放" if spec["town"] else "法定本级行使",
            "legal_basis": spec["basis"] or f"《{dept}领域政务服务事项实施清单》（清河区2026年版）",
            "handling_type": handling,
            "legal_limit": {"value": legal, "unit": spec["unit"], "note": ""},
            "promised_limit": (
                {"value": promised, "unit": spec["unit"], "note": "自受理之日起计算"}
                if handling != "即办件"
                else None
            ),
            "visits_required": spec["visits"] if handling == "承诺件" else 1,
            "acceptance_conditions": spec["conditions"]
            or f"申请材料齐全、符合法定形式的，予以受理{spec['name']}申请。",
            "fees": (
                {
                    "charged": True,
                    "items": [
                        {"name": spec["fee"][0], "standard": spec["fee"][1], "basis": spec["fee"][2], "reducible": True}
                    ],
                    "basis": spec["fee"][2],
                    **({"stage": FEE_STAGES[spec["name"]]} if spec["name"] in FEE_STAGES else {}),
                }
                if spec["fee"]
                else {"charged": False}
            ),
            "service_objects": service_objects(spec),
            "handling_forms": ["窗口办理", "网上办理"] if spec["online"] else ["窗口办理"],
            "process": ["申请", "受理", "审查", "决定", "送达"] if handling == "承诺件" else ["申请", "受理", "办结"],
            "location": TOWN_HALL if spec["town"] else HALL,
            "hours": HOURS,
            "consultation_phone": phone,
            "complaint_phone": "0826-12345",
            "scope": "全县(区)" if spec["town"] else "全市",
            "online": {
                "available": spec["online"],
                "depth": "三级" if spec["online"] else "",
                "url": "https://zwfw.qinghe.example.gov.cn/" if spec["online"] else "",
            },
            "result": {"name": spec["result"][0], "type": spec["result"][1]}
            if spec["result"]
            else {"name": "", "type": "无"},
            "tags": spec["tags"],
            "materials": materials,
            "situations": spec["situations"],
            "flags": {
                "in_hall": True,
                "appointment": spec["appointment"],
                "self_service_terminal": spec["terminal"],
                "express_delivery": spec["express"],
                "online_payment": bool(spec["fee"]) and spec["online"],
            },
            "result_delivery": {
                "methods": ["窗口领取", "邮政寄递"] if spec["express"] else ["窗口领取"],
                "time_limit": {"value": 1 if handling == "即办件" else 3, "unit": "working_days"},
            },
            "themes": [dept],
            "rights_and_obligations": "申请人有权查询办理进度、获得告知和提出投诉；应当如实提交材料并对其真实性负责。",
        }
        if spec["special"]:
            record["special_procedures"] = spec["special"]
        if spec["basis"]:
            record["legal_bases"] = [{"law": spec["basis"], "level": "法律" if "法》" in spec["basis"] else "其他"}]
        record.update(spec["extra"])
        records.append(record)
        codes_by_name[spec["name"]] = impl
    records += neighbour_items(records)
    bundles = []
    for spec in BUNDLES:
        members = [codes_by_name[name] for name in spec["items"]]
        shared = [
            {
                "material": {
                    "code": code,
                    "name": name,
                    "necessity": "必要",
                    "paper_form": M[key][2],
                    "original_count": M[key][3],
                    "copy_count": M[key][4],
                    "elicence_type": M[key][5],
                    "source_channel": M[key][6],
                },
                "covers": [{"item": codes_by_name[n], "material": key} for n in names],
            }
            for code, name, key, names in spec["shared"]
        ]
        situations = []
        for original in spec["situations"]:
            situation = json.loads(json.dumps(original))
            for option in situation["options"]:
                skipped = spec["skip"].get(situation["code"], {}).get(option["code"])
                if skipped:
                    option["skip_items"] = [codes_by_name[n] for n in skipped]
            situations.append(situation)
        bundles.append(
            {
                "code": spec["code"],
                "version": 2,
                "name": spec["name"],
                "lead_department": spec["lead"],
                "description": spec["description"],
                "keywords": spec["keywords"],
                "promised_limit": {"value": spec["promised"], "unit": "working_days", "note": ""},
                "items": members,
                "shared_materials": shared,
                "situations": situations,
                **(
                    {
                        "produced": [
                            {
                                "by": codes_by_name[by],
                                "result": result,
                                "covers": [{"item": codes_by_name[n], "material": m} for n, m in covers],
                            }
                            for by, result, covers in spec["produced"]
                        ]
                    }
                    if spec.get("produced")
                    else {}
                ),
            }
        )
    return {
        "format": "onewindow.catalog-changes",
        "format_version": 1,
        "mode": "snapshot",
        "cursor": None,
        "next_cursor": "training-2026.2",
        "has_more": False,
        "generated_at": "2026-11-01T08:00:00+08:00",
        "source": "清河区政务服务事项目录（培训用）",
        "items": records,
        "bundles": bundles,
    }


if __name__ == "__main__":
    root = Path(__file__).resolve().parents[2]
    out = root / "clerk_app" / "catalog" / "data" / "training.json"
    out.write_text(json.dumps(build(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    # The sandbox stands in for the platform that publishes the catalog: it serves its own copy, not ours.
    (root / "sandbox" / "data" / "catalog.json").write_bytes(out.read_bytes())
    doc = json.loads(out.read_text(encoding="utf-8"))
    print(
        f"{out}: {len(doc['items'])} items, {len({i['department'] for i in doc['items']})} departments, "
        f"{len(doc['bundles'])} bundles"
    )
