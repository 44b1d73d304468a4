"""Process-wide memory allocator settings: keep the desktop app's resident memory small.

glibc's malloc gives every thread that allocates its own arena (up to 8 × cores), and
frees memory back to the system only from the top of the main heap. The app starts many
threads (asyncio.to_thread for the gazetteer and the knowledge base, the speech model's
loader, Qt's threads), so the peaks of start-up stay resident in arenas nobody reuses.

    from agent_desktop import memory
    memory.configure_allocator()   # first thing in main, before any thread starts
    ...load the big things...
    memory.trim()                  # give freed heap pages back to the system

Both are no-ops (returning None) where the C library is not glibc (macOS, Windows, musl).
`MALLOC_ARENA_MAX` set in the environment wins over `configure_allocator`'s default;
`AGENT_DESKTOP_MALLOC=system` turns both off (to measure, or to rule them out).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
import sys
from functools import lru_cache

log = logging.getLogger(__name__)

ARENA_MAX = 2  # main arena + one for all other threads
M_ARENA_MAX = -8  # glibc <malloc.h>


@lru_cache(maxsize=1)
def _glibc() -> ctypes.CDLL | None:
    if os.environ.get("AGENT_DESKTOP_MALLOC") == "system" or not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.gnu_get_libc_version.restype = ctypes.c_char_p
        libc.gnu_get_libc_version()
        libc.mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
        libc.mallopt.restype = ctypes.c_int
        libc.malloc_trim.argtypes = [ctypes.c_size_t]
        libc.malloc_trim.restype = ctypes.c_int
    except (OSError, AttributeError):  # musl or another libc: no gnu_get_libc_version/mallopt
        return None
    return libc


def is_glibc() -> bool:
    return _glibc() is not None


def configure_allocator(arena_max: int = ARENA_MAX) -> bool | None:
    """Limit glibc's malloc arenas. Call before threads start (later calls still apply to
    arenas not yet created). True when set, False when glibc refused, None off glibc or
    when MALLOC_ARENA_MAX is already set in the environment."""
    libc = _glibc()
    if libc is None or os.environ.get("MALLOC_ARENA_MAX"):
        return None
    ok = bool(libc.mallopt(M_ARENA_MAX, int(arena_max)))
    if not ok:
        log.warning("mallopt(M_ARENA_MAX, %s) failed", arena_max)
    return ok


def trim() -> bool | None:
    """Return free heap memory to the system (malloc_trim(0)), e.g. after a big load.
    True when some memory was released, False when none could be, None off glibc."""
    libc = _glibc()
    if libc is None:
        return None
    return bool(libc.malloc_trim(0))


def rss_mb() -> float | None:
    """This process's resident set size now, in MB (Linux), else None."""
    try:
        with open("/proc/self/statm", "rb") as f:
            pages = int(f.read().split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
