"""Contrast premedication regimens timed from the scheduled start."""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from typing import Any

import pytest

from irsuite.domain.bleeding import RulesError
from irsuite.domain.bleeding.premedication import parse_premedication, schedule

START = datetime(2026, 12, 1, 14, 0, tzinfo=UTC)


def test_it_times_the_routine_prednisone_regimen_back_from_the_start(
    raw_rules: dict[str, Any],
) -> None:
    premed = parse_premedication(raw_rules)
    doses = schedule(premed.routine, START)
    prednisone = [d.at.hour for d in doses if d.drug.startswith("Prednisone")]
    assert prednisone == [1, 7, 13]  # 13, 7 and 1 hours before 14:00
    assert any(d.drug.startswith("Diphenhydramine") and d.at.hour == 13 for d in doses)
    assert premed.provenance.verified is False


def test_urgent_cases_get_the_accelerated_regimen(raw_rules: dict[str, Any]) -> None:
    premed = parse_premedication(raw_rules)
    assert premed.urgent.id == "accelerated_iv"
    assert schedule(premed.urgent, START)[0].at == datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def test_it_refuses_a_regimen_choice_that_does_not_exist(raw_rules: dict[str, Any]) -> None:
    data = copy.deepcopy(raw_rules)
    data["contrast_premedication"]["urgent_regimen"] = "none_such"
    with pytest.raises(RulesError, match="none_such"):
        parse_premedication(data)
