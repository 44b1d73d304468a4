"""Where the desktop keeps things: the user's data and config directories, and (from
`agent_desktop.packaged`) the data shipped with the package."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from agent_desktop.packaged import resource, resources_dir  # noqa: F401 - re-exported

APP_NAME = "agent-desktop"


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
