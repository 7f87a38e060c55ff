"""Schemas of the catalogue API."""

from __future__ import annotations

from typing import Any

from ninja import Schema

from irsuite.cases.catalogue.models import CatalogueEntry


class CatalogueOut(Schema):
    code: str
    name: str
    family: str
    subfamily: str
    vascular: bool
    guidance: list[str]
    bleeding_risk: str
    fluoro_dose_expected: bool
    default_duration_min: int
    cpt: list[dict[str, str]]
    consent: dict[str, Any]
    follow_up: list[dict[str, Any]]
    quality: list[dict[str, Any]]
    source: str
    verified: bool
    version: str


class CataloguePage(Schema):
    items: list[CatalogueOut]
    count: int


def catalogue_out(entry: CatalogueEntry) -> CatalogueOut:
    return CatalogueOut(
        code=entry.code,
        name=entry.name,
        family=entry.family,
        subfamily=entry.subfamily,
        vascular=entry.vascular,
        guidance=entry.guidance,
        bleeding_risk=entry.bleeding_risk,
        fluoro_dose_expected=entry.fluoro_dose_expected,
        default_duration_min=entry.default_duration_min,
        cpt=entry.cpt,
        consent=entry.consent,
        follow_up=entry.follow_up,
        quality=entry.quality,
        source=entry.source,
        verified=entry.verified,
        version=entry.catalogue_version,
    )
