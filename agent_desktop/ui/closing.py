"""Top-level windows the workspace closes: the title bar, Alt+F4 or Ctrl+Q only ask
(`close_requested`); the workspace calls `allow_close()` and `close()` once nothing
would be lost (unsent orders are named first)."""

from __future__ import annotations

from PySide6.QtGui import QCloseEvent


class ClosedByWorkspace:
    """Mixin before QMainWindow; the class defines `close_requested = Signal()`."""

    _may_close = False

    def allow_close(self) -> None:
        self._may_close = True

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if not self._may_close:
            event.ignore()
            self.close_requested.emit()  # type: ignore[attr-defined]
            return
        super().closeEvent(event)  # type: ignore[misc]
