"""The `agent-desktop` command: no subcommand runs the desktop app; subcommands run the
reference server and the tools of each package.

Each package that offers a subcommand has a `cli` module with `register(subparsers)`,
which adds its parser and sets `func(args) -> int`. They are imported lazily so that
`agent-desktop server` never loads Qt and the app never loads the server's web stack
until it needs them.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

from agent_desktop import __version__

COMMAND_MODULES = (
    "agent_desktop.server.cli",
    "agent_desktop.kb.cli",
    "agent_desktop.geo.cli",
    "agent_desktop.speech.cli",
    "agent_desktop.assist.cli",
    "agent_desktop.board.cli",
    "agent_desktop.training.cli",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="agent-desktop",
        description="12345 hotline operator workspace. Without a subcommand, runs the app.",
    )
    parser.add_argument("--version", action="version", version=f"agent-desktop {__version__}")
    parser.add_argument(
        "--self-check",
        action="store_true",
        help="start the app offscreen against its embedded server, log in, open the main "
        "window, and exit 0 only if every service came up",
    )
    parser.add_argument("--user", choices=["operator1", "lead1", "trainer1"],
                        help="with --self-check: the demo user to check as (lead1: the team "
                        "lead's board; trainer1: the trainer's view)")
    parser.add_argument("--server-url", help="hotline server to use (default: from config, "
                        "else an embedded server with demo data)")
    parser.add_argument("--lang", choices=["zh_CN", "en"], help="UI language (default zh_CN)")
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    if args.command:
        return int(args.func(args) or 0)
    from agent_desktop.app import run_app

    return run_app(args)
