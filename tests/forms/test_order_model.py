"""The work order as a model: the operator's edits win, suggestions fill what is empty
and wait beside what was typed, evidence travels with them, validation by path."""

from __future__ import annotations

import pytest

from agent_desktop.forms.order_model import FIELDS, WorkOrderModel


def recorder(model: WorkOrderModel) -> list[tuple]:
    seen: list[tuple] = []
    model.changed.connect(lambda path, value, source: seen.append((path, value, source)))
    return seen


def test_a_suggestion_fills_an_empty_field_and_says_where_it_came_from():
    model = WorkOrderModel()
    seen = recorder(model)
    assert model.suggest("caller.phones", ["13916728845"], 0.95, "assistant", "segment 7")
    assert model.get("caller.phones") == ["13916728845"]
    assert model.is_suggested("caller.phones")
    assert model.suggestion("caller.phones").evidence == "segment 7"
    assert seen == [("caller.phones", ["13916728845"], "assistant")]
    model.confirm("caller.phones")
    assert not model.is_suggested("caller.phones") and model.typed_by_operator("caller.phones")


def test_what_the_operator_typed_is_never_overwritten_only_offered():
    model = WorkOrderModel()
    model.set("caller.name", "陈先生")
    assert not model.suggest("caller.name", "王先生", 0.99, "assistant")
    assert model.get("caller.name") == "陈先生"
    assert model.suggestion("caller.name").value == "王先生"  # waits beside the field
    model.accept("caller.name")  # the operator takes it
    assert model.get("caller.name") == "王先生" and not model.is_suggested("caller.name")


def test_a_weak_suggestion_is_offered_not_filled_and_a_withdrawn_one_is_cleared():
    model = WorkOrderModel()
    assert not model.suggest("place.district_code", "310110", 0.3, "assistant")
    assert model.get("place.district_code") is None
    model.suggest("matter_code", "0101020102", 0.8, "assistant")
    model.withdraw("matter_code")  # the caller corrected themselves
    assert model.get("matter_code") is None and model.suggestion("matter_code") is None
    model.set("title", "门口积水")
    model.suggest("title", "别的标题", 0.9, "assistant")
    model.withdraw("title")
    assert model.get("title") == "门口积水"  # typed text stays


def test_a_later_suggestion_replaces_an_earlier_one_the_operator_did_not_touch():
    model = WorkOrderModel()
    model.suggest("place.district_code", "310108", 0.8, "assistant")  # 闸北 → 静安…
    model.suggest("place.district_code", "310106", 0.9, "assistant")  # "不是闸北，是静安"
    assert model.get("place.district_code") == "310106"


def test_update_takes_the_forms_state_and_marks_only_what_was_typed():
    model = WorkOrderModel()
    model.suggest("title", "门口积水", 0.9, "assistant")
    model.update({"title": "门口积水", "content": "积水很深", "caller": {"phones": []}},
                 typed=("content",))
    assert model.typed_by_operator("content") and not model.typed_by_operator("title")
    assert model.is_suggested("title")
    assert model.dirty


def test_to_order_and_errors_by_path():
    model = WorkOrderModel()
    errors = model.errors()
    assert errors["appeal_type"] == "请选择诉求类型"
    for path, value in (("appeal_type", "consultation"), ("caller.phones", ["13912345678"]),
                        ("matter_code", "0101020102"), ("content", "门口积水很深，无法通行。")):
        model.set(path, value)
    assert "appeal_type" not in model.errors()
    order = model.to_order()
    assert order.caller.phones == ["13912345678"] and order.appeal_type == "consultation"


def test_unknown_paths_are_refused():
    with pytest.raises(KeyError):
        WorkOrderModel().set("caller.age", 80)
    assert "place.district_code" in FIELDS
