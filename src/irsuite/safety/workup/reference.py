"""The bleeding-risk and premedication reference data, read once per process."""

from __future__ import annotations

from functools import cache

from irsuite.domain.bleeding import BleedingRules, parse_rules
from irsuite.domain.bleeding.premedication import Premedication, parse_premedication
from irsuite.reference.loader import read_toml

FILE_NAME = "bleeding_risk.toml"


@cache
def bleeding_rules() -> BleedingRules:
    """The parsed bleeding-risk rules of ``reference/data/bleeding_risk.toml``."""
    return parse_rules(read_toml(FILE_NAME))


@cache
def premedication() -> Premedication:
    """The contrast premedication regimens of the same file."""
    return parse_premedication(read_toml(FILE_NAME))


def reload_reference() -> str:
    """Re-read and check the file (``irsuite load-reference``); returns a summary line."""
    bleeding_rules.cache_clear()
    premedication.cache_clear()
    rules = bleeding_rules()
    premedication()
    unverified = sum(
        1 for drug in rules.drugs.values() for hold in drug.holds if not hold.provenance.verified
    )
    return (
        f"{FILE_NAME} {rules.version}: {len(rules.drugs)} drugs, "
        f"{unverified} hold rules still to verify"
    )
