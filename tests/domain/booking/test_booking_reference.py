import pytest
from booking_builders import reference, reference_data

from irsuite.domain.booking import Priority, parse_scheduling_reference


def test_the_shipped_reference_weighs_emergent_above_urgent_above_routine():
    ref = reference()
    assert ref.weight(Priority.EMERGENT) > ref.weight(Priority.URGENT)
    assert ref.weight(Priority.URGENT) > ref.weight(Priority.ROUTINE)
    assert 0 <= ref.late_credit < 1
    assert ref.turnover_min >= 0


def test_every_shipped_value_names_its_source_and_whether_it_was_verified():
    ref = reference()
    assert set(ref.provenance) == {
        "priority.routine",
        "priority.urgent",
        "priority.emergent",
        "late",
        "room",
    }
    assert all(p.source for p in ref.provenance.values())


def test_it_rejects_a_weight_without_a_source():
    data = reference_data()
    del data["priority"]["urgent"]["source"]
    with pytest.raises(ValueError, match=r"\[priority.urgent\] needs a non-empty 'source'"):
        parse_scheduling_reference(data)


def test_it_rejects_a_missing_priority():
    data = reference_data()
    del data["priority"]["emergent"]
    with pytest.raises(ValueError, match=r"\[priority.emergent\] is missing"):
        parse_scheduling_reference(data)


@pytest.mark.parametrize("credit", [-0.1, 1.5, "half", True])
def test_it_rejects_a_late_credit_that_is_not_a_fraction(credit):
    data = reference_data()
    data["late"]["credit"] = credit
    with pytest.raises(ValueError, match="credit must be a number from 0 to 1"):
        parse_scheduling_reference(data)


def test_it_rejects_a_zero_weight():
    data = reference_data()
    data["priority"]["routine"]["weight"] = 0
    with pytest.raises(ValueError, match="weight must be an integer >= 1"):
        parse_scheduling_reference(data)
