"""Reading the safety checklist's reference data (``reference/data/checklist.toml``)."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from irsuite.domain.checklist import (
    FIXED_VALUES,
    PHASE_ORDER,
    AnswerType,
    ChecklistDefinition,
    ChecklistItem,
    Condition,
    Phase,
    PhaseDefinition,
    Precondition,
    Reply,
)

DEFAULT_ACCEPT: Mapping[AnswerType, tuple[str, ...]] = MappingProxyType(
    {
        AnswerType.CONFIRM: (Reply.CONFIRMED,),
        AnswerType.YES_NO: (Reply.YES,),
        AnswerType.YES_NO_NA: (Reply.YES, Reply.NA),
    }
)


def parse_checklist(data: Mapping[str, Any]) -> ChecklistDefinition:
    """Parse the checklist reference data (the TOML document as a dict)."""
    meta = data["meta"]
    phases = tuple(
        PhaseDefinition(
            phase=Phase(p["id"]),
            label=str(p["label"]),
            when=str(p.get("when", "")),
            requires=tuple(Precondition(r) for r in p.get("requires", [])),
        )
        for p in data["phase"]
    )
    if tuple(p.phase for p in phases) != PHASE_ORDER:
        raise ValueError("checklist phases must be sign_in, time_out, sign_out in that order")
    items = tuple(_parse_item(raw) for raw in data["item"])
    ids = [i.id for i in items]
    if len(ids) != len(set(ids)):
        raise ValueError("checklist item ids must be unique")
    messages = {Precondition(p["id"]): str(p["message"]) for p in data["precondition"]}
    missing = set(Precondition) - set(messages)
    if missing:
        raise ValueError(f"checklist lacks messages for preconditions: {sorted(missing)}")
    return ChecklistDefinition(
        version=str(meta["version"]),
        source=str(meta["source"]),
        verified=bool(meta["verified"]),
        phases=phases,
        items=items,
        messages=MappingProxyType(messages),
    )


def _parse_item(raw: Mapping[str, Any]) -> ChecklistItem:
    answer_type = AnswerType(raw["answer"])
    options = tuple(str(o) for o in raw.get("options", []))
    if answer_type is AnswerType.CHOICE and not options:
        raise ValueError(f"checklist item {raw['id']!r} is a choice without options")
    accept = tuple(str(a) for a in raw.get("accept", DEFAULT_ACCEPT.get(answer_type, ())))
    allowed = options if answer_type is AnswerType.CHOICE else FIXED_VALUES.get(answer_type)
    if allowed is not None and not set(accept) <= set(allowed):
        raise ValueError(f"checklist item {raw['id']!r} accepts answers it does not offer")
    applies = raw.get("applies_when")
    requires = raw.get("requires")
    return ChecklistItem(
        id=str(raw["id"]),
        phase=Phase(raw["phase"]),
        text=str(raw["text"]),
        answer_type=answer_type,
        gates=bool(raw["gates"]),
        options=options,
        accept=accept,
        applies_when=Condition(applies) if applies else None,
        requires=Precondition(requires) if requires else None,
    )
