"""The day-of-procedure safety checklist (WHO Surgical Safety Checklist, Universal Protocol).

The checklist itself is reference data (``reference/data/checklist.toml``) parsed by
``checklist_parse.parse_checklist``. A checklist in progress is an immutable
:class:`ChecklistState`;
:func:`answer` and :func:`complete_phase` return a new state or raise :class:`ChecklistRefused`
listing every problem with a message that says what to do. Facts held outside the checklist
(consent signed, bleeding plan cleared, site marked) are passed in as :class:`CaseFacts`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from types import MappingProxyType


class Phase(StrEnum):
    """The three pauses of the checklist, in order."""

    SIGN_IN = "sign_in"
    TIME_OUT = "time_out"
    SIGN_OUT = "sign_out"


PHASE_ORDER: tuple[Phase, ...] = (Phase.SIGN_IN, Phase.TIME_OUT, Phase.SIGN_OUT)


class AnswerType(StrEnum):
    """How an item is answered."""

    CONFIRM = "confirm"
    YES_NO = "yes_no"
    YES_NO_NA = "yes_no_na"
    CHOICE = "choice"
    TEXT = "text"


class Reply(StrEnum):
    """The fixed answers of the confirm and yes/no item types."""

    CONFIRMED = "confirmed"
    YES = "yes"
    NO = "no"
    NA = "na"


class Condition(StrEnum):
    """When an item applies to a case."""

    SITE_MARKING = "site_marking"
    SEDATION = "sedation"


class Precondition(StrEnum):
    """Facts held outside the checklist that a phase or an item depends on."""

    CONSENT_SIGNED = "consent_signed"
    BLEEDING_PLAN_CLEARED = "bleeding_plan_cleared"
    SITE_MARKED = "site_marked"


class ProblemCode(StrEnum):
    """Why an answer or a phase completion was refused."""

    UNKNOWN_ITEM = "unknown_item"
    NOT_APPLICABLE = "not_applicable"
    INVALID_ANSWER = "invalid_answer"
    UNANSWERED = "unanswered"
    NOT_ACCEPTED = "not_accepted"
    PRECONDITION_UNMET = "precondition_unmet"
    PREVIOUS_PHASE_OPEN = "previous_phase_open"
    PHASE_COMPLETED = "phase_completed"


FIXED_VALUES: Mapping[AnswerType, tuple[str, ...]] = MappingProxyType(
    {
        AnswerType.CONFIRM: (Reply.CONFIRMED,),
        AnswerType.YES_NO: (Reply.YES, Reply.NO),
        AnswerType.YES_NO_NA: (Reply.YES, Reply.NO, Reply.NA),
    }
)


@dataclass(frozen=True)
class ChecklistItem:
    """One question of the checklist."""

    id: str
    phase: Phase
    text: str
    answer_type: AnswerType
    gates: bool
    options: tuple[str, ...] = ()
    accept: tuple[str, ...] = ()
    applies_when: Condition | None = None
    requires: Precondition | None = None

    def allowed_values(self) -> tuple[str, ...] | None:
        """The answers this item takes, or None for free text."""
        if self.answer_type is AnswerType.TEXT:
            return None
        if self.answer_type is AnswerType.CHOICE:
            return self.options
        return tuple(str(v) for v in FIXED_VALUES[self.answer_type])

    def accepts(self, value: str) -> bool:
        """True when ``value`` lets a gating item pass."""
        if self.answer_type is AnswerType.TEXT:
            return bool(value.strip())
        return value in self.accept


@dataclass(frozen=True)
class PhaseDefinition:
    """A phase, when it happens and what must hold before it can be completed."""

    phase: Phase
    label: str
    when: str
    requires: tuple[Precondition, ...]


@dataclass(frozen=True)
class ChecklistDefinition:
    """The whole checklist as reference data."""

    version: str
    source: str
    verified: bool
    phases: tuple[PhaseDefinition, ...]
    items: tuple[ChecklistItem, ...]
    messages: Mapping[Precondition, str]

    def phase(self, phase: Phase) -> PhaseDefinition:
        """The definition of ``phase``."""
        return next(p for p in self.phases if p.phase is phase)

    def item(self, item_id: str) -> ChecklistItem | None:
        """The item called ``item_id``, or None."""
        return next((i for i in self.items if i.id == item_id), None)

    def items_for(self, phase: Phase, facts: CaseFacts) -> tuple[ChecklistItem, ...]:
        """The items of ``phase`` that apply to this case, in order."""
        return tuple(i for i in self.items if i.phase is phase and facts.applies(i.applies_when))


@dataclass(frozen=True)
class CaseFacts:
    """What the checklist needs to know about the case, decided elsewhere."""

    consent_signed: bool
    bleeding_plan_cleared: bool
    site_marking_applies: bool
    site_marked: bool
    sedation: bool = True

    def holds(self, precondition: Precondition) -> bool:
        """True when ``precondition`` is met (site marking only counts where it applies)."""
        if precondition is Precondition.CONSENT_SIGNED:
            return self.consent_signed
        if precondition is Precondition.BLEEDING_PLAN_CLEARED:
            return self.bleeding_plan_cleared
        return self.site_marked or not self.site_marking_applies

    def applies(self, condition: Condition | None) -> bool:
        """True when an item with ``applies_when = condition`` is part of this case."""
        if condition is None:
            return True
        if condition is Condition.SITE_MARKING:
            return self.site_marking_applies
        return self.sedation


@dataclass(frozen=True)
class ItemAnswer:
    """An answer, who gave it and when."""

    item_id: str
    value: str
    by: str
    at: datetime


@dataclass(frozen=True)
class PhaseCompletion:
    """Who completed a phase and when."""

    phase: Phase
    by: str
    at: datetime


@dataclass(frozen=True)
class ChecklistState:
    """A checklist in progress: the latest answer per item and the completed phases."""

    answers: Mapping[str, ItemAnswer] = field(default_factory=dict)
    completed: Mapping[Phase, PhaseCompletion] = field(default_factory=dict)

    def is_completed(self, phase: Phase) -> bool:
        """True when ``phase`` has been completed."""
        return phase in self.completed


@dataclass(frozen=True)
class Problem:
    """One reason for refusing an answer or a phase completion."""

    code: ProblemCode
    message: str
    item_id: str | None = None
    precondition: Precondition | None = None


class ChecklistRefused(ValueError):
    """An answer or a phase completion was refused; ``problems`` says why and what to do."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__(" ".join(p.message for p in self.problems))


def current_phase(state: ChecklistState) -> Phase | None:
    """The first phase not yet completed, or None when the checklist is complete."""
    return next((p for p in PHASE_ORDER if not state.is_completed(p)), None)


def _open_earlier_phase(state: ChecklistState, phase: Phase) -> Problem | None:
    for earlier in PHASE_ORDER[: PHASE_ORDER.index(phase)]:
        if not state.is_completed(earlier):
            label = earlier.value.replace("_", " ")
            return Problem(
                ProblemCode.PREVIOUS_PHASE_OPEN, f"Complete the {label} first.", None, None
            )
    return None


def _check_answer(
    definition: ChecklistDefinition,
    state: ChecklistState,
    facts: CaseFacts,
    item_id: str,
    value: str,
) -> tuple[ChecklistItem, list[Problem]]:
    item = definition.item(item_id)
    if item is None:
        raise ChecklistRefused(
            [Problem(ProblemCode.UNKNOWN_ITEM, f"There is no checklist item {item_id!r}.", item_id)]
        )
    problems: list[Problem] = []
    if state.is_completed(item.phase):
        msg = "This phase is already completed; its answers can no longer change."
        problems.append(Problem(ProblemCode.PHASE_COMPLETED, msg, item_id))
    earlier = _open_earlier_phase(state, item.phase)
    if earlier is not None:
        problems.append(replace(earlier, item_id=item_id))
    if not facts.applies(item.applies_when):
        msg = "This item does not apply to this case."
        problems.append(Problem(ProblemCode.NOT_APPLICABLE, msg, item_id))
    allowed = item.allowed_values()
    if allowed is not None and value not in allowed:
        msg = f"Answer one of: {', '.join(allowed)}."
        problems.append(Problem(ProblemCode.INVALID_ANSWER, msg, item_id))
    elif item.requires is not None and item.accepts(value) and not facts.holds(item.requires):
        msg = definition.messages[item.requires]
        problems.append(Problem(ProblemCode.PRECONDITION_UNMET, msg, item_id, item.requires))
    return item, problems


def answer(
    definition: ChecklistDefinition,
    state: ChecklistState,
    facts: CaseFacts,
    item_id: str,
    value: str,
    by: str,
    at: datetime,
) -> ChecklistState:
    """Record ``value`` as the answer to ``item_id``; raise ChecklistRefused when it cannot be.

    An item that depends on a precondition (consent, bleeding plan, site marking) refuses an
    accepting answer while the precondition is unmet; a negative answer is recorded.
    """
    _item, problems = _check_answer(definition, state, facts, item_id, value)
    if problems:
        raise ChecklistRefused(problems)
    answers = dict(state.answers)
    answers[item_id] = ItemAnswer(item_id=item_id, value=value, by=by, at=at)
    return replace(state, answers=MappingProxyType(answers))


def _item_problem(item: ChecklistItem, given: ItemAnswer | None) -> Problem | None:
    if given is None:
        if not item.gates:
            return None
        return Problem(ProblemCode.UNANSWERED, f"Answer: {item.text}.", item.id)
    if item.gates and not item.accepts(given.value):
        msg = f"Resolve before going on: {item.text} (answered {given.value!r})."
        return Problem(ProblemCode.NOT_ACCEPTED, msg, item.id)
    return None


def blockers(
    definition: ChecklistDefinition, state: ChecklistState, facts: CaseFacts, phase: Phase
) -> tuple[Problem, ...]:
    """Every reason ``phase`` cannot be completed now (empty when it can)."""
    problems: list[Problem] = []
    if state.is_completed(phase):
        msg = "This phase is already completed."
        problems.append(Problem(ProblemCode.PHASE_COMPLETED, msg))
    earlier = _open_earlier_phase(state, phase)
    if earlier is not None:
        problems.append(earlier)
    for precondition in definition.phase(phase).requires:
        if not facts.holds(precondition):
            msg = definition.messages[precondition]
            problems.append(Problem(ProblemCode.PRECONDITION_UNMET, msg, precondition=precondition))
    for item in definition.items_for(phase, facts):
        problem = _item_problem(item, state.answers.get(item.id))
        if problem is not None:
            problems.append(problem)
    return tuple(problems)


def complete_phase(
    definition: ChecklistDefinition,
    state: ChecklistState,
    facts: CaseFacts,
    phase: Phase,
    by: str,
    at: datetime,
) -> ChecklistState:
    """Complete ``phase``; raise ChecklistRefused listing what to do when it cannot be.

    The time-out is refused while consent is missing, the bleeding plan is not cleared or the
    site is unmarked where marking applies, even if the sign-in said otherwise earlier.
    """
    problems = blockers(definition, state, facts, phase)
    if problems:
        raise ChecklistRefused(problems)
    completed = dict(state.completed)
    completed[phase] = PhaseCompletion(phase=phase, by=by, at=at)
    return replace(state, completed=MappingProxyType(completed))


def is_complete(state: ChecklistState) -> bool:
    """True when sign-in, time-out and sign-out are all completed."""
    return current_phase(state) is None
