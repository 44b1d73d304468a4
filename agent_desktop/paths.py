"""Where things live: bundled resources, the user's data and config directories.

Resources sit in `resources/` at the top of a source checkout and inside the package
(`agent_desktop/resources`) once installed from a wheel or frozen by PyInstaller.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "agent-desktop"
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


def data_dir() -> Path:
    """User data (databases, outbox, drafts, caches). AGENT_DESKTOP_DATA_DIR overrides."""
    override = os.environ.get("AGENT_DESKTOP_DATA_DIR")
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_dir() -> Path:
    override = os.environ.get("AGENT_DESKTOP_CONFIG_DIR")
    path = Path(override) if override else Path(platformdirs.user_config_dir(APP_NAME, False))
    path.mkdir(parents=True, exist_ok=True)
    return path
