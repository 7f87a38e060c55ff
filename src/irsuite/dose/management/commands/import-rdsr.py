"""`irsuite import-rdsr PATH...`: import DICOM dose reports from files or folders."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from irsuite.dose.importing.batch import WorkersUnavailable, import_batch
from irsuite.dose.importing.services import ImportOutcome, ImportStatus


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


class Command(BaseCommand):
    help = "Import X-Ray Radiation Dose SR files (exit status 1 when any file is quarantined)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", help="files or folders (read recursively)")
        parser.add_argument("--json", action="store_true", help="print one JSON line per file")
        parser.add_argument(
            "--workers",
            type=int,
            default=1,
            help="processes that read and store files in parallel, one transaction per file "
            "(on SQLite they read in parallel and write in turn)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        files = _files(options["paths"])
        workers = max(1, int(options["workers"]))
        as_json = bool(options["json"])
        counts = dict.fromkeys(ImportStatus, 0)
        quarantined: list[ImportOutcome] = []  # only these are kept: an archive may be huge
        bar = tqdm(
            total=len(files),
            desc="import-rdsr",
            unit="file",
            disable=as_json,
            file=sys.stderr,
            dynamic_ncols=True,
        )
        try:
            for outcome in import_batch(files, workers):
                counts[outcome.status] += 1
                if outcome.status is ImportStatus.QUARANTINED:
                    quarantined.append(outcome)
                bar.update(1)
                if as_json:
                    self.stdout.write(json.dumps(outcome.as_json()))
        except WorkersUnavailable as error:
            raise CommandError(str(error)) from error
        finally:
            bar.close()
        self._summary(counts, quarantined, as_json)

    def _summary(
        self, counts: dict[ImportStatus, int], quarantined: list[ImportOutcome], as_json: bool
    ) -> None:
        if not as_json:
            self.stdout.write(", ".join(f"{n} {status}" for status, n in counts.items()))
            for outcome in quarantined:
                self.stdout.write(f"quarantined {outcome.file}: {outcome.reason}")
        if quarantined:
            raise SystemExit(1)
