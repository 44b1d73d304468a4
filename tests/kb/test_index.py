"""The search index: ranking, hiding expired articles, filters, persistence, tolerance."""

from datetime import datetime, timedelta, timezone

from agent_desktop.domain import KbArticle
from agent_desktop.kb import SearchIndex


def article(id_, title, body="", **kw):
    return KbArticle(id=id_, title=title, body_html=f"<p>{body}</p>",
                     updated_at=datetime(2026, 1, 1, tzinfo=timezone.utc), **kw)


def test_issue_examples_in_top_three(demo_index):
    expected = {
        "补办不动产权证": "kb-demo-re-01",
        "房产证泡水了": "kb-demo-re-01",
        "沪惠保 退费": "kb-demo-mi-02",
        "路上积水": "kb-demo-wl-01",
        "预付卡 跑路": "kb-demo-cr-01",
    }
    for query, article_id in expected.items():
        top = [r.id for r in demo_index.search(query, limit=3)]
        assert article_id in top, (query, top)


def test_result_fields(demo_index):
    hit = demo_index.search("房产证泡水了", limit=1)[0]
    assert hit.id == "kb-demo-re-01"
    assert hit.score > 0
    assert "泡水" in hit.terms
    assert "泡水" in hit.snippet
    assert hit.department == "上海市不动产登记局"
    assert hit.matter_codes == ("0606010101",)  # 房产证补办 in the demo catalog


def test_homophone_tolerance(demo_index):
    # ASR and hurried typing: 攻基金 for 公积金, 心情盖 for 窨井盖 is too far, 公基金 close.
    assert demo_index.search("攻基金提取", limit=3)[0].id.startswith("kb-demo-hf-")
    assert any(r.id.startswith("kb-demo-hf-") for r in demo_index.search("公鸡金", limit=3))


def test_expired_articles_are_hidden(demo_index):
    ids = [r.id for r in demo_index.search("高温津贴", limit=20)]
    assert "kb-demo-hc-03" not in ids


def test_not_yet_effective_hidden(analyzer):
    now = datetime.now(timezone.utc)
    index = SearchIndex.build(analyzer, [
        (article("a", "停水通知", effective_from=now + timedelta(days=1)), None),
        (article("b", "停水通知", expires_at=now + timedelta(days=1)), None),
    ])
    assert [r.id for r in index.search("停水")] == ["b"]


def test_filters(demo_index):
    hits = demo_index.search("积水", limit=20, matter_code="0101")
    assert hits and all(any(c.startswith("0101") for c in h.matter_codes) for h in hits)
    hits = demo_index.search("补办", limit=20, department="上海市公安局")
    assert hits and all(h.department == "上海市公安局" for h in hits)


def test_empty_and_unknown_queries(demo_index):
    assert demo_index.search("") == []
    assert demo_index.search("   ") == []
    assert demo_index.search("zzzzqqq") == []


def test_save_and_load(tmp_path, analyzer, demo_index):
    path = tmp_path / "index.bin"
    demo_index.save(path, tag="s:7")
    loaded = SearchIndex.load(path, analyzer, tag="s:7")
    assert loaded is not None and len(loaded) == len(demo_index)
    assert [r.id for r in loaded.search("社保卡丢了")] == \
        [r.id for r in demo_index.search("社保卡丢了")]
    assert SearchIndex.load(path, analyzer, tag="s:8") is None  # stale
    path.write_bytes(b"garbage")
    assert SearchIndex.load(path, analyzer, tag="s:7") is None


def test_snippet_is_short_and_has_a_hit(demo_index):
    for hit in demo_index.search("燃气泄漏怎么办", limit=5):
        assert len(hit.snippet) <= 100
    assert "燃气" in demo_index.search("燃气泄漏怎么办", limit=1)[0].snippet


def test_demo_matter_codes_are_catalog_leaves(demo_articles):
    from agent_desktop.domain.reference import load_catalog

    leaves = {n.code for n in load_catalog().nodes if n.is_leaf}
    codes = {c for a in demo_articles for c in a.matter_codes}
    assert codes and codes <= leaves
    assert sum(bool(a.matter_codes) for a in demo_articles) >= 120
