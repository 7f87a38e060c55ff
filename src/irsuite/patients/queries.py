"""Reading a patient's row locked for a change, by key or by an identifier it holds.

Every HL7 ADT^A08 reads its patient this way: the statement is built once (irsuite.inserts)
and the identifier is looked up in the same statement that locks the row. The change
listeners' `Concern`s are read by the UPDATE that follows (RETURNING), so an update costs no
lookups of its own.
"""

from __future__ import annotations

from typing import Any

from irsuite.inserts import LockedReader
from irsuite.patients import hooks
from irsuite.patients.hooks import ChangeHook, Concern, concern_of
from irsuite.patients.models import IdentifierType, Patient, PatientIdentifier
from irsuite.people.models import Site

_locked = LockedReader(Patient)
BY_KEY = "id = %s"
# The holder of an identifier, or the record it was merged into (HL7 ADT^A40): the survivor is
# the row locked, in the same statement that finds it.
_HOLDER = (
    "id = (SELECT COALESCE(p.merged_into_id, p.id) FROM {ident} i "  # noqa: S608
    "JOIN {patient} p ON p.id = i.patient_id "
    "WHERE i.type = %s AND i.site_id {site} AND i.value = %s ORDER BY i.id LIMIT 1)"
)
_ENTERPRISE_HOLDER = (
    "id = (SELECT COALESCE(p.merged_into_id, p.id) FROM {patient} p "  # noqa: S608
    "WHERE p.enterprise_id = %s)"
)


def _holder(template: str, site: Site | None = None) -> str:
    return template.format(
        ident=PatientIdentifier._meta.db_table,
        patient=Patient._meta.db_table,
        site="= %s" if site is not None else "IS NULL",
    )


def holder_conditions(type: str, site: Site | None, value: str) -> list[tuple[str, list[Any]]]:
    """Where to look for an identifier's holder, in the order `find_by_identifier` looks
    (an enterprise id on the patient first, then the identifiers)."""
    found: list[tuple[str, list[Any]]] = []
    if type == IdentifierType.ENTERPRISE:
        found.append((_holder(_ENTERPRISE_HOLDER), [value]))
    params: list[Any] = [type, site.pk, value] if site is not None else [type, value]
    found.append((_holder(_HOLDER, site), params))
    return found


def locked_patient(where: str, params: list[Any]) -> Patient | None:
    """The patient row matching `where` (`BY_KEY` or a `holder_conditions` entry), locked
    until the transaction ends."""
    return _locked(where, params)


def concerns() -> list[tuple[ChangeHook, Concern]]:
    """The change listeners that said when they have anything to do (their `Concern`)."""
    return [(hook, c) for hook in hooks.CHANGE_HOOKS if (c := concern_of(hook)) is not None]


def returning(found: list[tuple[ChangeHook, Concern]]) -> tuple[tuple[str, ...], list[Any]]:
    """The listeners' conditions as expressions on the patient's row, with their parameters."""
    column = f"{Patient._meta.db_table}.id"
    return (
        tuple(f"({c.sql.format(patient=column)})" for _, c in found),
        [p for _, c in found for p in c.params],
    )
