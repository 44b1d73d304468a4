"""The data shipped with the package (catalog, departments, gazetteer, KB corpus, speech
samples, translations), for the desktop and the server alike.

It sits in `resources/` at the top of a source checkout and inside the package
(`agent_desktop/resources`) once installed from a wheel or frozen by PyInstaller.
"""

from __future__ import annotations

import sys
from pathlib import Path

_PKG = Path(__file__).resolve().parent


def resources_dir() -> Path:
    for candidate in (
        _PKG / "resources",
        _PKG.parent / "resources",
        Path(getattr(sys, "_MEIPASS", _PKG)) / "agent_desktop" / "resources",
    ):
        if (candidate / "catalog").is_dir():
            return candidate
    raise FileNotFoundError(f"agent-desktop resources not found next to {_PKG}")


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
