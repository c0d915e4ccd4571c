"""`make bench`: every benchmark, each printing ratios against a reference measured in the same run."""

from __future__ import annotations

import importlib
import sys

# Each module has run(); they are run in this order. A module that is not there yet is named, not hidden.
BENCHMARKS = [
    "programme_search",
    "signal_scan",
    "slack_ack",
    "reports",
    "absence",
    "concurrency",
    "api_lists",
    "console_load",
    "agenda",
]


def main(names: list[str]) -> int:
    """Run the named benchmarks (default: all)."""
    for name in names or BENCHMARKS:
        print(f"\n=== {name} ===", flush=True)
        importlib.import_module(f"benchmarks.{name}").run()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
