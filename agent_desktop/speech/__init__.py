"""Speech recognition of both sides of a call: the live transcript (语音转写).

- `engine`: the `SpeechEngine` interface, `SpeechConfig` and the backend registry
  (`faster-whisper` local, `openai` central server);
- `stream.Transcriber`: PCM per speaker in (`feed(speaker, pcm, rate, t)`), `Segment`s out;
- `source.SimulatedCall`: plays WAV files into a transcriber in real time;
- `bias`: hotline vocabulary prompt and pinyin post-correction;
- `call_bias`: the final's prompt chosen from what the call has said (districts → towns);
- `lm`: a character n-gram LM of the project's own texts, rescoring the decoder's n-best;
- `guard`: corrections only on low-confidence stretches where the category fits;
- `audio`, `vad`, `text`, `models`: the parts.

Nothing here imports Qt; inference runs on worker threads.
"""

from .engine import Recognition, SpeechConfig, SpeechEngine, create_engine, register_engine
from .source import SimulatedCall
from .stream import Transcriber
from .transcript import Segment, Transcript

__all__ = ["Recognition", "Segment", "SimulatedCall", "SpeechConfig", "SpeechEngine",
           "Transcriber", "Transcript", "create_engine", "register_engine"]
