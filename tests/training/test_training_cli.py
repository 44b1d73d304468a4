import json

from agent_desktop.cli import main
from agent_desktop.training.scenarios import load_all


def test_list_and_score_print_json(tmp_path, capsys):
    assert main(["train", "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) >= 30 and {"id", "title", "appeal_type", "difficulty"} <= set(rows[0])
    s = load_all()["gas-smell-quyang"]
    order = tmp_path / "order.json"
    order.write_text(s.expected_order.model_dump_json(), encoding="utf-8")
    assert main(["train", "score", s.id, str(order), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["total"] == 100 and {"name", "score", "max", "evidence", "expected"} <= set(out["criteria"][0])
    assert main(["train", "score", "nope", str(order)]) == 2
