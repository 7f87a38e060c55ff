"""`irsuite import-rdsr PATH...`: import DICOM dose reports from files or folders."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from irsuite.domain.rdsr import DoseReport, RdsrError
from irsuite.dose.services_import import ImportOutcome, ImportStatus, parse, store_parsed


def _files(paths: list[str]) -> list[Path]:
    found: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file()))
        elif path.is_file():
            found.append(path)
        else:
            raise CommandError(f"{name}: no such file or folder.")
    return found


def _parse_file(path: str) -> DoseReport | RdsrError:
    return parse(Path(path).read_bytes())


class Command(BaseCommand):
    help = "Import X-Ray Radiation Dose SR files (exit status 1 when any file is quarantined)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", help="files or folders (read recursively)")
        parser.add_argument("--json", action="store_true", help="print one JSON line per file")
        parser.add_argument(
            "--workers",
            type=int,
            default=1,
            help="processes that read files in parallel (the database writes "
            "stay in one process, one transaction per file)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        files = _files(options["paths"])
        workers = max(1, int(options["workers"]))
        as_json = bool(options["json"])
        outcomes: list[ImportOutcome] = []
        bar = tqdm(
            total=len(files),
            desc="import-rdsr",
            unit="file",
            disable=as_json,
            file=sys.stderr,
            dynamic_ncols=True,
        )
        parsed_iter: Iterator[DoseReport | RdsrError]
        if workers == 1:
            parsed_iter = (parse(path.read_bytes()) for path in files)
        else:
            pool = ProcessPoolExecutor(max_workers=workers)
            parsed_iter = pool.map(_parse_file, [str(p) for p in files], chunksize=8)
        try:
            for path, parsed in zip(files, parsed_iter, strict=True):
                outcome = store_parsed(path.read_bytes(), parsed, filename=str(path), source="cli")
                outcomes.append(outcome)
                bar.update(1)
                if as_json:
                    self.stdout.write(json.dumps(outcome.as_json()))
        finally:
            bar.close()
            if workers > 1:
                pool.shutdown()
        self._summary(outcomes, as_json)

    def _summary(self, outcomes: list[ImportOutcome], as_json: bool) -> None:
        counts = dict.fromkeys(ImportStatus, 0)
        for outcome in outcomes:
            counts[outcome.status] += 1
        if not as_json:
            self.stdout.write(", ".join(f"{n} {status}" for status, n in counts.items()))
            for outcome in outcomes:
                if outcome.status is ImportStatus.QUARANTINED:
                    self.stdout.write(f"quarantined {outcome.file}: {outcome.reason}")
        if counts[ImportStatus.QUARANTINED]:
            raise SystemExit(1)
