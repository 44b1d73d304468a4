"""The matter picker's search: Chinese, keywords, pinyin, initials, ranking, recency."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from pypinyin import lazy_pinyin

from agent_desktop.domain.models import Catalog, CatalogNode
from agent_desktop.forms.matter_index import (
    MAX_USAGE_BOOST,
    PHRASE_READINGS,
    MatchKind,
    MatterIndex,
    to_pinyin,
)

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from gen_synthetic_catalog import generate  # noqa: E402

LIMITS = {"sign": {"value": 1}, "contact": {"value": 5}, "resolve": {"value": 15}}


def make_catalog(tree: dict[str, dict[str, dict[str, dict[str, list]]]]) -> Catalog:
    """{L1: {L2: {L3: {L4: [(leaf name, [keywords]), …]}}}} → a Catalog."""
    nodes: list[dict] = []

    def add(code: str, name: str, level: int, parent: str | None, **extra) -> None:
        nodes.append({"code": code, "name": name, "level": level, "parent_code": parent, **extra})

    for a, (n1, t2) in enumerate(tree.items(), 1):
        c1 = f"{a:02d}"
        add(c1, n1, 1, None)
        for b, (n2, t3) in enumerate(t2.items(), 1):
            c2 = f"{c1}{b:02d}"
            add(c2, n2, 2, c1)
            for c, (n3, t4) in enumerate(t3.items(), 1):
                c3 = f"{c2}{c:02d}"
                add(c3, n3, 3, c2)
                for d, (n4, leaves) in enumerate(t4.items(), 1):
                    c4 = f"{c3}{d:02d}"
                    add(c4, n4, 4, c3)
                    for e, (name, keywords) in enumerate(leaves, 1):
                        add(f"{c4}{e:02d}", name, 5, c4, keywords=keywords,
                            routing={"mode": "street", "function": "street_office"},
                            time_limits={"normal": LIMITS, "urgent": LIMITS, "critical": LIMITS})
    return Catalog.model_validate({"version": "test", "nodes": nodes})


@pytest.fixture(scope="module")
def index(catalog) -> MatterIndex:
    return MatterIndex(catalog)


def names(hits) -> list[str]:
    return [h.name for h in hits]


def kinds(hits) -> dict[str, MatchKind]:
    return {h.name: h.kind for h in hits}


# --- matching ---------------------------------------------------------------------------------


def test_initials(index) -> None:
    hits = index.search("ljfl")
    assert set(names(hits[:2])) == {"垃圾分类投放点设置", "垃圾分类指导咨询"}
    assert all(h.kind is MatchKind.INITIALS_PREFIX for h in hits[:2])
    assert hits[0].spans == ((0, 4),)
    # 窨井盖 is yìnjǐnggài (pypinyin alone says xūn)
    assert names(index.search("yjg")[:2]) == ["窨井盖缺失", "窨井盖破损异响"]


def test_full_pinyin_from_any_syllable(index) -> None:
    hits = index.search("jishui")
    assert set(names(hits)) >= {"雨后道路积水", "下立交积水"}
    top = {h.name: h for h in hits}
    assert top["雨后道路积水"].kind is MatchKind.PINYIN
    assert top["雨后道路积水"].spans == ((4, 6),)  # 积水
    hits = index.search("gongjijin")
    assert {h.name for h in hits[:2]} == {"公积金提取", "公积金贷款"}
    assert hits[0].kind is MatchKind.PINYIN_PREFIX
    # type-ahead: a syllable typed halfway still matches
    assert "雨后道路积水" in names(index.search("jish"))
    # not from the middle of a syllable: "ishui" is at best similar to jishui
    assert {h.kind for h in index.search("ishui")} <= {MatchKind.FUZZY}


def test_query_normalisation(index) -> None:
    assert names(index.search("LJFL")) == names(index.search("ljfl"))
    assert names(index.search("ji shui")) == names(index.search("jishui"))
    assert names(index.search("ｊｉｓｈｕｉ")) == names(index.search("jishui"))
    assert names(index.search(" 积水 ")) == names(index.search("积水"))


def test_keywords_callers_say(index) -> None:
    hits = index.search("泡水")
    assert {"房产证补办", "雨后道路积水", "楼上渗水"} <= set(names(hits))
    by_name = {h.name: h for h in hits}
    assert by_name["房产证补办"].kind is MatchKind.KEYWORD_EXACT
    assert by_name["房产证补办"].matched == "泡水"
    assert by_name["下立交积水"].kind is MatchKind.KEYWORD  # "车子泡水"
    assert by_name["下立交积水"].matched == "车子泡水"
    assert index.search("跑路")[0].kind is MatchKind.KEYWORD_EXACT
    assert index.search("hpv")[0].name == "疫苗接种咨询"  # Latin keyword, any case


def test_chinese_name_and_path(index) -> None:
    hits = index.search("房产证")
    assert hits[0].name == "房产证补办" and hits[0].kind is MatchKind.NAME_PREFIX
    assert hits[0].path == "住房物业 > 不动产登记 > 产权证书 > 证书办理"
    hits = index.search("消费维权")
    assert hits and all(h.kind is MatchKind.PATH for h in hits)
    assert all(h.path.startswith("市场监管 > 消费维权") for h in hits)
    assert hits[0].matched == "消费维权"


def test_homophones_and_fuzzy(index) -> None:
    hits = index.search("房产正")  # ASR: 正 for 证
    assert hits[0].name == "房产证补办" and hits[0].kind is MatchKind.HOMOPHONE
    assert hits[0].spans == ((0, 3),)
    assert index.search("攻基金")[0].name == "公积金提取"  # a keyword for the ASR error
    assert MatchKind.HOMOPHONE in kinds(index.search("攻基金")).values()
    for query in ("xinqinggai", "心情盖"):  # ASR/typing near-miss for 窨井盖
        hits = index.search(query)
        assert hits[0].name == "窨井盖缺失" and hits[0].kind is MatchKind.FUZZY
    assert index.search("jisui")[0].name == "雨后道路积水"
    assert index.search("zzzzqqq") == []


def test_one_letter_matches_only_at_the_start(index) -> None:
    hits = index.search("l", limit=100)
    assert hits
    for h in hits:
        assert h.kind in (
            MatchKind.PINYIN_PREFIX, MatchKind.INITIALS_PREFIX,
            MatchKind.KEYWORD_PINYIN, MatchKind.KEYWORD_INITIALS,
        )
    assert all(h.kind is MatchKind.PINYIN_PREFIX for h in hits[:10])


# --- ranking ----------------------------------------------------------------------------------


def test_ranking_of_chinese_matches() -> None:
    cat = make_catalog({"市容": {"垃圾": {"管理": {
        "垃圾分类管理": [("投放时间调整", ["几点扔", "时间"])],
        "其他": [
            ("小区垃圾分类", ["小区"]),
            ("垃圾分类", ["分类"]),
            ("湿垃圾", ["垃圾分类桶"]),
            ("辣鸡分类表", ["表格"]),
            ("垃圾分类投放点", ["投放点"]),
            ("干湿分开", ["垃圾分类"]),
        ],
    }}}})
    hits = MatterIndex(cat).search("垃圾分类")
    assert [(h.name, h.kind) for h in hits] == [
        ("垃圾分类", MatchKind.EXACT),
        ("垃圾分类投放点", MatchKind.NAME_PREFIX),
        ("干湿分开", MatchKind.KEYWORD_EXACT),
        ("小区垃圾分类", MatchKind.NAME),
        ("湿垃圾", MatchKind.KEYWORD),
        ("投放时间调整", MatchKind.PATH),
        ("辣鸡分类表", MatchKind.HOMOPHONE),
    ]
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_ranking_of_latin_matches() -> None:
    cat = make_catalog({"市容": {"垃圾": {"管理": {"设施": [
        ("果皮箱", ["垃圾桶"]),
        ("湿垃圾", ["厨余"]),
        ("垃圾房", ["臭"]),
        ("垃圾分列", ["分列"]),
    ]}}}})
    idx = MatterIndex(cat)
    assert [(h.name, h.kind) for h in idx.search("laji")] == [
        ("垃圾房", MatchKind.PINYIN_PREFIX),  # the query covers more of its pinyin
        ("垃圾分列", MatchKind.PINYIN_PREFIX),
        ("湿垃圾", MatchKind.PINYIN),
        ("果皮箱", MatchKind.KEYWORD_PINYIN),  # keyword 垃圾桶
    ]
    assert [(h.name, h.kind) for h in idx.search("ljf")] == [
        ("垃圾房", MatchKind.INITIALS_PREFIX),
        ("垃圾分列", MatchKind.INITIALS_PREFIX),
    ]
    assert [(h.name, h.kind) for h in idx.search("lj")][2:] == [
        ("湿垃圾", MatchKind.INITIALS),
        ("果皮箱", MatchKind.KEYWORD_INITIALS),
    ]
    # a pinyin match ranks above a merely similar one
    hits = idx.search("lajifenlei")
    assert [(h.name, h.kind) for h in hits] == [("垃圾分列", MatchKind.FUZZY)]
    hits = idx.search("lajifang")
    assert hits[0].kind is MatchKind.PINYIN_PREFIX and hits[0].name == "垃圾房"


def test_shorter_and_earlier_matches_first_within_a_kind(index) -> None:
    hits = [h for h in index.search("电梯") if h.kind is MatchKind.NAME_PREFIX]
    assert names(hits) == ["电梯困人", "电梯频繁故障", "电梯维保不到位"]
    hits = [h for h in index.search("预付卡") if h.kind is MatchKind.NAME]
    assert names(hits) == ["健身房预付卡纠纷", "美容美发预付卡纠纷"]  # position 3 before 4


# --- usage --------------------------------------------------------------------------------------


def test_recent_and_frequent_leaves_come_first(catalog) -> None:
    idx = MatterIndex(catalog)
    before = idx.search("dl")
    assert all(h.kind is MatchKind.INITIALS_PREFIX for h in before[:6])
    chosen = before[5]
    idx.record_use(chosen.code)
    after = idx.search("dl")
    assert after[0].code == chosen.code
    assert after[0].score == pytest.approx(chosen.score + idx.usage_boost(chosen.code))
    # the empty query lists what was used, most recent first
    idx.record_use(before[3].code)
    assert [h.code for h in idx.search("")[:2]] == [before[3].code, chosen.code]
    assert idx.search("")[0].kind is MatchKind.RECENT
    assert idx.recent_codes() == [before[3].code, chosen.code]
    assert idx.usage_counts() == {before[3].code: 1, chosen.code: 1}


def test_usage_boost_is_bounded(catalog) -> None:
    idx = MatterIndex(catalog)
    fuzzy = idx.search("xinqinggai")[0]
    for _ in range(50):
        idx.record_use(fuzzy.code)
    assert idx.usage_boost(fuzzy.code) == MAX_USAGE_BOOST
    hits = idx.search("窨井盖")
    assert hits[0].name == "窨井盖缺失"  # it also matches by name, of course
    hits = idx.search("dianti")  # an unrelated pinyin query: the boosted leaf is absent
    assert fuzzy.code not in [h.code for h in hits]
    # usage cannot lift a keyword match over an exact name
    exact = idx.search("电梯困人")[0]
    assert exact.kind is MatchKind.EXACT


def test_usage_survives_a_rebuild(catalog) -> None:
    idx = MatterIndex(catalog)
    code = idx.search("jishui")[1].code
    idx.record_use(code)
    idx.record_use(code)
    idx.record_use("no-such-code")  # ignored
    again = MatterIndex(catalog, usage=idx.usage_counts(), recent=idx.recent_codes())
    assert again.usage_counts() == {code: 2}
    assert again.search("jishui")[0].code == code
    assert again.search("")[0].code == code


def test_boosted_leaf_is_found_beyond_the_early_stop() -> None:
    idx = MatterIndex(Catalog.model_validate(generate(2281)))
    first = idx.search("l", limit=5)
    late = [h for h in idx.search("l", limit=2000) if h.kind is MatchKind.PINYIN_PREFIX][-1]
    assert late.code not in [h.code for h in first]
    idx.record_use(late.code)
    assert idx.search("l", limit=5)[0].code == late.code


def test_staged_search_agrees_with_matching_each_leaf(index) -> None:
    for query in ("积水", "泡水", "消费维权", "攻基金", "jishui", "ljfl", "dl", "l", "shui", "js"):
        hits = index.search(query, limit=10_000)
        staged = {h.code: h.kind for h in hits if h.kind is not MatchKind.FUZZY}
        one_by_one = {}
        for i, leaf in enumerate(index._leaves):
            q = query.lower()
            qp = q if q.isascii() else "".join(to_pinyin(q))
            match = index._match_one(i, q, qp)
            if match:
                one_by_one[leaf.node.code] = match[1]
        assert staged == one_by_one, query


# --- browsing and pinyin ------------------------------------------------------------------------


def test_browsing(index, catalog) -> None:
    top = index.children(None)
    assert [n.level for n in top] == [1] * 12
    assert top[0].name == "城乡建设"
    path = index.ancestors("0101010101")
    assert [n.level for n in path] == [1, 2, 3, 4, 5]
    assert index.path_text("0101010101") == " > ".join(n.name for n in path)
    l4 = path[3]
    assert all(n.is_leaf for n in index.children(l4.code))
    assert index.leaves_under(l4.code) == index.children(l4.code)
    assert len(index.leaves_under("01")) == sum(
        1 for n in catalog.nodes if n.is_leaf and n.code.startswith("01")
    )
    assert len(index.leaves_under(None)) == len(index)
    assert index.node("nope") is None and index.children("nope") == []


def test_to_pinyin_matches_pypinyin(catalog) -> None:
    texts = {n.name for n in catalog.nodes} | {k for n in catalog.nodes for k in n.keywords}
    for text in texts:
        if any(p in text for p in PHRASE_READINGS):
            continue
        expected = [s.lower() for s in lazy_pinyin(text, errors=lambda s: list(s))]
        assert to_pinyin(text) == expected, text
    assert to_pinyin("窨井盖") == ["yin", "jing", "gai"]
    assert to_pinyin("绿化") == ["lv", "hua"]
    assert to_pinyin("120急救") == ["1", "2", "0", "ji", "jiu"]


def test_tiers_are_ordered() -> None:
    from agent_desktop.forms.matter_index import TIER

    order = [
        MatchKind.EXACT, MatchKind.NAME_PREFIX, MatchKind.KEYWORD_EXACT, MatchKind.NAME,
        MatchKind.KEYWORD, MatchKind.PINYIN_PREFIX, MatchKind.PINYIN, MatchKind.PATH,
        MatchKind.KEYWORD_PINYIN, MatchKind.INITIALS_PREFIX, MatchKind.INITIALS,
        MatchKind.KEYWORD_INITIALS, MatchKind.HOMOPHONE, MatchKind.FUZZY,
    ]
    assert [TIER[k] for k in order] == sorted((TIER[k] for k in order), reverse=True)
    # within-kind bonuses (< 4) never reorder kinds on their own
    gaps = [TIER[a] - TIER[b] for a, b in zip(order, order[1:])]
    assert min(gaps) >= 4


def test_catalog_nodes_iterable_works(catalog) -> None:
    nodes: list[CatalogNode] = list(catalog.nodes)
    assert len(MatterIndex(nodes)) == sum(1 for n in nodes if n.is_leaf)
