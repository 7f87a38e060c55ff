"""`irsuite load-reference`: (re)load the versioned reference data, idempotently."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from irsuite.cases import reference
from irsuite.cases.catalogue.services import load_catalogue
from irsuite.domain.catalogue import CatalogueError
from irsuite.reference.loader import EXTRA_LOADERS


class Command(BaseCommand):
    help = "Load reference/data/catalogue.toml and the other reference files."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = load_catalogue()
        except CatalogueError as exc:
            raise CommandError(f"The catalogue was not loaded: {exc}") from exc
        self.stdout.write(
            f"catalogue {result.version}: {result.created} new, {result.updated} updated, "
            f"{result.unchanged} unchanged, {result.deactivated} withdrawn"
        )
        self.stdout.write(f"{reference.LIMITS_FILE}: {reference.check_reference()}")
        for name, loader in sorted(EXTRA_LOADERS.items()):
            self.stdout.write(f"{name}: {loader()}")
