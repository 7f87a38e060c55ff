"""Run the benchmarks and write docs/benchmarks.md: `python -m bench [AREA ...] [--quick]`."""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import os
import pkgutil
import sys
import time
from pathlib import Path

from bench.common import ROOT, machine


def areas() -> list[str]:
    folder = Path(__file__).parent
    return sorted(
        m.name[len("bench_") :]
        for m in pkgutil.iter_modules([str(folder)])
        if m.name.startswith("bench_")
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("areas", nargs="*", help=f"some of: {', '.join(areas())}")
    parser.add_argument("--quick", action="store_true", help="tiny sizes, for a smoke test")
    parser.add_argument("--output", default=str(ROOT / "docs" / "benchmarks.md"))
    args = parser.parse_args()
    chosen = args.areas or areas()
    store = ROOT / "docs" / "benchmarks"
    store.mkdir(parents=True, exist_ok=True)
    for area in chosen:
        module = importlib.import_module(f"bench.bench_{area}")
        started, load_before = time.monotonic(), os.getloadavg()[0]
        print(f"== {area}", file=sys.stderr, flush=True)
        section = module.run(quick=args.quick)
        print(f"   {time.monotonic() - started:.0f} s", file=sys.stderr, flush=True)
        if args.quick:
            print(section)
        else:
            after = os.getloadavg()[0]
            load = f"load average {load_before:.1f} at the start, {after:.1f} at the end"
            stamp = f"\n\n_Measured {dt.date.today().isoformat()} on {machine()}; {load}._\n"
            (store / f"{area}.md").write_text(section.strip() + stamp, encoding="utf-8")
    if args.quick:
        return 0
    # docs/benchmarks.md gathers the latest section of every area (areas run separately keep
    # their own date and machine line).
    sections = [
        (store / f"{a}.md").read_text(encoding="utf-8")
        for a in areas()
        if (store / f"{a}.md").exists()
    ]
    header = (
        f"# Benchmarks\n\nMeasured {dt.date.today().isoformat()} on {machine()}.\n"
        "Produced by `make bench` (`python -m bench`); each section names its baseline, "
        "measured in the same run, and the date and machine it was measured on.\n"
    )
    text = header + "\n" + "\n\n".join(s.strip() for s in sections) + "\n"
    Path(args.output).write_text(text, encoding="utf-8")
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
