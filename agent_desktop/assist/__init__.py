"""Agent assist (智能填单): listens to the call and drafts the work order.

Transcript segments go in as they arrive; out comes a suggested order whose every field
carries a value, a confidence and its evidence (the words it came from). The workspace
shows the suggestions in the form without overwriting what the operator typed; at
hang-up the title, the request and the content are written. Plain Python: no Qt.
"""

from .assistant import CallAssistant, analyse_transcript, apply_to_model
from .draft import Draft, Evidence, Guess, MatterGuess

__all__ = ["CallAssistant", "Draft", "Evidence", "Guess", "MatterGuess", "analyse_transcript",
           "apply_to_model"]
