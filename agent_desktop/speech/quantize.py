"""Store a CTranslate2 Whisper model's weights as int8 on disk, once.

The packaged Whisper base weights are float16; loading them with compute_type="int8"
converts every matrix in memory at each start: a bare load peaks at 328 MB and takes
~0.7 s. Written as int8 once (at the first start, after the parts are joined), the model
loads in ~0.4 s and peaks at 189 MB (measured here), which keeps the workspace under
500 MB; it recognises the same (bench_speech: CER 0.052 vs 0.055 at 16 kHz, 0.107 vs
0.106 at 8 kHz).

It reads model.bin (CTranslate2's binary layout: version, spec name, revision, then the
named arrays and the aliases), fills a `WhisperSpec` and lets CTranslate2 quantize and
serialize it. These are CTranslate2's own spec classes but not its documented API: any
failure leaves the float16 model in use (and tests/speech/test_quantize.py fails, so an
upgrade that breaks it is noticed).
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import struct
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

_DTYPES = ("float32", "int8", "int16", "int32", "float16", "bfloat16")


def _read_model(path: Path) -> tuple[dict[str, np.ndarray], dict[str, str]]:
    variables: dict[str, np.ndarray] = {}
    aliases: dict[str, str] = {}
    with open(path, "rb") as f:
        def number(fmt: str) -> int:
            return struct.unpack(fmt, f.read(struct.calcsize(fmt)))[0]

        def text() -> str:
            return f.read(number("H"))[:-1].decode()

        number("I"), text(), number("I")  # binary version, spec name, spec revision
        for _ in range(number("I")):
            name = text()
            shape = [number("I") for _ in range(number("B"))]
            dtype = _DTYPES[number("B")]
            variables[name] = np.frombuffer(f.read(number("I")), dtype=dtype).reshape(shape)
        for _ in range(number("I")):
            alias = text()
            aliases[alias] = text()
    return variables, aliases


def _layers(variables: dict[str, np.ndarray], stack: str) -> int:
    """How many layers `stack` ("encoder"/"decoder") has: the highest layer_N + 1."""
    numbers = (name.split("/")[1].removeprefix("layer_") for name in variables
               if name.startswith(f"{stack}/layer_"))
    return 1 + max(int(n) for n in numbers if n.isdigit())


def quantize_int8(source: Path, target: Path, heads: int = 8) -> bool:
    """Write the Whisper model folder `source` as int8 into `target` (atomically: a
    temporary folder, then renamed). `heads`: attention heads (8 for Whisper base).
    True on success or when `target` is already there."""
    if (target / "model.bin").exists():
        return True
    from ctranslate2.specs import model_spec, whisper_spec

    tmp = target.with_name(f"{target.name}.tmp-{os.getpid()}")
    try:
        variables, aliases = _read_model(source / "model.bin")
        heads = json.loads((source / "config.json").read_text()).get("num_heads", heads)
        spec = whisper_spec.WhisperSpec(_layers(variables, "encoder"), heads,
                                        _layers(variables, "decoder"), heads)
        index: dict[str, object] = {}
        spec._visit(lambda sub, name, _value: index.__setitem__(name, sub))
        for name, array in variables.items():
            if name in index:
                setattr(index[name], model_spec._split_scope(name)[-1],
                        model_spec.NumpyVariable(array.copy()))
        for alias, name in aliases.items():
            if alias in index:
                setattr(index[alias], model_spec._split_scope(alias)[-1], name)
        del variables
        spec._quantize("int8")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        for item in source.iterdir():
            if item.name != "model.bin" and item.is_file():
                shutil.copy(item, tmp / item.name)
        spec._serialize(str(tmp / "model.bin"))
        os.replace(tmp, target)
        return True
    except Exception:  # noqa: BLE001 - the float16 model keeps working
        log.warning("could not store the speech model as int8; using float16",
                    exc_info=True)
        shutil.rmtree(tmp, ignore_errors=True)
        return False
