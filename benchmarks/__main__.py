"""Run every benchmark, each in its own process so peak-memory figures stay separate.

python -m benchmarks            # all of them (make bench)
python -m benchmarks gaps maps  # some of them
"""

from __future__ import annotations

import subprocess
import sys

BENCHMARKS = (
    "gaps",
    "maps",
    "load",
    "load_households",
    "hostile",
    "http",
    "lookup",
    "search",
    "downloads",
    "reports",
    "pgstore",
    "tiles",
)


def main() -> int:
    """Run the named benchmarks (all by default); return non-zero if any failed."""
    names = sys.argv[1:] or list(BENCHMARKS)
    unknown = sorted(set(names) - set(BENCHMARKS))
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; choose from {', '.join(BENCHMARKS)}")
        return 2
    failed = []
    for name in names:
        print(f"\n=== benchmarks.{name} ===", flush=True)
        if subprocess.run([sys.executable, "-m", f"benchmarks.{name}"]).returncode:
            failed.append(name)
    if failed:
        print(f"\nfailed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
