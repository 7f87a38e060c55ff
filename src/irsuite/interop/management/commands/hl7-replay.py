"""`irsuite hl7-replay ID...`: apply kept inbox messages again (after fixing a mapping)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from irsuite.errors import ServiceError
from irsuite.interop.hl7.inbound.services import replay
from irsuite.interop.hl7.models import InboxMessage


class Command(BaseCommand):
    help = "Replay inbox messages by id (as shown on the interfaces page)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("ids", nargs="+", type=int)

    def handle(self, *args: Any, **options: Any) -> None:
        failed = False
        for pk in options["ids"]:
            row = InboxMessage.objects.filter(pk=pk).first()
            if row is None:
                self.stderr.write(f"{pk}: no inbox message has this id.")
                failed = True
                continue
            try:
                row = replay(row, by=None)
            except ServiceError as exc:
                self.stderr.write(f"{pk}: {exc.message}")
                failed = True
                continue
            self.stdout.write(f"{pk}: {row.ack_code} {row.status} {row.reason}".rstrip())
        if failed:
            raise CommandError("Some messages were not replayed.")
