"""`irsuite roster solve`: a roster problem in JSON solved on the command line.

One CP-SAT worker searches the same way on every run; the problem is proven optimal in well
under a second, so the time limit only stops a broken solve.
"""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError


def test_the_command_prints_the_result_as_json(tmp_path, capsys):
    data = {
        "start": "2027-03-01",
        "end": "2027-03-07",
        "call_types": [
            {"name": "night", "days": "all", "needs": 1, "roles": ["attending"], "night": True}
        ],
        "staff": [{"id": f"s{k}", "role": "attending"} for k in range(3)],
    }
    path = tmp_path / "roster.json"
    path.write_text(json.dumps(data))
    call_command("roster", "solve", str(path), "--time-limit", "120", "--workers", "1", "--json")
    captured = capsys.readouterr()
    out = json.loads(captured.out)
    assert out["status"] == "optimal"
    assert len(out["assignments"]) == 7
    assert "fairness stage" in captured.err


def test_the_command_names_the_bad_field(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"start": "2027-03-07", "end": "2027-03-01", "call_types": []}))
    with pytest.raises(CommandError, match="end: 2027-03-01 is before start"):
        call_command("roster", "solve", str(path), "--json")
