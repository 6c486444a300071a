"""The generator's performance machinery, in one place: the profile of a build (off unless
asked for) and the cycle collector's pause while data files are read.

Each measure that justifies a choice here is in ``benchmarks/results/``, not in a comment:
numbers go stale, the reasons do not.
"""

from __future__ import annotations

import gc
import resource
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager

IMPORT_STARTED = time.process_time()
"""CPU clock when the package began to load (``generator/__init__`` imports this module
first): a profile counts the generator's import."""

PROFILE_VARIABLE = "GENERATOR_PROFILE"
"""Environment variable read by mkdocs.yml (``profile: !ENV [GENERATOR_PROFILE, false]``):
``true`` logs the profile of each build."""


class StepClock:
    """CPU time the generator spends in its own hooks, by step: what it adds to MkDocs' own
    work, measured inside the build (unlike a second, baseline build, it is not moved by
    whatever else the machine is doing). Disabled, it measures and reports nothing."""

    def __init__(self, *, enabled: bool, import_seconds: float = 0.0) -> None:
        self.enabled = enabled
        self.seconds: dict[str, float] = defaultdict(float)
        if enabled and import_seconds:
            self.seconds["chargement du code"] = import_seconds

    @contextmanager
    def __call__(self, step: str) -> Iterator[None]:
        if not self.enabled:
            yield
            return
        started = time.process_time()
        try:
            yield
        finally:
            self.seconds[step] += time.process_time() - started

    def report(self) -> str | None:
        """The log line of a profiled build (read by ``benchmarks/run.py``), else None."""
        if not self.enabled:
            return None
        steps = ", ".join(f"{step} {seconds:.2f}" for step, seconds in self.seconds.items())
        # ru_maxrss is in KiB on Linux: this process only, not Pagefind's.
        peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        return (f"Générateur : {sum(self.seconds.values()):.2f} s de calcul ({steps}) ; "
                f"mémoire max du build {peak_mib:.0f} Mio.")


@contextmanager
def cycle_collector_paused() -> Iterator[None]:
    """Parsing and validating allocate a great many objects and no reference cycles: the
    cycle collector would only walk the growing heap again and again. It runs again
    afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
