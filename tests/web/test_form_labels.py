"""Every form speaks clinical words: each form class defined in irsuite is found by walking the
package, built as its pages build it, and each visible field's label must be more than the
field's name with its underscores turned into spaces ("Asa class", "Arterial sheath fr"),
unless the name is itself a plain word a clinician uses; no label holds an underscore or an
abbreviation outside the accepted clinical and unit abbreviations below."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re

import pytest
from django import forms

import irsuite

pytestmark = pytest.mark.django_db

# Field names that are plain words, or clinical terms, a clinician uses as they are: the default
# label already says it.
PLAIN_WORDS = frozenset(
    {
        "action",  # IVC filter report: plan retrieval, retrieved, keep, lost
        "activity",  # the Aldrete score's items (reference/data/recovery.toml)
        "circulation",
        "consciousness",
        "oxygen_saturation",
        "respiration",
        "airway_concerns",
        "allergies",
        "category",
        "chronic_liver_disease",
        "clinician",
        "closure",
        "comment",
        "date_of_death",
        "description",
        "disposition",
        "dose",
        "drug",
        "fasting_status",
        "findings",
        "imaging_response",  # SIR reporting standards: clinical success
        "learning_points",  # M&M conference
        "manufacturer",
        "no_known_allergies",
        "notes",
        "operator",
        "outcome",
        "patency",
        "pregnancy_status",
        "priority",
        "quantity",
        "reason",
        "referring_service",
        "room",
        "route",  # route of administration
        "score",
        "sequelae",
        "symptom_relief",
        "technical_success",  # SIR reporting standards
        "timing",
        "title",
        "treatment",
        "unit",
    }
)
# Abbreviations a clinician reads without expansion, and the units of measure.
ACCEPTED_ABBREVIATIONS = frozenset(
    {
        "ASA",  # ASA physical status
        "CIRSE",  # CIRSE complication classification
        "CM",  # ICD-10-CM
        "eGFR",
        "Fr",  # French catheter scale
        "ICD",
        "INR",
        "IVC",
        "KAP",  # kerma-area product
        "MRN",
        "SIR",  # SIR adverse event classification
        "SpO2",
        "UDI",  # FDA unique device identifier
        "mGy",
        "mL",
        "mmHg",
    }
)
# A word with two capitals, or a capital after a small letter, is an abbreviation.
ABBREVIATION = re.compile(r"\b(?=\w*[A-Z]\w*[A-Z]|\w*[a-z][A-Z])\w+\b")
# Modules that only start the program, and the migrations, define no form.
NOT_IMPORTED = re.compile(r"^irsuite\.(__main__|settings|wsgi)$|\.migrations(\.|$)")


def form_classes() -> list[type[forms.BaseForm]]:
    """Every concrete form class defined in irsuite, each module of the package imported."""
    for module in pkgutil.walk_packages(irsuite.__path__, "irsuite."):
        if not NOT_IMPORTED.search(module.name):
            importlib.import_module(module.name)
    found: dict[str, type[forms.BaseForm]] = {}
    pending: list[type] = [forms.BaseForm]
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.__module__.startswith("irsuite.") and not inspect.isabstract(cls):
            found[f"{cls.__module__}.{cls.__qualname__}"] = cls
    return [found[name] for name in sorted(found)]


def build(cls: type[forms.BaseForm], context: dict[str, object]) -> forms.BaseForm:
    """The form as its page builds it: every argument its ``__init__`` requires by name."""
    needed = {}
    for name, parameter in inspect.signature(cls.__init__).parameters.items():
        if name == "self" or parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
            continue
        if parameter.default is parameter.empty:
            assert name in context, f"{cls.__qualname__} needs `{name}`: teach build() to make one"
            needed[name] = context[name]
    return cls(**needed)


@pytest.fixture
def built_forms(open_procedure) -> list[tuple[str, forms.BaseForm]]:  # type: ignore[no-untyped-def]
    """Each form of irsuite, built with the objects of one open case."""
    context = {"site": open_procedure.request.site, "procedure": open_procedure}
    return [(f"{cls.__module__}.{cls.__qualname__}", build(cls, context)) for cls in form_classes()]


def default_label(name: str) -> str:
    return name.replace("_", " ").capitalize()


def test_every_form_of_irsuite_is_found(built_forms):  # type: ignore[no-untyped-def]
    names = {name.rsplit(".", 1)[1] for name, _ in built_forms}
    assert {"RequestForm", "AssessmentForm", "DrugForm", "AeForm", "FilterActionForm"} <= names


def test_no_field_is_labelled_by_its_name(built_forms):  # type: ignore[no-untyped-def]
    raw = [
        f"{where}.{field.name}: {field.label!r}"
        for where, form in built_forms
        for field in form.visible_fields()
        if field.label == default_label(field.name) and field.name not in PLAIN_WORDS
    ]
    assert not raw, "labels that only repeat the field's name:\n" + "\n".join(raw)


def test_labels_hold_no_underscore_and_no_unexplained_abbreviation(built_forms):  # type: ignore[no-untyped-def]
    bad = []
    for where, form in built_forms:
        for field in form.visible_fields():
            label = str(field.label)
            unknown = set(ABBREVIATION.findall(label)) - ACCEPTED_ABBREVIATIONS
            if "_" in label or unknown:
                bad.append(f"{where}.{field.name}: {label!r}")
    assert not bad, "labels with a key or an abbreviation a reader may not know:\n" + "\n".join(bad)


def test_the_work_up_asks_in_clinical_words(built_forms):  # type: ignore[no-untyped-def]
    form = dict(built_forms)["irsuite.safety.workup.forms.AssessmentForm"]
    assert form["asa_class"].label == "ASA physical status class"
    assert form["arterial_sheath_fr"].label == "Arterial sheath size (Fr)"
