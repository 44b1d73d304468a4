"""Quality evaluation of real calls (质检), plain Python.

- `forms`: evaluation forms as data (resources/qa/forms/*.json): sections of weighted
  questions, yes/no/N-A or a scale, critical questions that fail the whole evaluation;
- `auto`: answers what can be answered from the call's transcript and its work order
  (greeting, closing, phone read back, five elements asked, address, matter consistent
  with the content, …), each with its evidence;
- `scoring`: an evaluation's score, and how often the automatic answers agree with the
  reviewers' per question.
"""

from .auto import auto_answers
from .forms import Form, Question, load_forms
from .scoring import agreement, evaluation_score

__all__ = ["Form", "Question", "agreement", "auto_answers", "evaluation_score", "load_forms"]
