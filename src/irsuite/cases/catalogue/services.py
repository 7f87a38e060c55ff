"""Loading the procedure catalogue (reference/data/catalogue.toml) into its tables."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

from irsuite.cases.catalogue.models import CatalogueEntry, CatalogueVersion
from irsuite.reference.loader import read_catalogue


@dataclass(frozen=True)
class LoadResult:
    version: str
    created: int
    updated: int
    unchanged: int
    deactivated: int


def _entry_fields(entry: Any, version: str) -> dict[str, Any]:
    return {
        "name": entry.name,
        "family": entry.family.value,
        "subfamily": entry.subfamily,
        "vascular": entry.vascular,
        "guidance": [g.value for g in entry.guidance],
        "bleeding_risk": entry.bleeding_risk.value,
        "fluoro_dose_expected": entry.fluoro_dose_expected,
        "default_duration_min": entry.default_duration_min,
        "anaesthesia_usual": entry.anaesthesia_usual,
        "site_marking": entry.site_marking,
        "room_capability": entry.room_capability.value,
        "cpt": [{"code": c.code, "label": c.label} for c in entry.cpt],
        "consent": {
            "risks": [{"text": r.text, "frequency": r.frequency} for r in entry.consent.risks],
            "benefits": list(entry.consent.benefits),
            "alternatives": list(entry.consent.alternatives),
        },
        "follow_up": [
            {
                "kind": f.kind.value,
                "after_days": f.after_days,
                "window_days": f.window_days,
                "text": f.text,
            }
            for f in entry.follow_up
        ],
        "quality": [
            {
                "indicator": q.indicator,
                "label": q.label,
                "kind": q.kind.value,
                "threshold": q.threshold,
                "direction": q.direction.value,
                "source": q.source,
                "verified": q.verified,
            }
            for q in entry.quality
        ],
        "discharge_instructions": entry.discharge_instructions,
        "source": entry.source,
        "verified": entry.verified,
        "catalogue_version": version,
        "active": True,
    }


@transaction.atomic
def load_catalogue(path: Path | None = None) -> LoadResult:
    """Upsert every entry; entries no longer in the file are deactivated, never deleted."""
    catalogue, digest = read_catalogue(path)
    existing = {e.code: e for e in CatalogueEntry.objects.all()}
    created = updated = unchanged = 0
    for entry in catalogue.entries:
        fields = _entry_fields(entry, catalogue.version)
        current = existing.get(entry.code)
        if current is None:
            CatalogueEntry.objects.create(code=entry.code, **fields)
            created += 1
        elif any(getattr(current, k) != v for k, v in fields.items()):
            for key, value in fields.items():
                setattr(current, key, value)
            current.save()
            updated += 1
        else:
            unchanged += 1
    codes = {e.code for e in catalogue.entries}
    deactivated = (
        CatalogueEntry.objects.exclude(code__in=codes).filter(active=True).update(active=False)
    )
    latest = CatalogueVersion.objects.first()
    if latest is None or latest.digest != digest:
        CatalogueVersion.objects.create(
            version=catalogue.version, source=catalogue.source, digest=digest
        )
    return LoadResult(catalogue.version, created, updated, unchanged, deactivated)
