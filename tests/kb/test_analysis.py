"""Segmentation, normalisation and query expansion."""

from agent_desktop.kb.analysis import normalize


def test_normalize_folds_width_and_case():
    assert normalize("  ＡＢＣ１２３４５  热线 ") == "abc12345 热线"


def test_terms_drop_stopwords_and_punctuation(analyzer):
    terms = analyzer.terms("请问，我的社保卡丢了怎么办？")
    assert "社保卡" in terms
    assert not {"请问", "我", "的", "怎么办", "，", "？"} & set(terms)


def test_hotline_words_are_kept_whole(analyzer):
    assert "沪惠保" in analyzer.terms("沪惠保退费")
    assert "窨井盖" in analyzer.terms("窨井盖缺失")


def test_colloquial_query_expands_to_formal_terms(analyzer):
    weights = analyzer.query_terms("房产证泡水了")
    assert weights["房产证"] > weights["不动产权证书"] > 0
    assert "损毁" in weights


def test_long_words_do_not_outweigh_short_ones(analyzer):
    weights = analyzer.query_terms("不动产权证书 预约")
    long_word = sum(w for t, w in weights.items() if not t.startswith("#") and t in "不动产权证书")
    assert long_word < 3 * weights["预约"]


def test_fingerprint_is_stable(analyzer):
    from agent_desktop.kb import Analyzer

    assert Analyzer.from_resources().fingerprint == analyzer.fingerprint
