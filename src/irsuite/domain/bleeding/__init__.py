"""Periprocedural bleeding risk (SIR consensus 2019): rules, planner and plan.

Pure: the rules arrive as a mapping parsed from ``reference/data/bleeding_risk.toml`` and the
current time arrives in the request.
"""

from irsuite.domain.bleeding.classify import sheath_class
from irsuite.domain.bleeding.enums import ArterialAccess, DrugKind, HoldKind, RiskClass
from irsuite.domain.bleeding.inputs import (
    Labs,
    Medication,
    PlanInput,
    PlanInputError,
    Problem,
    Procedure,
    UnknownDrugError,
    resolve_drug,
)
from irsuite.domain.bleeding.parse import RulesError, parse_rules
from irsuite.domain.bleeding.planner import plan
from irsuite.domain.bleeding.result import BleedingPlan, Hold, PlanLine
from irsuite.domain.bleeding.rules import BleedingRules, DrugRule, HoldRule

__all__ = [
    "ArterialAccess",
    "BleedingPlan",
    "BleedingRules",
    "DrugKind",
    "DrugRule",
    "Hold",
    "HoldKind",
    "HoldRule",
    "Labs",
    "Medication",
    "PlanInput",
    "PlanInputError",
    "PlanLine",
    "Problem",
    "Procedure",
    "RiskClass",
    "RulesError",
    "UnknownDrugError",
    "parse_rules",
    "plan",
    "resolve_drug",
    "sheath_class",
]
