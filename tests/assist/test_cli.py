"""`agent-desktop assist TRANSCRIPT.json --json` as a process."""

from __future__ import annotations

import json
import subprocess
import sys

from agent_desktop.speech.transcript import Transcript

from .conftest import segments
from .test_assistant import DEMO


def test_prints_one_json_object(tmp_path):
    path = Transcript(segments=segments(*DEMO), call_id="c1").save(tmp_path / "c1.json")
    out = subprocess.run([sys.executable, "-m", "agent_desktop", "assist", str(path), "--json"],
                         capture_output=True, text=True, timeout=120, check=True)
    result = json.loads(out.stdout)
    assert result["caller"]["phones"] == ["13916728845"]
    assert result["place"]["district_code"] == "310104"
    assert result["appeal_type"] == "complaint"
    assert [m["code"] for m in result["matters"]][0].startswith("0101")
    assert result["content"].startswith("来电人反映：")


def test_a_file_that_is_not_a_transcript_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "agent_desktop", "assist", str(bad)],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 2 and "cannot read" in out.stderr
