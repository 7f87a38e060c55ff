"""`irsuite roster solve INPUT.json [--time-limit S] [--greedy] --json`: solve an on-call roster."""

from __future__ import annotations

import json
import sys
import time
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from irsuite.domain.roster import (
    RosterInputError,
    SolveOptions,
    parse_problem,
    solve_greedy,
    solve_problem,
)


class Command(BaseCommand):
    help = "On-call rosters: `roster solve INPUT.json` prints the roster (see docs/roster.md)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        solve = sub.add_parser("solve", help="solve a roster problem given as JSON")
        solve.add_argument("input", help="the problem as a JSON file ('-' reads standard input)")
        solve.add_argument("--time-limit", type=float, default=60.0, help="seconds (default 60)")
        solve.add_argument("--workers", type=int, default=2, help="CP-SAT workers (default 2)")
        solve.add_argument("--greedy", action="store_true", help="use the greedy baseline")
        solve.add_argument("--json", action="store_true", help="print the whole result as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        data = self._read(options["input"])
        began = time.monotonic()

        def progress(message: str) -> None:
            sys.stderr.write(f"[{time.monotonic() - began:6.1f} s] {message}\n")
            sys.stderr.flush()

        try:
            problem = parse_problem(data)
        except RosterInputError as exc:
            raise CommandError(
                "The roster input is invalid:\n  " + "\n  ".join(str(e) for e in exc.errors)
            ) from exc
        if options["greedy"]:
            out = solve_greedy(problem)
        else:
            limits = SolveOptions(time_limit=options["time_limit"], num_workers=options["workers"])
            out = solve_problem(problem, limits, progress)
        if options["json"]:
            self.stdout.write(json.dumps(out, indent=2))
        else:
            self._summary(out)

    def _read(self, name: str) -> dict[str, Any]:
        try:
            text = sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8")
            data = json.loads(text)
        except OSError as exc:
            raise CommandError(f"Cannot read {name}: {exc.strerror}.") from exc
        except json.JSONDecodeError as exc:
            raise CommandError(f"{name} is not valid JSON (line {exc.lineno}): {exc.msg}.") from exc
        if not isinstance(data, dict):
            raise CommandError(f"{name} must hold one JSON object; see docs/roster.md.")
        return data

    def _summary(self, out: dict[str, Any]) -> None:
        self.stdout.write(f"status: {out['status']} in {out['solve_time_s']} s, gap {out['gap']}")
        for line in out["conflicts"]:
            self.stdout.write(f"  {line}")
        for kind, figures in out["fairness"].items():
            self.stdout.write(f"{kind}: spread {figures['spread']} per FTE")
        self.stdout.write(f"{len(out['assignments'])} duties assigned")
