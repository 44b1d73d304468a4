"""`agent-desktop kb …` from the command line."""

import json

from agent_desktop.cli import main


def test_search_json_works_out_of_the_box(capsys):
    assert main(["kb", "search", "房产证泡水了", "--json", "--limit", "3"]) == 0
    out, err = capsys.readouterr()
    results = json.loads(out)
    assert results[0]["id"] == "kb-demo-re-01"
    assert set(results[0]) == {"id", "title", "score"}
    assert len(results) == 3 and results[0]["score"] >= results[1]["score"]
    assert "demo corpus" in err


def test_entity_lookup(capsys):
    assert main(["kb", "entity", "浦江物业", "--json", "--limit", "1"]) == 0
    (hit,) = json.loads(capsys.readouterr().out)
    assert "浦江物业" in hit["name"] and len(hit["credit_code"]) == 18


def test_sync_then_search_local(server, capsys):
    assert main(["kb", "sync", "--server-url", server.url, "--username", "operator1",
                 "--password", "operator1-demo"]) == 0
    out = capsys.readouterr().out
    assert "received" in out
    assert main(["kb", "search", "预付卡 跑路", "--json"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)[0]["id"] == "kb-demo-cr-01"
    assert "demo corpus" not in err


def test_sync_errors_are_explained(server, capsys):
    assert main(["kb", "sync", "--server-url", server.url, "--username", "operator1",
                 "--password", "wrong"]) == 4
    assert "check username and password" in capsys.readouterr().err
    assert main(["kb", "sync", "--server-url", "http://127.0.0.1:9", "--password", "x"]) == 3


def test_eval(capsys, tmp_path):
    queries = tmp_path / "q.json"
    queries.write_text(json.dumps({"queries": [{"q": "路上积水", "relevant": ["kb-demo-wl-01"]}]}))
    assert main(["kb", "eval", str(queries)]) == 0
    assert json.loads(capsys.readouterr().out)["recall@3"] == 1.0
