"""`irsuite breakglass NAME --reason TEXT`: an emergency superuser, created on the command line.

The only way to get a Django superuser: it bypasses roles in the admin, so it exists for
emergencies (every other administrator is locked out, a role table is broken) and is audited
with its reason. Remove it with `irsuite breakglass NAME --revoke` when the emergency is over.
"""

from __future__ import annotations

import sys
from typing import Any

from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from irsuite.audit.models import AuditAction
from irsuite.audit.services import record


class Command(BaseCommand):
    help = "Create (or --revoke) an emergency superuser account; the reason is audited."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name")
        parser.add_argument("--reason", default="", help="why the emergency access is needed")
        parser.add_argument("--revoke", action="store_true", help="disable the account")
        parser.add_argument(
            "--password-stdin", action="store_true", help="read the password from standard input"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["revoke"]:
            self._revoke(options["name"])
            return
        reason = options["reason"].strip()
        if not reason:
            raise CommandError("Say why emergency access is needed: --reason 'what happened'.")
        if User.objects.filter(username=options["name"]).exists():
            raise CommandError(f"A user named {options['name']!r} exists; choose another name.")
        password = sys.stdin.readline().rstrip("\n") if options["password_stdin"] else ""
        if not password:
            raise CommandError("Give the password on standard input with --password-stdin.")
        try:
            validate_password(password, User(username=options["name"]))
        except ValidationError as exc:
            raise CommandError("Password refused: " + " ".join(exc.messages)) from exc
        with transaction.atomic():
            user = User.objects.create_superuser(
                username=options["name"], email="", password=password
            )
            record(
                None,
                AuditAction.OVERRIDE,
                user,
                summary=f"break-glass superuser {user.username} created",
                reason=reason,
                channel="cli",
            )
        self.stdout.write(
            f"Created emergency superuser {user.username}. Revoke it when the emergency is over: "
            f"irsuite breakglass {user.username} --revoke"
        )

    def _revoke(self, name: str) -> None:
        user = User.objects.filter(username=name, is_superuser=True).first()
        if user is None:
            raise CommandError(f"There is no emergency superuser named {name!r}.")
        with transaction.atomic():
            User.objects.filter(pk=user.pk).update(is_active=False, is_superuser=False)
            record(
                None,
                AuditAction.OVERRIDE,
                user,
                summary=f"break-glass superuser {name} revoked",
                channel="cli",
            )
        self.stdout.write(f"Revoked {name}.")
