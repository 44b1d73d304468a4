"""Speech recognition of both sides of a call: the live transcript (语音转写).

- `engine`: the `SpeechEngine` interface, `SpeechConfig` and the backend registry
  (`faster-whisper` local, `openai` central server);
- `stream.Transcriber`: PCM per speaker in (`feed(speaker, pcm, rate, t)`), `Segment`s out;
- `source.SimulatedCall`: plays WAV files into a transcriber in real time;
- `bias`: hotline vocabulary prompt and pinyin post-correction;
- `audio`, `vad`, `text`, `models`: the parts.

Nothing here imports Qt; inference runs on worker threads.
"""

from .engine import Recognition, SpeechConfig, SpeechEngine, create_engine, register_engine
from .source import SimulatedCall
from .stream import Transcriber
from .transcript import Segment, Transcript

__all__ = ["Recognition", "Segment", "SimulatedCall", "SpeechConfig", "SpeechEngine",
           "Transcriber", "Transcript", "create_engine", "register_engine"]
