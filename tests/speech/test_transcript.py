"""Transcript segments: what they carry and how they round-trip."""

from __future__ import annotations

from agent_desktop.speech.transcript import Segment, Transcript


def test_segment_keeps_language_and_corrections_through_json(tmp_path):
    s = Segment("caller", 0.0, 2.5, "My street light is broken.", True, 0.8, "u1",
                language="en")
    z = Segment("caller", 3.0, 5.0, "松江区新桥镇", True, 0.7, "u2",
                corrections=(("新乔镇", "新桥镇"),))
    t = Transcript()
    t.add(s)
    t.add(z)
    back = Transcript.load(t.save(tmp_path / "t.json"))
    assert [x.language for x in back.segments] == ["en", "zh"]
    assert back.segments[1].corrections == (("新乔镇", "新桥镇"),)
    assert Segment.from_dict({"speaker": "caller", "start": 0, "end": 1, "text": "好"}).language == "zh"
