"""Transcript segments: what they carry and how they round-trip."""

from __future__ import annotations

from agent_desktop.speech.transcript import Segment, SpanCorrection, Transcript


def test_segment_keeps_language_and_corrections_through_json(tmp_path):
    s = Segment("caller", 0.0, 2.5, "My street light is broken.", True, 0.8, "u1",
                language="en")
    fix = SpanCorrection(3, 6, "新乔镇", "新桥镇", "sounds like the street term 新桥镇")
    z = Segment("caller", 3.0, 5.0, "松江区新桥镇", True, 0.7, "u2", corrections=(fix,))
    t = Transcript()
    t.add(s)
    t.add(z)
    back = Transcript.load(t.save(tmp_path / "t.json"))
    assert [x.language for x in back.segments] == ["en", "zh"]
    assert back.segments[1].corrections == (fix,)
    saved = t.to_dict()["segments"][1]["corrections"]
    assert saved == [{"start": 3, "end": 6, "heard": "新乔镇", "corrected": "新桥镇",
                      "reason": "sounds like the street term 新桥镇"}]
    assert Segment.from_dict({"speaker": "caller", "start": 0, "end": 1, "text": "好"}).language == "zh"


def test_transcripts_saved_before_issue_13_still_load():
    old = {"speaker": "caller", "start": 0, "end": 1, "text": "松江区新桥镇",
           "corrections": [["新乔镇", "新桥镇"]]}
    (c,) = Segment.from_dict(old).corrections
    assert (c.heard, c.corrected, c.start) == ("新乔镇", "新桥镇", -1)
    # pairs passed by older callers become span corrections too
    assert Segment("caller", 0, 1, "x", True, 1.0, corrections=(("a", "b"),)
                   ).corrections[0].corrected == "b"
