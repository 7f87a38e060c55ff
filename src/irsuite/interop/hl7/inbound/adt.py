"""ADT (RAD-1 Patient Registration, RAD-12 Patient Update): register, update, merge, re-key.

HL7 v2.5.1 chapter 3. PID-3 carries the patient's identifiers, each with its assigning
authority (CX.4) and type (CX.5, table 0203); an MR identifier belongs to the site the
authority maps to (mapping table "site", or a site with that code, or the peer's site).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from irsuite.interop.hl7.ack import ApplyError
from irsuite.interop.hl7.codec import Segment
from irsuite.interop.hl7.codes import ErrorCode, IdentifierTypeCode, MappingKind, Trigger
from irsuite.interop.hl7.inbound.context import CHANNEL, Inbound, hl7_date
from irsuite.interop.hl7.peers.queries import mapped, site_with_code
from irsuite.patients import services as patients
from irsuite.patients.merge.services import merge_patients
from irsuite.patients.models import IdentifierType, Patient, Sex
from irsuite.people.models import Site

# HL7 v2 table 0001 (administrative sex) to irsuite's: A (ambiguous) and N (not applicable)
# have no own value here.
SEX: dict[str, str] = {
    "F": Sex.FEMALE,
    "M": Sex.MALE,
    "O": Sex.OTHER,
    "U": Sex.UNKNOWN,
    "A": Sex.OTHER,
    "N": Sex.UNKNOWN,
}
# Table 0203 identifier types irsuite keeps (others, e.g. an account number, are ignored).
TYPES: dict[str, str] = {
    IdentifierTypeCode.MEDICAL_RECORD: IdentifierType.MRN,
    IdentifierTypeCode.PATIENT_INTERNAL: IdentifierType.ENTERPRISE,
    IdentifierTypeCode.NATIONAL: IdentifierType.NATIONAL,
    "": IdentifierType.MRN,
}


@dataclass(frozen=True)
class Cx:
    """One identifier from a CX field: value, type, and the site for an MRN."""

    type: str
    site: Site | None
    value: str


def _site(ctx: Inbound, authority: str, seg: str, n: int) -> Site:
    code = mapped(MappingKind.SITE, ctx.peer, authority) if authority else None
    site = site_with_code(code or authority) if (code or authority) else None
    if site is None and not authority and ctx.peer.site is not None:
        site = ctx.peer.site
    if site is None:
        raise ApplyError(
            ErrorCode.TABLE_VALUE_NOT_FOUND,
            f"Assigning authority {authority or '(none)'} maps to no site: add a 'site' rule "
            "on the interfaces page (or give the peer a site), then replay.",
            seg,
            n,
        )
    return site


def identifiers(ctx: Inbound, seg: Segment, n: int) -> list[Cx]:
    """The identifiers of a CX list field that irsuite keeps, in their order."""
    found = []
    for rep in ctx.message.repetitions(seg, n):
        value = ctx.message.component(rep, 1)
        kind = TYPES.get(ctx.message.component(rep, 5).upper())
        if not value or kind is None:
            continue
        site = _site(ctx, ctx.message.component(rep, 4), seg.name, n) if kind == "MR" else None
        found.append(Cx(kind, site, value))
    if not found:
        raise ApplyError(
            ErrorCode.REQUIRED_FIELD_MISSING,
            f"{seg.name}-{n} holds no medical record number or enterprise id.",
            seg.name,
            n,
        )
    return found


def find_patient(ids: list[Cx]) -> Patient | None:
    for cx in ids:
        found = patients.find_by_identifier(cx.type, cx.site, cx.value)
        if found is not None:
            return found.merged_into or found
    return None


def _allergies(ctx: Inbound) -> str | None:
    """AL1 segments as lines 'allergen (severity): reaction', None when there are none."""
    lines = []
    for al1 in ctx.message.all("AL1"):
        allergen = ctx.get(al1, 3, 2) or ctx.get(al1, 3, 1)
        if not allergen:
            continue
        severity = ctx.get(al1, 4, 2) or ctx.get(al1, 4, 1)
        reaction = ", ".join(ctx.message.component(r, 1) for r in ctx.message.repetitions(al1, 5))
        line = f"{allergen} ({severity})" if severity else allergen
        lines.append(f"{line}: {reaction}" if reaction else line)
    return "\n".join(lines) if lines else None


def demographics(ctx: Inbound, pid: Segment) -> dict[str, object]:
    """PID-5 name, PID-7 birth date, PID-8 sex, PID-29 death date, and AL1 allergies."""
    changes: dict[str, object] = {}
    family, given = ctx.get(pid, 5, 1), ctx.get(pid, 5, 2)
    if family:
        changes["family_name"] = family
    if given:
        changes["given_name"] = given
    birth = hl7_date(ctx.get(pid, 7), "PID", 7)
    if birth is not None:
        changes["birth_date"] = birth
    sex = ctx.get(pid, 8).upper()
    if sex:
        if sex not in SEX:
            raise ApplyError(
                ErrorCode.TABLE_VALUE_NOT_FOUND,
                f"PID-8 sex {sex!r} is not in HL7 table 0001.",
                "PID",
                8,
            )
        changes["sex"] = SEX[sex]
    death = hl7_date(ctx.get(pid, 29), "PID", 29)
    if death is not None:
        changes["deceased_at"] = death
    allergies = _allergies(ctx)
    if allergies is not None:
        changes["allergies"] = allergies
    return changes


def register_or_update(ctx: Inbound) -> Patient:
    """A01/A04/A28: the patient PID-3 names, registered when new and updated otherwise."""
    pid = ctx.need("PID")
    ids = identifiers(ctx, pid, 3)
    patient = find_patient(ids)
    changes = demographics(ctx, pid)
    if patient is None:
        patient = _register(ctx, ids, changes)
    else:
        patient = patients.update_demographics(patient, by=None, changes=changes, channel=CHANNEL)
    for cx in ids:
        patients.add_identifier(
            patient, by=None, type=cx.type, site=cx.site, value=cx.value, channel=CHANNEL
        )
    return patient


def _register(ctx: Inbound, ids: list[Cx], changes: dict[str, object]) -> Patient:
    mrn = next((cx for cx in ids if cx.type == IdentifierType.MRN), None)
    if mrn is None or mrn.site is None:
        raise ApplyError(
            ErrorCode.REQUIRED_FIELD_MISSING,
            "PID-3 has no medical record number (CX.5 MR) to register.",
            "PID",
            3,
        )
    for n, name in ((5, "family_name"), (7, "birth_date")):
        if name not in changes:
            raise ApplyError(
                ErrorCode.REQUIRED_FIELD_MISSING,
                f"PID-{n} is empty; a new patient needs it.",
                "PID",
                n,
            )
    extra = {k: v for k, v in changes.items() if k in ("allergies",)}
    patient = patients.register_patient(
        by=None,
        site=mrn.site,
        mrn=mrn.value,
        given_name=str(changes.get("given_name") or "-"),
        family_name=str(changes["family_name"]),
        birth_date=changes["birth_date"],  # type: ignore[arg-type]
        sex=str(changes.get("sex", Sex.UNKNOWN)),
        channel=CHANNEL,
        **extra,  # type: ignore[arg-type]
    )
    if "deceased_at" in changes:
        patients.update_demographics(
            patient, by=None, changes={"deceased_at": changes["deceased_at"]}, channel=CHANNEL
        )
    return patient


def update(ctx: Inbound) -> Patient:
    """A08/A31: update a known patient; an unknown one is AE 204 (nothing is registered)."""
    pid = ctx.need("PID")
    ids = identifiers(ctx, pid, 3)
    try:
        changes, bad = demographics(ctx, pid), None
    except ApplyError as exc:  # answered after the patient is known: an unknown one comes first
        changes, bad = {}, exc
    # The service finds the patient (the survivor if merged) and locks the row in one
    # statement, and writes only what changed.
    patient = patients.update_demographics_by_identifier(
        [(cx.type, cx.site, cx.value) for cx in ids], by=None, changes=changes, channel=CHANNEL
    )
    if patient is None:
        raise ApplyError(
            ErrorCode.UNKNOWN_KEY,
            "No patient has the identifiers in PID-3; send A04 or A28 first.",
            "PID",
            3,
        )
    if bad is not None:
        raise bad
    return patient


def merge(ctx: Inbound) -> Patient:
    """A40: the record named in MRG-1 is merged into the one named in PID-3."""
    pid, mrg = ctx.need("PID"), ctx.need("MRG")
    survivor = find_patient(identifiers(ctx, pid, 3))
    if survivor is None:
        raise ApplyError(
            ErrorCode.UNKNOWN_KEY, "No patient has the surviving identifiers in PID-3.", "PID", 3
        )
    merged = find_patient(identifiers(ctx, mrg, 1))
    if merged is None:
        raise ApplyError(
            ErrorCode.UNKNOWN_KEY, "No patient has the prior identifiers in MRG-1.", "MRG", 1
        )
    if merged.pk == survivor.pk:
        ctx.notes.append("MRG-1 already names the surviving record; nothing to merge.")
        return survivor
    merge_patients(survivor, merged, by=None, channel=CHANNEL)
    return survivor


def change_identifier(ctx: Inbound) -> Patient:
    """A47: the identifier in MRG-1 becomes the one in PID-3 (same type and authority)."""
    pid, mrg = ctx.need("PID"), ctx.need("MRG")
    old, new = identifiers(ctx, mrg, 1)[0], identifiers(ctx, pid, 3)[0]
    if (old.type, old.site) != (new.type, new.site):
        raise ApplyError(
            ErrorCode.DATA_TYPE,
            "PID-3 and MRG-1 must be identifiers of the same type and authority.",
            "MRG",
            1,
        )
    holder = patients.find_by_identifier(old.type, old.site, old.value)
    if holder is None:
        raise ApplyError(
            ErrorCode.UNKNOWN_KEY, "No patient holds the prior identifier in MRG-1.", "MRG", 1
        )
    ident = holder.identifiers.get(type=old.type, site=old.site, value=old.value)
    patients.change_identifier(ident, by=None, value=new.value, channel=CHANNEL)
    return holder


HANDLERS: dict[str, Callable[[Inbound], object]] = {
    Trigger.ADT_A01: register_or_update,
    Trigger.ADT_A04: register_or_update,
    Trigger.ADT_A28: register_or_update,
    Trigger.ADT_A08: update,
    Trigger.ADT_A31: update,
    Trigger.ADT_A40: merge,
    Trigger.ADT_A47: change_identifier,
}
