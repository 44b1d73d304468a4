"""Model management: the split weight file is joined once, atomically."""

from __future__ import annotations

import os

import pytest

from agent_desktop.speech import models


def test_assembled_model_is_complete(model_dir):
    assert (model_dir / "model.bin").stat().st_size == sum(
        (models._package_data(pkg) / name).stat().st_size
        for pkg, name in models.PACKAGED_MODELS["whisper-base"].parts)
    for name in models.MODEL_FILES:
        assert (model_dir / name).exists()
    assert not [p for p in model_dir.iterdir() if ".tmp" in p.name]


def test_assemble_is_a_no_op_when_done_and_repairs_a_truncated_file(model_dir, tmp_path):
    packaged = models.PACKAGED_MODELS["whisper-base"]
    mtime = (model_dir / "model.bin").stat().st_mtime_ns
    assert models.assemble(packaged, model_dir) == model_dir
    assert (model_dir / "model.bin").stat().st_mtime_ns == mtime

    target = tmp_path / "broken"
    target.mkdir()
    (target / "model.bin").write_bytes(b"half a model")
    models.assemble(packaged, target)
    assert (target / "model.bin").stat().st_size == (model_dir / "model.bin").stat().st_size


def test_resolve_model_uses_the_data_dir_and_accepts_a_folder(model_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("AGENT_DESKTOP_DATA_DIR", str(tmp_path))
    os.makedirs(tmp_path / "models", exist_ok=True)
    os.symlink(model_dir, tmp_path / "models" / "whisper-base")
    assert models.resolve_model("whisper-base") == tmp_path / "models" / "whisper-base"
    assert models.resolve_model(str(model_dir)) == model_dir


def test_resolve_model_explains_what_is_wrong(tmp_path):
    with pytest.raises(models.ModelNotFound, match="unknown speech model"):
        models.resolve_model("whisper-huge")
    (tmp_path / "config.json").write_text("{}")
    with pytest.raises(models.ModelNotFound, match="missing model.bin"):
        models.resolve_model(str(tmp_path))
