"""`agent-desktop board [--wallboard]`: the app opened on the team lead's board (on the
embedded server, signed in as the demo lead); `--wallboard` is the full-screen big-font
view for the hall's screen."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    board = subparsers.add_parser(
        "board", help="the team lead's board (agents, deadlines, hot topics)",
        description="Open the team lead's board instead of the operator workspace.")
    board.add_argument("--wallboard", action="store_true",
                       help="full screen, large type, no buttons: for a screen in the hall")
    board.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    from agent_desktop.app import run_app

    args.board = True
    return run_app(args)
