"""Dialogs awaited from coroutines without a nested event loop.

`QDialog.exec()` (and `qasync.asyncWrap(dialog.exec)`) runs a second Qt event loop inside
the first; asyncio tasks that run inside it lose their running loop, and httpx/anyio then
fail with "no running event loop" (signing in to a real server crashed that way). These
helpers open the dialog window-modally with `open()` and await its `finished` signal, so
every task keeps running on the one qasync loop.
"""

from __future__ import annotations

import asyncio

from PySide6.QtWidgets import QDialog, QMessageBox, QWidget


async def run_dialog(dialog: QDialog) -> int:
    """Show `dialog` (window-modal when it has a parent, else application-modal) and
    return its result code once it is closed."""
    loop = asyncio.get_running_loop()
    done: asyncio.Future[int] = loop.create_future()

    def finished(result: int) -> None:
        if not done.done():
            done.set_result(result)

    dialog.finished.connect(finished)
    dialog.open()
    dialog.raise_()
    dialog.activateWindow()
    try:
        return await done
    finally:
        dialog.finished.disconnect(finished)


async def ask(parent: QWidget | None, title: str, text: str,
              buttons: list[tuple[str, QMessageBox.ButtonRole]],
              icon: QMessageBox.Icon = QMessageBox.Icon.Question,
              default: int = 0) -> int:
    """A message box with the given (text, role) buttons; returns the index of the button
    pressed, or -1 when the box was closed otherwise (Esc)."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    made = [box.addButton(label, role) for label, role in buttons]
    if made:
        box.setDefaultButton(made[default])
    await run_dialog(box)
    clicked = box.clickedButton()
    box.deleteLater()
    return made.index(clicked) if clicked in made else -1


async def inform(parent: QWidget | None, title: str, text: str,
                 icon: QMessageBox.Icon = QMessageBox.Icon.Critical) -> None:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    await run_dialog(box)
    box.deleteLater()
