"""A trainee's progress for the trainer's chart (training.progress), on attempts scored by
the real scoring."""

from agent_desktop.training.progress import criterion_shares, totals_over_time
from agent_desktop.training.scenarios import load_all
from agent_desktop.training.scoring import score


def _attempt(trainee: str, when: str, order) -> dict:
    s = load_all()["manhole-missing-yinhang"]
    result = score(s, order).to_dict()
    return {"trainee": trainee, "created_at": when, **result}


def test_totals_in_time_order_and_criterion_shares():
    s = load_all()["manhole-missing-yinhang"]
    good = s.expected_order
    bad = good.model_copy(update={"matter_code": "0501010101"})
    attempts = [_attempt("operator1", "2026-12-05T10:00:00+00:00", good),
                _attempt("operator1", "2026-12-04T10:00:00+00:00", bad),
                _attempt("operator2", "2026-12-03T10:00:00+00:00", bad)]
    series = totals_over_time(attempts, "operator1")
    assert [t.day for t, _ in series] == [4, 5] and series[0][1] < series[1][1]
    shares = dict(criterion_shares(attempts, "operator1"))
    assert shares["事项分类"] == 0.5 and shares["所属区"] == 1.0
    assert "开头语" not in shares  # no transcript: not assessed
