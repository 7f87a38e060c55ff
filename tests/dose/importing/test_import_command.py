"""`irsuite import-rdsr`: JSON lines read back from the database, exit status 1 on quarantine."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from dose_samples import SAMPLES

from irsuite.dose.studies.models import DoseStudy

pytestmark = pytest.mark.django_db

KEYS = [
    "file",
    "status",
    "study_instance_uid",
    "events",
    "kap_gycm2",
    "ka_r_mgy",
    "fluoro_time_s",
    "acquisition_time_s",
    "dlp_mgycm",
    "reason",
]


def _run(*args: str) -> tuple[list[dict[str, object]], int]:
    out = io.StringIO()
    code = 0
    try:
        call_command("import-rdsr", *args, "--json", stdout=out)
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    return [json.loads(line) for line in out.getvalue().splitlines()], code


def test_it_prints_one_json_line_per_file_with_the_committed_totals() -> None:
    names = [str(SAMPLES / f"CT-RDSR-Siemens-Multi-{n}.dcm") for n in (2, 1, 3, 2)]
    lines, code = _run(*names)
    assert code == 0
    assert [list(line) for line in lines] == [KEYS] * 4
    assert [line["status"] for line in lines] == ["imported", "duplicate", "updated", "duplicate"]
    assert lines[-1]["events"] == 3 and lines[-1]["dlp_mgycm"] == pytest.approx(236.09)
    assert DoseStudy.objects.count() == 1


def test_a_quarantined_file_makes_the_exit_status_1(tmp_path: Path) -> None:
    shutil.copy(SAMPLES / "Dual-RDSR-RF.dcm", tmp_path / "good.dcm")
    (tmp_path / "bad.dcm").write_bytes(b"DICM? no")
    lines, code = _run(str(tmp_path))
    assert code == 1
    by_file = {Path(str(line["file"])).name: line for line in lines}
    assert by_file["good.dcm"]["status"] == "imported"
    assert by_file["good.dcm"]["kap_gycm2"] == pytest.approx(0.0212)
    assert by_file["bad.dcm"]["status"] == "quarantined"
    assert "not a DICOM object" in str(by_file["bad.dcm"]["reason"])


def test_a_missing_path_is_an_error_that_names_it() -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="no-such-file"):
        call_command("import-rdsr", "no-such-file.dcm")
