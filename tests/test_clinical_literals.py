"""Clinical numbers are reference data with a source and a `verified` flag, never literals.

This walks every module of src/irsuite outside `domain/` (whose defaults are named and cited),
`reference/` (the data itself), `demo/` (made-up cases) and migrations, and finds numbers used
as limits: in comparisons, in model validators and in API field bounds. Each one must be in the
list below with the reason it is not clinical; a new clinical limit written in code fails here
and belongs in reference/data instead.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "irsuite"
SKIPPED = ("domain/", "reference/", "demo/")
STRUCTURAL = {0, 1, -1}
BOUND_KEYWORDS = {"ge", "le", "gt", "lt"}
VALIDATORS = {"MinValueValidator", "MaxValueValidator"}

SEDATION_STORE = "storage bound of the sedation tables (migration 0001); checks use recovery.toml"
ALLOWED: dict[str, dict[str, str]] = {
    "audit/reads.py": {"200 <= response.status_code < 300": "HTTP success range"},
    "cases/reference.py": {"len(bounds) != 2": "a bound is a [low, high] pair"},
    "bounds.py": {
        "Field(ge=1, le=DB_INT_MAX)": "database id range (64-bit integers)",
        "Field(ge=1, le=PAGE_MAX)": "rows of one API list page",
        "Field(ge=0, le=OFFSET_MAX)": "first row of an API list page",
    },
    "dose/alerts/services.py": {"check.studies < 2": "a cumulative check needs two studies"},
    "dose/importing/pipeline.py": {"workers < 2": "one worker means no pool"},
    "dose/importing/synthetic.py": {"rng.random() < 0.67": "synthetic test files"},
    "outcomes/followup/api.py": {"Field(ge=0, le=HORIZON_MAX_DAYS)": "days a due list looks ahead"},
    "people/models.py": {
        "MinValueValidator(0.05)": "full-time equivalent, an employment fraction",
        "MaxValueValidator(1)": "full-time equivalent, an employment fraction",
    },
    "people/tokens.py": {
        "(now - found.last_used_at).total_seconds() > 300": "token last-use write throttle"
    },
    "safety/report/models.py": {"MaxValueValidator(3650)": "follow-up plan: at most ten years"},
    "safety/report/services.py": {"0 <= after_days <= 3650": "follow-up plan: at most ten years"},
    "safety/sedation/models.py": {
        "MinValueValidator(40)": SEDATION_STORE,
        "MaxValueValidator(300)": SEDATION_STORE,
        "MinValueValidator(0)": SEDATION_STORE,
        "MaxValueValidator(200)": SEDATION_STORE,
        "MaxValueValidator(80)": SEDATION_STORE,
        "MaxValueValidator(100)": "a percentage (SpO2)",
        "MinValueValidator(1)": "Ramsay scale lower end (the scale itself, not a limit)",
        "MaxValueValidator(6)": "Ramsay scale upper end (the scale itself, not a limit)",
        "MaxValueValidator(2)": "modified Aldrete item scores run 0 to 2 (the scale itself)",
        "MaxValueValidator(10)": "modified Aldrete total runs 0 to 10 (the scale itself)",
    },
    "scheduling/roster/views.py": {
        "1 <= month <= 12": "calendar months",
        "2000 <= year <= 2100": "calendar years a roster page accepts",
    },
    "scheduling/swaps/views.py": {"exc.status_code == 403": "HTTP status"},
    "settings.py": {"len(key) < 32": "research key length (bytes of HMAC key)"},
    "web/audit/views.py": {"len(text) < 19": "digits of a 64-bit id"},
}


def _limits(node: ast.AST) -> list[object]:
    if isinstance(node, ast.Compare):
        operands = [node.left, *node.comparators]
        return [c.value for c in operands if _number(c) and c.value not in STRUCTURAL]
    if isinstance(node, ast.Call):
        name = getattr(node.func, "id", getattr(node.func, "attr", ""))
        if name in VALIDATORS:
            return [a.value for a in node.args if _number(a)]
        if name == "Field":
            bounds = [k.value for k in node.keywords if k.arg in BOUND_KEYWORDS]
            return [b.value for b in bounds if _number(b)]
    return []


def _number(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and type(node.value) in (int, float)


def numeric_limits() -> list[tuple[str, str]]:
    """(module, source text) of every numeric limit written in the product's code."""
    found = []
    for path in sorted(SRC.rglob("*.py")):
        relative = path.relative_to(SRC).as_posix()
        if relative.startswith(SKIPPED) or "/migrations/" in relative:
            continue
        text = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(text)):
            if _limits(node):
                found.append((relative, ast.get_source_segment(text, node) or ""))
    return found


def test_no_clinical_number_is_written_in_code():
    unexplained = [
        f"{module}: {source}"
        for module, source in numeric_limits()
        if source not in ALLOWED.get(module, {})
    ]
    assert unexplained == [], "move these limits to reference/data (with source and verified)"


def test_the_walk_finds_limits_where_they_are_written():
    found = numeric_limits()
    assert ("scheduling/roster/views.py", "1 <= month <= 12") in found
    assert any(module.startswith("safety/sedation/") for module, _ in found)


def test_every_allowed_literal_still_exists():
    found = set(numeric_limits())
    stale = [
        f"{module}: {source}"
        for module, sources in ALLOWED.items()
        for source in sources
        if (module, source) not in found
    ]
    assert stale == []
