"""The plausibility limits of vital signs are reference data: recovery.toml decides what the
sedation record refuses."""

import re
import shutil
import tomllib

import pytest

from irsuite.errors import ValidationFailed
from irsuite.reference import loader
from irsuite.safety import reference
from irsuite.safety.sedation import services as ss
from irsuite.safety.sedation.models import CarePhase


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """A copy of reference/data that a test may change; the limits are read again from it."""
    copy = tmp_path / "data"
    shutil.copytree(loader.DATA_DIR, copy)
    monkeypatch.setattr(loader, "DATA_DIR", copy)
    reference.vital_sign_limits.cache_clear()
    yield copy
    for parsed in (
        reference.checklist_definition,
        reference.consent_wording,
        reference.report_templates,
        reference.recovery_reference,
        reference.vital_sign_limits,
        *reference.SEDATION_LOADERS,
    ):
        parsed.cache_clear()


def set_limit(data_dir, sign, key, value):
    path = data_dir / "recovery.toml"
    block = re.compile(rf"(\[vital_sign_limits\.{sign}\][^\[]*?{key} = )\d+")
    text, count = block.subn(rf"\g<1>{value}", path.read_text())
    assert count == 1
    path.write_text(text)


@pytest.fixture
def sedation(ready_request, persona):
    return ss.sedation_record(ready_request, by=persona("nurse"), kind="moderate")


def record_heart_rate(sedation, persona, rate):
    return ss.record_vitals(
        sedation, phase=CarePhase.SEDATION, by=persona("nurse"), values={"heart_rate": rate}
    )


def test_every_vital_sign_has_a_sourced_unverified_limit_from_the_file():
    raw = tomllib.loads((loader.DATA_DIR / "recovery.toml").read_text())["vital_sign_limits"]
    limits = reference.vital_sign_limits()
    assert list(limits) == list(reference.VITAL_SIGNS)
    for name, limit in limits.items():
        assert (limit.minimum, limit.maximum) == (raw[name]["minimum"], raw[name]["maximum"])
        assert limit.source and limit.verified is False


def test_lowering_the_maximum_in_the_file_refuses_a_rate_it_allowed(data_dir, sedation, persona):
    assert record_heart_rate(sedation, persona, "240").heart_rate == 240
    set_limit(data_dir, "heart_rate", "maximum", 200)
    reference.vital_sign_limits.cache_clear()
    with pytest.raises(ValidationFailed, match="Heart rate 240 is outside 20-200 beats/min"):
        record_heart_rate(sedation, persona, "240")


def test_the_baseline_pressure_is_checked_against_the_file_too(data_dir, sedation, persona):
    set_limit(data_dir, "systolic", "minimum", 90)
    with pytest.raises(ValidationFailed, match="Systolic pressure 80 is outside 90-300 mmHg"):
        ss.sedation_record(sedation.request, by=persona("nurse"), baseline_systolic=80)


def test_load_reference_refuses_a_file_without_a_limit_for_every_vital_sign(data_dir):
    path = data_dir / "recovery.toml"
    text = path.read_text().replace("[vital_sign_limits.spo2]", "[vital_sign_limits.spo2_old]")
    path.write_text(text)
    with pytest.raises(ValueError, match="no \\[vital_sign_limits\\] for spo2"):
        reference.validate_all()
