"""Process pools for the per-article stages (`--jobs N`) that stop cleanly on Ctrl-C.

A terminal sends Ctrl-C (SIGINT) to every process of the foreground group: the build and its
worker processes alike. A worker that took it would die with a traceback, and the pool could
then wait for ever for work that no process will do. So the workers ignore SIGINT (it is
blocked while they start, then ignored), and only the parent acts on it: leaving a
`process_pool` block by an exception (KeyboardInterrupt, or any other) cancels the work not yet
started, ends the workers, and lets no internal thread of the pool hold up the exit. The command
then prints its one line and exits with 130 (`dossier.cli`).

    with process_pool(jobs) as pool:
        for result in pool.map(function, items, chunksize=n):
            ...
"""

from __future__ import annotations

import signal
import threading
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Iterator

_CAN_BLOCK = hasattr(signal, "pthread_sigmask") and hasattr(signal, "SIGINT")


def _ignore_interrupts() -> None:
    """Run first in every worker: Ctrl-C is the parent's to act on."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if _CAN_BLOCK:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _nothing() -> None:
    return None


@contextmanager
def process_pool(jobs: int) -> Iterator[ProcessPoolExecutor]:
    """A `ProcessPoolExecutor` of `jobs` workers that ignore Ctrl-C; on leaving the block by an
    exception, what is pending is cancelled and the workers are ended before it propagates."""
    block = _CAN_BLOCK and threading.current_thread() is threading.main_thread()
    if block:
        # Workers start with SIGINT blocked (a fork keeps the mask; the signal pending in the
        # parent stays the parent's), so one cannot die of Ctrl-C before it ignores it.
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    pool = None
    try:
        pool = ProcessPoolExecutor(max_workers=jobs, initializer=_ignore_interrupts)
        pool.submit(_nothing)  # start the workers now, while SIGINT is blocked
        if block:
            block = False
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # a Ctrl-C received meanwhile is raised now
    except BaseException:
        if pool is not None:
            _abandon(pool)
        if block:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
        raise
    try:
        yield pool
        pool.shutdown(wait=True)
    except BaseException:
        _abandon(pool)
        raise


def _abandon(pool: ProcessPoolExecutor) -> None:
    """Cancel what has not started, end the workers, and wait for the pool's own thread to
    finish, so that nothing waits at exit for work that will never be read. A second Ctrl-C
    meanwhile is ignored: the build is already stopping, and the cleanup must not be cut short."""
    shield = threading.current_thread() is threading.main_thread() and hasattr(signal, "SIGINT")
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if shield else None
    try:
        _end(pool)
    finally:
        if shield:
            signal.signal(signal.SIGINT, previous)


def _end(pool: ProcessPoolExecutor) -> None:
    # `shutdown` forgets these: take them first.
    processes = list((getattr(pool, "_processes", None) or {}).values())
    queue = getattr(pool, "_call_queue", None)
    manager = getattr(pool, "_executor_manager_thread", None)
    if queue is not None:
        # Its feeder thread may be blocked writing work that no worker will read: never join it.
        queue.cancel_join_thread()
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        try:
            process.terminate()
        except (OSError, ValueError, AttributeError):
            pass
    for process in processes:
        try:
            process.join(10)
            if process.is_alive():
                process.kill()
                process.join(10)
        except (OSError, ValueError, AttributeError, AssertionError):
            pass
    if manager is not None and manager is not threading.current_thread():
        # The pool's thread sees its workers gone and closes its pipes; once it has, the exit
        # handler of concurrent.futures finds nothing to wake (Python 3.11 could race there).
        manager.join(10)
