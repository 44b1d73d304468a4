"""Generate synthetic 5-level matter catalogs of a given size, for benchmarks.

Same JSON format as resources/catalog/catalog.json. Names are plausible but made up: a
level-4 node pairs an object of its domain with a problem ("电梯故障"), its leaves add a
place ("小区电梯故障"); level 3 groups an object ("电梯设施"); keywords are drawn from
the same words and their colloquial variants; routing rules and time limits come from the functions and profiles the demo
catalog uses. Deterministic for a given size and seed.

    python scripts/gen_synthetic_catalog.py 2281 -o /tmp/catalog-2281.json
    python scripts/gen_synthetic_catalog.py 20000 --seed 7 -o /tmp/catalog-20000.json

From Python: `generate(n_leaves, seed=12345) -> dict`.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen_demo_catalog import PROFILES, render  # noqa: E402

PLACES = [
    "小区", "道路", "学校", "医院", "商场", "地铁站", "公园", "菜场", "工地", "河道", "园区",
    "村居", "写字楼", "沿街商铺", "公交站", "停车场", "农贸市场", "养老院", "幼儿园", "景区",
    "宾馆", "菜市场", "老旧小区", "新建小区", "商务楼宇", "工业园区", "街面", "弄堂", "广场",
]

PROBLEMS = [
    "损坏", "故障", "缺失", "扰民", "乱收费", "违规经营", "安全隐患", "服务态度差",
    "管理不到位", "未及时处理", "设置不合理", "维修不及时", "拖欠费用", "虚假宣传",
    "退费纠纷", "质量问题", "无证经营", "噪声扰民", "异味扰民", "占道", "堵塞", "污染",
    "政策咨询", "办理流程咨询", "投诉处理", "信息公开", "补贴申请", "费用争议",
]

COLLOQUIAL = {
    "损坏": ["坏了", "破了"], "故障": ["坏了", "不能用"], "缺失": ["没了", "丢了"],
    "扰民": ["吵", "影响休息"], "乱收费": ["多收钱", "收费贵"], "安全隐患": ["危险", "隐患"],
    "服务态度差": ["态度差", "骂人"], "管理不到位": ["没人管", "不管"],
    "未及时处理": ["拖着不办", "没人处理"], "拖欠费用": ["欠钱", "不给钱"],
    "虚假宣传": ["骗人", "忽悠"], "退费纠纷": ["退钱", "不退费"], "噪声扰民": ["噪音", "太吵"],
    "异味扰民": ["臭", "味道大"], "堵塞": ["堵了", "不通"], "污染": ["脏", "排污"],
    "无证经营": ["没执照", "黑店"], "政策咨询": ["怎么办", "政策"],
}

# domain → (subdomains, objects, routing rules to draw from)
DOMAINS: dict[str, tuple[list[str], list[str], list[tuple[str, str]]]] = {
    "城乡建设": (
        ["市政设施", "建设工程", "违法建筑", "规划管理", "公用事业", "桥梁隧道", "排水防汛"],
        ["道路", "人行道", "窨井盖", "路灯", "护栏", "下水道", "雨水口", "桥梁", "隧道", "工地",
         "脚手架", "围挡", "违章搭建", "供水管", "燃气管", "电力设施", "自来水", "排水泵站"],
        [("district", "construction"), ("district", "water"), ("street", "street_office"),
         ("district", "planning"), ("city", "water_supply"), ("city", "power"), ("city", "gas")],
    ),
    "市容环境": (
        ["生活垃圾", "市容秩序", "环境卫生", "绿化管理", "户外设施", "动物管理"],
        ["垃圾箱房", "垃圾分类", "建筑垃圾", "大件垃圾", "摊贩", "店招", "户外广告", "小广告",
         "公厕", "行道树", "绿地", "草坪", "果壳箱", "道路保洁", "犬只", "流浪猫", "晾晒"],
        [("district", "greening_sanitation"), ("district", "urban_management"),
         ("street", "street_office"), ("district", "police")],
    ),
    "交通运输": (
        ["公共交通", "出租汽车", "道路交通设施", "停车管理", "非机动车", "道路运输"],
        ["公交线路", "公交站台", "地铁", "出租车", "网约车", "红绿灯", "交通标线", "停车场",
         "停车位", "共享单车", "电动自行车", "长途客运", "货车", "驾校", "隧道", "高架"],
        [("city", "transport"), ("city", "metro"), ("district", "traffic_police"),
         ("district", "transport")],
    ),
    "市场监管": (
        ["消费维权", "食品安全", "价格监管", "特种设备", "市场秩序", "药品器械", "知识产权"],
        ["预付卡", "健身卡", "美容卡", "家用电器", "手机", "汽车", "网购商品", "直播带货",
         "外卖", "餐饮店", "食品", "保健品", "电梯", "游乐设施", "药店", "医疗器械", "商标",
         "计量器具", "广告"],
        [("district", "market"), ("district", "culture_tourism")],
    ),
    "社会保障": (
        ["社会保险", "劳动关系", "就业服务", "医疗保障", "社会救助", "养老服务", "民政事务"],
        ["养老金", "社保缴费", "工伤", "失业金", "工资", "劳动合同", "加班费", "年休假",
         "就业补贴", "技能培训", "医保报销", "医保卡", "低保", "临时救助", "养老院", "长护险",
         "助餐点", "残疾人补贴", "婚姻登记", "殡葬"],
        [("district", "human_resources"), ("district", "medical_insurance"),
         ("street", "street_office"), ("district", "civil_affairs"), ("district", "disabled")],
    ),
    "住房物业": (
        ["物业管理", "业主自治", "房屋安全", "住房保障", "房屋租赁", "商品房", "不动产登记",
         "住房公积金"],
        ["物业服务", "物业费", "小区电梯", "单元门", "业委会", "维修资金", "危房", "外墙",
         "楼上渗水", "公租房", "廉租房", "旧改", "加装电梯", "群租", "房屋中介", "二手房",
         "房产证", "公积金"],
        [("district", "housing"), ("street", "street_office"), ("city", "real_estate"),
         ("city", "housing_fund")],
    ),
    "教育": (
        ["基础教育", "校外培训", "高等与职业教育", "学前教育", "学生资助"],
        ["小学入学", "初中入学", "随迁子女", "幼儿园", "托育机构", "学校收费", "课业负担",
         "校园安全", "学校食堂", "教师", "培训机构", "学籍", "考试报名", "职业院校", "助学金"],
        [("district", "education"), ("city", "education"), ("district", "market")],
    ),
    "卫生健康": (
        ["医疗服务", "公共卫生", "健康服务", "急救服务", "控烟"],
        ["医院", "挂号", "医疗收费", "诊所", "医美", "救护车", "疫苗", "传染病", "病媒生物",
         "公共场所卫生", "职业病", "二次供水", "家庭医生", "出生证", "室内吸烟"],
        [("district", "health"), ("city", "health")],
    ),
    "公安与交通管理": (
        ["治安管理", "户政出入境", "交通管理", "车驾管", "消防安全"],
        ["社会噪声", "广场舞", "装修噪声", "可疑人员", "电信诈骗", "赌博", "户口", "居住证",
         "身份证", "护照", "港澳通行证", "交通违法", "违法停车", "驾驶证", "沪牌", "年检",
         "消防设施", "消防通道", "飞线充电"],
        [("district", "police"), ("city", "police"), ("district", "traffic_police"),
         ("city", "traffic_police"), ("district", "fire")],
    ),
    "生态环境": (
        ["大气污染", "水污染", "噪声与辐射", "固体废物", "环境管理"],
        ["工厂废气", "喷漆", "露天焚烧", "餐饮油烟", "河道", "偷排", "漂浮物", "工业噪声",
         "空调外机", "基站", "工业固废", "危险废物", "土壤", "环评"],
        [("district", "environment"), ("district", "water"), ("street", "street_office")],
    ),
    "企业服务": (
        ["营商环境", "税费服务", "商务服务", "企业诉求", "惠企政策"],
        ["企业开办", "一网通办", "扶持政策", "融资", "稳岗补贴", "发票", "个税", "外商投资",
         "进出口", "菜场", "商业体", "厂房", "用工", "货款", "执法检查"],
        [("district", "commerce"), ("city", "tax"), ("city", "commerce"), ("district", "industry"),
         ("district", "market"), ("city", "government_service")],
    ),
    "其他": (
        ["政务服务", "文化旅游", "体育", "通信邮政", "农业农村", "司法法律", "应急管理",
         "表扬建议"],
        ["办事大厅", "社区事务受理", "随申码", "景区", "演出票务", "网吧", "宾馆", "健身步道",
         "骚扰电话", "宽带", "快递", "宅基地", "农产品", "法律援助", "人民调解", "安全生产",
         "防汛防台", "工作人员"],
        [("city", "government_service"), ("district", "culture_tourism"), ("district", "sports"),
         ("city", "telecom"), ("city", "postal"), ("district", "agriculture"),
         ("district", "justice"), ("district", "emergency"), ("district", "government")],
    ),
}

GROUP_SUFFIXES = ["管理", "服务", "设施", "秩序", "安全", "事务"]


def _fanout(rng: random.Random, mean: float) -> int:
    return max(1, min(99, round(rng.gauss(mean, mean / 4))))


def generate(n_leaves: int, seed: int = 12345) -> dict:
    """A catalog with exactly `n_leaves` leaves spread over the 12 domains."""
    if n_leaves < len(DOMAINS):
        raise ValueError(f"need at least {len(DOMAINS)} leaves")
    rng = random.Random(f"{seed}:{n_leaves}")
    per_domain = [n_leaves // len(DOMAINS)] * len(DOMAINS)
    for k in range(n_leaves % len(DOMAINS)):
        per_domain[k] += 1
    nodes: list[dict] = []
    used_names: set[str] = set()
    used_pairs: set[tuple[str, str]] = set()
    for d_index, ((domain, (subdomains, objects, rules)), quota) in enumerate(
        zip(DOMAINS.items(), per_domain), 1
    ):
        fan = max(2.0, (quota / 1.5) ** 0.25)  # leaves per domain ≈ 1.5·fan⁴ … spread evenly
        d_code = f"{d_index:02d}"
        nodes.append({"code": d_code, "name": domain, "level": 1, "parent_code": None})
        remaining = quota
        l2 = 0
        while remaining:
            l2 += 1
            base2 = subdomains[(l2 - 1) % len(subdomains)]
            name2 = base2 if l2 <= len(subdomains) else f"{base2}（{l2 // len(subdomains) + 1}）"
            c2 = f"{d_code}{l2:02d}"
            nodes.append({"code": c2, "name": name2, "level": 2, "parent_code": d_code})
            for l3 in range(1, _fanout(rng, fan) + 1):
                if not remaining:
                    break
                obj = rng.choice(objects)
                c3 = f"{c2}{l3:02d}"
                nodes.append({"code": c3, "name": obj + rng.choice(GROUP_SUFFIXES), "level": 3,
                              "parent_code": c2})
                for l4 in range(1, _fanout(rng, fan) + 1):
                    if not remaining:
                        break
                    c4 = f"{c3}{l4:02d}"
                    fresh = [p for p in PROBLEMS if (obj, p) not in used_pairs]
                    problem = rng.choice(fresh or PROBLEMS)
                    used_pairs.add((obj, problem))
                    nodes.append({"code": c4, "name": f"{obj}{problem}", "level": 4,
                                  "parent_code": c3})
                    mode, function = rng.choice(rules)
                    places = rng.sample(PLACES, len(PLACES))
                    for l5 in range(1, min(remaining, _fanout(rng, fan * 1.5)) + 1):
                        place = places[(l5 - 1) % len(places)]
                        name = f"{place}{obj}{problem}"
                        if name in used_names:
                            name = f"{name}（{len(used_names)}）"
                        used_names.add(name)
                        keywords = list(dict.fromkeys(
                            [obj, problem, place, *COLLOQUIAL.get(problem, [])[:2]]
                        ))[:8]
                        nodes.append({
                            "code": f"{c4}{l5:02d}",
                            "name": name,
                            "level": 5,
                            "parent_code": c4,
                            "keywords": keywords,
                            "routing": {"mode": mode, "function": function},
                            "time_limits": PROFILES[rng.choice(list(PROFILES))],
                        })
                        remaining -= 1
        # drop inner nodes left without children by the quota cut-off
    has_child = {n["parent_code"] for n in nodes}
    nodes = [n for n in nodes if n["level"] == 5 or n["code"] in has_child]
    has_child = {n["parent_code"] for n in nodes}
    nodes = [n for n in nodes if n["level"] == 5 or n["code"] in has_child]
    return {"version": f"synthetic-{n_leaves}-seed{seed}", "nodes": nodes}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("leaves", type=int, help="number of leaves, e.g. 2281 or 20000")
    ap.add_argument("--seed", type=int, default=12345)
    ap.add_argument("-o", "--out", type=Path, required=True)
    args = ap.parse_args(argv)
    catalog = generate(args.leaves, args.seed)
    args.out.write_text(render(catalog), encoding="utf-8")
    print(f"wrote {args.out}: {len(catalog['nodes'])} nodes, {args.leaves} leaves")
    return 0


if __name__ == "__main__":
    sys.exit(main())
