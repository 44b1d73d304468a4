"""The team lead's board (班组长看板): tiles, the agent grid, orders near or past their
deadline, hot topics with notices, and a live chart. Widgets bind to
`agent_desktop.board.BoardModel`; `BoardWindow` puts them together (and, with
`wallboard=True`, is the full-screen big-font view for the hall)."""

from .window import BoardWindow

__all__ = ["BoardWindow"]
