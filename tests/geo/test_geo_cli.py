"""`agent-desktop geo locate "TEXT" --json`."""

import argparse
import json

from agent_desktop.geo import cli


def run(argv, capsys):
    parser = argparse.ArgumentParser(prog="agent-desktop")
    cli.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    code = args.func(args)
    return code, capsys.readouterr().out


def test_locate_json_has_codes(capsys):
    code, out = run(["geo", "locate", "杨浦区长海路街道这边", "--json"], capsys)
    assert code == 0
    data = json.loads(out)
    best = data["candidates"][0]
    assert (best["district_code"], best["street_code"]) == ("310110", "310110021")
    assert len(best["district_code"]) == 6 and len(best["street_code"]) == 9
    assert data["city"] == "上海市"


def test_locate_road_only_says_not_resolved_offline(capsys):
    code, out = run(["geo", "locate", "营口路那边"], capsys)
    assert code == 0
    assert "not resolved offline: 营口路" in out


def test_registered_in_the_main_command():
    from agent_desktop.cli import build_parser

    parser = build_parser()
    args = parser.parse_args(["geo", "locate", "七宝", "--json"])
    assert args.func is cli.run_locate
