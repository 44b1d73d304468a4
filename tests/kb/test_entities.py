"""The legal-entity directory: credit codes and fuzzy names."""

from agent_desktop.kb import LegalEntity, LegalEntityDirectory, is_valid_credit_code


def test_credit_code_check_digit():
    assert is_valid_credit_code("91350100M000100Y43")  # the example in GB 32100-2015
    assert not is_valid_credit_code("91350100M000100Y44")
    assert not is_valid_credit_code("short")


def test_demo_directory_is_well_formed():
    directory = LegalEntityDirectory.default()
    assert len(directory) >= 500
    assert all(is_valid_credit_code(e.credit_code) and e.demo for e in directory.entities)
    assert len({e.credit_code for e in directory.entities}) == len(directory)


DIRECTORY = LegalEntityDirectory([
    LegalEntity("上海浦江物业管理有限公司", "91310115MA1H7X0A1C", "浦东新区张杨路1号", "浦东新区",
                "310115"),
    LegalEntity("上海申城通达物流有限公司", "91310110MA1G000001", "杨浦区控江路2号", "杨浦区",
                "310110"),
    LegalEntity("上海浦江餐饮管理有限公司", "91310101MA1F000002", "黄浦区河南中路3号", "黄浦区",
                "310101"),
    LegalEntity("徐汇区王记早餐店（个体工商户）", "92310104MA1E000003", "徐汇区宜山路4号", "徐汇区",
                "310104"),
])


def test_partial_and_abbreviated_names():
    assert DIRECTORY.search("浦江物业")[0].entity.name == "上海浦江物业管理有限公司"
    assert DIRECTORY.search("申通物流")[0].entity.name == "上海申城通达物流有限公司"
    assert DIRECTORY.search("王记早餐店")[0].entity.name.startswith("徐汇区王记")
    assert DIRECTORY.search("浦江餐饮公司")[0].entity.name == "上海浦江餐饮管理有限公司"


def test_district_filter_and_code_prefix():
    hits = DIRECTORY.search("浦江", district_code="310101")
    assert [m.entity.district for m in hits] == ["黄浦区"]
    assert DIRECTORY.search("91310110")[0].entity.name == "上海申城通达物流有限公司"
    assert DIRECTORY.by_credit_code("92310104ma1e000003").district == "徐汇区"


def test_nothing_for_nonsense():
    assert DIRECTORY.search("") == []
    assert DIRECTORY.search("量子引力") == []
