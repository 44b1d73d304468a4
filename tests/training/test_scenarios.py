import json
from collections import Counter

import pytest

from agent_desktop.training.scenarios import ScenarioError, load_all, scenarios_dir


def test_every_scenario_is_valid_and_the_set_covers_types_and_domains():
    scenarios = load_all()
    assert len(scenarios) >= 30
    types = Counter(s.appeal_type for s in scenarios.values())
    assert set(types) == {"consultation", "help", "complaint", "report", "suggestion", "praise"}
    assert len({s.domain_code for s in scenarios.values()}) >= 10
    assert {"easy", "medium", "hard"} <= {s.difficulty for s in scenarios.values()}
    tags = {t for s in scenarios.values() for t in s.tags}
    assert {"corrects_district", "two_issues", "angry", "fraud", "emergency"} <= tags
    assert scenarios["customs-scam-warning"].line("opening").count("海关") == 1


def test_bad_codes_are_reported_with_file_and_id(tmp_path):
    first = sorted(scenarios_dir().glob("*.json"))[0]
    good = json.loads(first.read_text(encoding="utf-8"))["scenarios"][0]
    good["expected_order"]["matter_code"] = "0101"
    good["expected_order"]["place"]["street_code"] = "310104011"
    (tmp_path / "bad.json").write_text(json.dumps({"scenarios": [good]}), encoding="utf-8")
    with pytest.raises(ScenarioError) as e:
        load_all(tmp_path)
    msg = str(e.value)
    assert f"bad.json: {good['id']}: matter 0101 is not a catalog leaf" in msg
    assert "street 310104011 is not in district" in msg
