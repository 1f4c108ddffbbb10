"""The machine a benchmark ran on, written next to every result (results are only comparable
on the same machine)."""

from __future__ import annotations

import os
import platform
from pathlib import Path


def describe() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    nproc = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {"nproc": nproc, "cpu": cpu, "python": platform.python_version(),
            "system": f"{platform.system()} {platform.release()}", "arch": platform.machine()}


def summary() -> str:
    m = describe()
    return f"{m['nproc']} cores, {m['cpu']}, Python {m['python']}, {m['system']} ({m['arch']})"
