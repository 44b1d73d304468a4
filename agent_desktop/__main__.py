"""`python -m agent_desktop` is the same as the `agent-desktop` command."""

from agent_desktop.cli import main

raise SystemExit(main())
