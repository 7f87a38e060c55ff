"""Parse and check the bleeding-risk reference data (the dict read from its TOML file)."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import TypeVar

from irsuite.domain.bleeding.enums import DrugKind, HoldKind, RiskClass
from irsuite.domain.bleeding.rules import (
    AmbiguousName,
    ArterialInrRule,
    BleedingRules,
    DrugRule,
    HoldRule,
    LabThresholds,
    LabValidity,
    LiverDiseaseRules,
    Plausibility,
    Provenance,
    Resumption,
    RiskLabRules,
    SheathRule,
    ValueRange,
)
from irsuite.domain.renal import CockcroftGault

Table = Mapping[str, object]
E = TypeVar("E", bound=StrEnum)


class RulesError(ValueError):
    """The reference data is invalid; the message names the table and the key."""


def _table(raw: Table, key: str, where: str) -> Table:
    value = raw.get(key)
    if not isinstance(value, Mapping):
        raise RulesError(f"[{where}] needs a table '{key}'.")
    return value


def _tables(raw: Table, key: str, where: str) -> list[Table]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, Mapping) for v in value):
        raise RulesError(f"[{where}] '{key}' must be an array of tables.")
    return list(value)


def _str(raw: Table, key: str, where: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise RulesError(f"[{where}] '{key}' must be a non-empty string.")
    return value


def _bool(raw: Table, key: str, where: str) -> bool:
    value = raw.get(key)
    if not isinstance(value, bool):
        raise RulesError(f"[{where}] '{key}' must be true or false.")
    return value


def _num(raw: Table, key: str, where: str) -> float:
    value = raw.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise RulesError(f"[{where}] '{key}' must be a number.")
    return float(value)


def _opt_num(raw: Table, key: str, where: str) -> float | None:
    return None if raw.get(key) is None else _num(raw, key, where)


def _strs(raw: Table, key: str, where: str) -> tuple[str, ...]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RulesError(f"[{where}] '{key}' must be a list of strings.")
    return tuple(value)


def _enum(kind: type[E], raw: Table, key: str, where: str) -> E:
    value = _str(raw, key, where)
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(member.value for member in kind)
        raise RulesError(f"[{where}] '{key}' = {value!r}; expected one of {allowed}.") from None


def _provenance(raw: Table, where: str) -> Provenance:
    return Provenance(
        rule=where, source=_str(raw, "source", where), verified=_bool(raw, "verified", where)
    )


def _range(raw: Table, key: str, where: str) -> ValueRange:
    value = raw.get(key)
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
        or value[0] > value[1]
    ):
        raise RulesError(f"[{where}] '{key}' must be [low, high] with low <= high.")
    return ValueRange(float(value[0]), float(value[1]))


def _thresholds(raw: Table, where: str) -> LabThresholds:
    ok_max = _num(raw, "inr_ok_max", where)
    correct_above = _num(raw, "inr_correct_above", where)
    if ok_max > correct_above:
        raise RulesError(f"[{where}] inr_ok_max must not exceed inr_correct_above.")
    return LabThresholds(
        inr_ok_max=ok_max,
        inr_correct_above=correct_above,
        platelets_transfuse_below=_num(raw, "platelets_transfuse_below", where),
        fibrinogen_below_mg_dl=_opt_num(raw, "fibrinogen_below_mg_dl", where),
        provenance=_provenance(raw, where),
    )


def _risk_labs(labs: Table, key: str) -> RiskLabRules:
    where = f"labs.{key}"
    raw = _table(labs, key, "labs")
    return RiskLabRules(
        routine=_bool(raw, "routine", where),
        inr_needed_with=frozenset(_strs(raw, "inr_needed_with", where)),
        thresholds=_thresholds(raw, where),
    )


def _arterial(labs: Table) -> ArterialInrRule:
    where = "labs.low.arterial"
    raw = _table(_table(labs, "low", "labs"), "arterial", "labs.low")
    return ArterialInrRule(
        femoral_inr_below=_num(raw, "femoral_inr_below", where),
        radial_inr_below=_num(raw, "radial_inr_below", where),
        provenance=_provenance(raw, where),
    )


def _liver(labs: Table) -> LiverDiseaseRules:
    where = "labs.liver_disease"
    raw = _table(labs, "liver_disease", "labs")
    return LiverDiseaseRules(
        inr_needed=_bool(raw, "inr_needed", where),
        judicious_transfusion=_bool(raw, "judicious_transfusion", where),
        low=_thresholds(_table(raw, "low", where), f"{where}.low"),
        high=_thresholds(_table(raw, "high", where), f"{where}.high"),
        provenance=_provenance(raw, where),
    )


def _sheath(raw: Table) -> SheathRule:
    low_max, high_above = _num(raw, "low_max_fr", "sheath"), _num(raw, "high_above_fr", "sheath")
    if low_max > high_above:
        raise RulesError("[sheath] low_max_fr must not exceed high_above_fr.")
    return SheathRule(low_max, high_above, _provenance(raw, "sheath"))


def _validity(raw: Table) -> LabValidity:
    where = "lab_validity"
    return LabValidity(
        days=int(_num(raw, "days", where)),
        inr_recent_hours=_num(raw, "inr_recent_hours", where),
        inr_recent_with=frozenset(_strs(raw, "inr_recent_with", where)),
        provenance=_provenance(raw, where),
    )


def _plausible(raw: Table) -> Plausibility:
    where = "plausible"
    return Plausibility(
        inr=_range(raw, "inr", where),
        platelets=_range(raw, "platelets_10e9_per_l", where),
        crcl=_range(raw, "crcl_ml_min", where),
        sheath_fr=_range(raw, "sheath_fr", where),
        fibrinogen=_range(raw, "fibrinogen_mg_dl", where),
        provenance=_provenance(raw, where),
    )


def _cockcroft_gault(raw: Table) -> CockcroftGault:
    where = "cockcroft_gault"
    return CockcroftGault(
        age_offset=_num(raw, "age_offset", where),
        divisor=_num(raw, "divisor", where),
        female_factor=_num(raw, "female_factor", where),
        creatinine_umol_l_per_mg_dl=_num(raw, "creatinine_umol_l_per_mg_dl", where),
        source=_str(raw, "source", where),
        verified=_bool(raw, "verified", where),
    )


def _hold(raw: Table, where: str) -> HoldRule:
    kind = _enum(HoldKind, raw, "kind", where)
    risk = _enum(RiskClass, raw, "risk", where)
    if risk is RiskClass.OPERATOR_DECIDES:
        raise RulesError(f"[{where}] a hold is written for 'low' or 'high' risk.")
    days = _opt_num(raw, "days", where)
    hours = _opt_num(raw, "hours", where)
    if kind is HoldKind.DAYS and (days is None or days < 0 or days != int(days)):
        raise RulesError(f"[{where}] kind 'days' needs a whole number of days.")
    if kind is HoldKind.HOURS and (hours is None or hours < 0):
        raise RulesError(f"[{where}] kind 'hours' needs 'hours'.")
    note = raw.get("note")
    return HoldRule(
        risk=risk,
        kind=kind,
        text=_str(raw, "text", where),
        provenance=_provenance(raw, where),
        days=None if days is None else int(days),
        hours=hours,
        crcl_min=_opt_num(raw, "crcl_min", where),
        crcl_max=_opt_num(raw, "crcl_max", where),
        resume_hours=_opt_num(raw, "resume_hours", where),
        note=note if isinstance(note, str) else None,
    )


def _drug(raw: Table) -> DrugRule:
    drug_id = _str(raw, "id", "drug")
    where = f"drug.{drug_id}"
    holds = tuple(_hold(h, f"{where}.hold[{i}]") for i, h in enumerate(_tables(raw, "hold", where)))
    for risk in (RiskClass.LOW, RiskClass.HIGH):
        if not any(h.risk is risk for h in holds):
            raise RulesError(f"[{where}] has no hold rule for {risk.value} risk.")
    return DrugRule(
        id=drug_id,
        label=_str(raw, "label", where),
        kind=_enum(DrugKind, raw, "kind", where),
        synonyms=_strs(raw, "synonyms", where),
        holds=holds,
    )


def normalise_name(name: str) -> str:
    """Fold a drug name for lookup: case, surrounding and repeated spaces, underscores."""
    return " ".join(name.replace("_", " ").casefold().split())


def _names(drugs: Mapping[str, DrugRule]) -> dict[str, str]:
    names: dict[str, str] = {}
    for drug in drugs.values():
        for name in (drug.id, drug.label, *drug.synonyms):
            key = normalise_name(name)
            if names.get(key, drug.id) != drug.id:
                raise RulesError(f"Drug name {name!r} is given for {names[key]} and {drug.id}.")
            names[key] = drug.id
    return names


def _ambiguous(raw: Table, drugs: Mapping[str, DrugRule]) -> dict[str, AmbiguousName]:
    found: dict[str, AmbiguousName] = {}
    for i, item in enumerate(_tables(raw, "ambiguous", "root")):
        where = f"ambiguous[{i}]"
        entry = AmbiguousName(
            _str(item, "name", where), _str(item, "assume", where), _str(item, "ask", where)
        )
        if entry.assume not in drugs:
            raise RulesError(f"[{where}] assumes unknown drug {entry.assume!r}.")
        found[normalise_name(entry.name)] = entry
    return found


def parse_rules(data: Table) -> BleedingRules:
    """Build :class:`BleedingRules` from the parsed TOML mapping, checking every field.

    Raises :class:`RulesError` naming the table and key of the first problem.
    """
    meta = _table(data, "meta", "root")
    labs = _table(data, "labs", "root")
    drugs = {d.id: d for d in (_drug(raw) for raw in _tables(data, "drug", "root"))}
    names = _names(drugs)
    ambiguous = _ambiguous(data, drugs)
    clash = set(ambiguous) & set(names)
    if clash:
        raise RulesError(f"Names both ambiguous and assigned to a drug: {sorted(clash)}.")
    validity = _validity(_table(data, "lab_validity", "root"))
    low, high = _risk_labs(labs, "low"), _risk_labs(labs, "high")
    for drug_id in validity.inr_recent_with | low.inr_needed_with | high.inr_needed_with:
        if drug_id not in drugs:
            raise RulesError(f"Lab rules name unknown drug {drug_id!r}.")
    resumption = _table(data, "resumption", "root")
    return BleedingRules(
        version=_str(meta, "version", "meta"),
        source=_str(meta, "source", "meta"),
        labs_low=low,
        labs_high=high,
        arterial=_arterial(labs),
        liver_disease=_liver(labs),
        sheath=_sheath(_table(data, "sheath", "root")),
        validity=validity,
        plausible=_plausible(_table(data, "plausible", "root")),
        cockcroft_gault=_cockcroft_gault(_table(data, "cockcroft_gault", "root")),
        resumption=Resumption(
            _str(resumption, "text", "resumption"), _provenance(resumption, "resumption")
        ),
        drugs=drugs,
        names=names,
        ambiguous=ambiguous,
    )
